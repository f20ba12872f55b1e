/** Lists in messages and labels, shared by extraction (variant labels) and the robustness scenarios. */

/** `a, b and c` when there are at most `shown` items, else `a, b, c and 9 more`. */
export function fewOf(items: readonly string[], shown: number): string {
  if (items.length <= shown) return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
