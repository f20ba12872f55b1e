/**
 * Facts read from a whole file's syntax tree (the keys it sets on `window`, its React state, its
 * DI providers), each found once per tree: the server gets a new tree when the text changes.
 */
import ts from 'typescript';

/** `collect` run on every node of the file, depth first, once per syntax tree; its findings after. */
export function scanOncePerFile<T>(collect: (node: ts.Node, sourceFile: ts.SourceFile, found: T[]) => void): (sourceFile: ts.SourceFile) => readonly T[] {
  const byFile = new WeakMap<ts.SourceFile, T[]>();
  return (sourceFile) => {
    let found = byFile.get(sourceFile);
    if (found) return found;
    const items: T[] = [];
    const visit = (node: ts.Node): void => {
      collect(node, sourceFile, items);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    found = items;
    byFile.set(sourceFile, found);
    return found;
  };
}
