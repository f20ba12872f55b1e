/** Where a span sits in a tree parsed without parent pointers: the nodes from the file down to it. */
import ts from 'typescript';
import type { Span } from '../ir';

/** The expression that starts and ends exactly at `span`, outermost first, after its ancestors from the file down. */
export function ancestorsOf(sourceFile: ts.SourceFile, span: Span): ts.Node[] | undefined {
  const path: ts.Node[] = [];
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.end < span.end || node.pos > span.start) return;
    path.push(node);
    if (node.getStart(sourceFile) === span.start && node.end === span.end) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
    if (!found) path.pop();
  };
  visit(sourceFile);
  return found ? path : undefined;
}
