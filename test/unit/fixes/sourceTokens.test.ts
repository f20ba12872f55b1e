/** The literal tokens fixes search: those of the code, not of comments, with templates and regular expressions followed. */
import assert from 'node:assert/strict';
import { forEachLiteral, type LiteralKind } from '../../../server/src/engine/sourceTokens';

function literals(text: string): [LiteralKind, string, string][] {
  const found: [LiteralKind, string, string][] = [];
  forEachLiteral(text, (kind, value, span) => found.push([kind, value, text.slice(span.start, span.end)]));
  return found;
}

describe('literal tokens of a source text', () => {
  const cases: [string, string, [LiteralKind, string, string][]][] = [
    ['comments hold no literal', "const lr = 0.05; // 0.05 or 'fast'\n/* 0.1 */", [['number', '0.05', '0.05']]],
    ['a template resumes after its substitution', "const s = `a ${x + 2} '1.5' ${y}`; const lr = 0.3;", [['number', '2', '2'], ['number', '0.3', '0.3']]],
    ["a regular expression's quotes open no string", "const re = /['\"`]/g; const lr = 0.4;", [['number', '0.4', '0.4']]],
    ['a division is no regular expression', "const half = total / 2 / 'x'.length; const s = 'ok';", [['number', '2', '2'], ['string', 'x', "'x'"], ['string', 'ok', "'ok'"]]],
    ['strings and plain templates, by value', "f('hidden layer', `saída`, 1e-3);", [['string', 'hidden layer', "'hidden layer'"], ['string', 'saída', '`saída`'], ['number', '0.001', '1e-3']]],
  ];
  for (const [title, text, expected] of cases) it(title, () => assert.deepEqual(literals(text), expected));
});
