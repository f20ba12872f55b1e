/**
 * Relative module specifiers and the files they name, as text: what the workspace import index
 * (importIndex.ts) and the interpreter's imports share. Nothing here runs code, so the index loads
 * without the interpreter.
 */
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js'];

/** Joins a relative specifier to the importing file's directory ('/' or '\\' separators). */
export function resolveRelative(fromFile: string, specifier: string): string {
  const separator = fromFile.includes('\\') && !fromFile.includes('/') ? '\\' : '/';
  const parts = fromFile.split(/[\\/]/);
  parts.pop();
  for (const segment of specifier.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join(separator);
}

/** Whether a relative specifier written in `fromFile` can name `fileName` (one of the names tried for it). */
export function specifierReaches(fromFile: string, specifier: string, fileName: string): boolean {
  return specifierTargets(fromFile, specifier).includes(fileName);
}

/** A worker's entry file as written (`'train-worker.js'` joined to `__dirname`) as a relative specifier. */
export function asRelative(path: string): string {
  return path.startsWith('.') ? path : `./${path}`;
}

/** The file names a specifier written in `fromFile` may name: none unless it is relative. */
export function specifierTargets(fromFile: string, specifier: string): string[] {
  return specifier.startsWith('.') ? candidates(resolveRelative(fromFile, specifier)) : [];
}

export function candidates(base: string): string[] {
  const names = EXTENSIONS.map((extension) => base + extension);
  // TypeScript sources import './x.js' meaning './x.ts'.
  const js = /\.(m|c)?js$/.exec(base);
  if (js) names.push(base.slice(0, -js[0].length) + '.ts', base.slice(0, -js[0].length) + '.tsx');
  return names;
}
