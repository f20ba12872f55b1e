/**
 * The literal tokens of a source text, as the TypeScript scanner reads them without a parse:
 * number and string literals of the code, not the digits or quotes of a comment. Template
 * substitutions and regular expressions are followed, so a `}` resumes a template's text and a
 * quote inside `/['"]/` opens no string. For fixes that look for where a value is written.
 */
import ts from 'typescript';
import type { Span } from './ir';

const { SyntaxKind } = ts;

/** Tokens after which a slash divides: the end of a value. Elsewhere it starts a regular expression. */
const ENDS_A_VALUE: ReadonlySet<ts.SyntaxKind> = new Set([
  SyntaxKind.Identifier, SyntaxKind.NumericLiteral, SyntaxKind.BigIntLiteral, SyntaxKind.StringLiteral,
  SyntaxKind.NoSubstitutionTemplateLiteral, SyntaxKind.TemplateTail, SyntaxKind.RegularExpressionLiteral,
  SyntaxKind.CloseParenToken, SyntaxKind.CloseBracketToken, SyntaxKind.CloseBraceToken,
  SyntaxKind.ThisKeyword, SyntaxKind.SuperKeyword, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword,
  SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken,
]);

export type LiteralKind = 'number' | 'string';

/** Calls `visit` with each number literal and plain string literal (quotes or backticks without substitutions), its value and span. */
export function forEachLiteral(text: string, visit: (kind: LiteralKind, value: string, span: Span) => void): void {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  // Per open brace, whether it opened a template substitution (`${`): its `}` resumes the template's text.
  const braces: boolean[] = [];
  let previous: ts.SyntaxKind = SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EndOfFileToken; previous = kind, kind = scanner.scan()) {
    if ((kind === SyntaxKind.SlashToken || kind === SyntaxKind.SlashEqualsToken) && !ENDS_A_VALUE.has(previous)) kind = scanner.reScanSlashToken();
    if (kind === SyntaxKind.TemplateHead || kind === SyntaxKind.OpenBraceToken) braces.push(kind === SyntaxKind.TemplateHead);
    else if (kind === SyntaxKind.CloseBraceToken && braces.pop() && scanner.reScanTemplateToken(false) === SyntaxKind.TemplateMiddle) braces.push(true);
    else if (kind === SyntaxKind.NumericLiteral) visit('number', scanner.getTokenValue(), { start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
    else if (kind === SyntaxKind.StringLiteral || kind === SyntaxKind.NoSubstitutionTemplateLiteral) visit('string', scanner.getTokenValue(), { start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
  }
}
