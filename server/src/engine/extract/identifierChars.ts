/**
 * Character tests for the text scans that run before (or instead of) a parse: the pre-check for
 * the global `tf` and the called-by-name scan. ASCII identifier characters are what tfjs code uses.
 */
export function isIdentifierChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}
