/** Lists and code excerpts in messages and labels, shared by extraction (variant labels), the rules and the robustness scenarios. */

/** `a, b and c` when there are at most `shown` items, else `a, b, c and 9 more`. */
export function fewOf(items: readonly string[], shown: number): string {
  if (items.length <= shown) return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/** Code quoted in a label or message: on one line, at most 40 characters. */
export function codeExcerpt(code: string): string {
  const text = code.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
