/**
 * What a declaration's own syntax says of it: whether it is written with a keyword modifier
 * (`export`, `default`, `declare`, `static`), and for a class the expression after `extends`.
 * Reads the node's own modifier list: `ts.getModifiers` returns a filtered copy, one array per
 * statement walked.
 */
import ts from 'typescript';

// TypeScript exports its API through getters: read what the hot path uses once.
const { canHaveModifiers } = ts;

export function hasModifier(node: ts.Node, kind: ts.ModifierSyntaxKind): boolean {
  const modifiers = canHaveModifiers(node) ? node.modifiers : undefined;
  if (!modifiers) return false;
  // Decorators share the list; their kind is never a keyword's.
  for (const modifier of modifiers) if (modifier.kind === kind) return true;
  return false;
}

/** A class declaration with an `extends` clause in a file's text: the cheap test before it is parsed (the file may subclass another's class). */
export const DECLARES_SUBCLASS = /\bclass\s+[\w$]+[^{;]*\bextends\b/;

/** The expression after `extends`, if the class has one. */
export function extendsClause(node: ts.ClassLikeDeclaration): ts.ExpressionWithTypeArguments | undefined {
  return node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
}
