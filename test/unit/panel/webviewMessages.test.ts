import assert from 'node:assert/strict';
import { isServerFix, parsePanelMessage } from '../../../client/src/panel/webviewMessages';
import type { AnalysisResponse, PanelModel } from '../../../server/src/engine/protocol';

const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 13 } };
const edit = { range, newText: "'relu'" };

describe('panel: messages from the webview', () => {
  it('accepts the three well-formed messages, copying only known fields', () => {
    assert.deepEqual(parsePanelMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parsePanelMessage({ type: 'reveal', uri: 'file:///a.ts', range }), { type: 'reveal', uri: 'file:///a.ts', range });
    assert.deepEqual(parsePanelMessage({ type: 'applyFix', uri: 'file:///a.ts', version: 7, edits: [edit] }), {
      type: 'applyFix',
      uri: 'file:///a.ts',
      version: 7,
      edits: [edit],
    });
  });

  const hostile: [string, unknown][] = [
    ['null', null],
    ['a string', 'reveal'],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'openFile', uri: 'file:///etc/passwd' }],
    ['an extra key', { type: 'reveal', uri: 'file:///a.ts', range, command: 'workbench.action.terminal.new' }],
    ['a range with negative numbers', { type: 'reveal', uri: 'file:///a.ts', range: { start: { line: -1, character: 0 }, end: range.end } }],
    ['a range with fractions', { type: 'reveal', uri: 'file:///a.ts', range: { start: { line: 1.5, character: 0 }, end: range.end } }],
    ['a range with strings', { type: 'reveal', uri: 'file:///a.ts', range: { start: { line: '1', character: 0 }, end: range.end } }],
    ['a missing uri', { type: 'reveal', range }],
    ['a fix without a version', { type: 'applyFix', uri: 'file:///a.ts', edits: [edit] }],
    ['a fix with no edits', { type: 'applyFix', uri: 'file:///a.ts', version: 1, edits: [] }],
    ['an edit with non-string text', { type: 'applyFix', uri: 'file:///a.ts', version: 1, edits: [{ range, newText: 42 }] }],
    ['an edit with an extra key', { type: 'applyFix', uri: 'file:///a.ts', version: 1, edits: [{ ...edit, uri: 'file:///b.ts' }] }],
  ];
  for (const [what, message] of hostile) {
    it(`refuses ${what}`, () => assert.equal(parsePanelMessage(message), undefined));
  }
});

describe('panel: only fixes the server computed are applied', () => {
  const model = {
    fixes: [
      { rule: 'vanishing-gradient', title: 'Use relu', preferred: true, edits: [edit, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }] },
    ],
  } as unknown as PanelModel;
  const response: AnalysisResponse = { uri: 'file:///a.ts', version: 2, models: [model] };

  it('accepts the exact edits of a fix', () => assert.equal(isServerFix(response, model.fixes[0].edits), true));
  it('refuses a subset, a changed text or a moved range', () => {
    assert.equal(isServerFix(response, [edit]), false);
    assert.equal(isServerFix(response, [{ ...edit, newText: 'evil()' }, model.fixes[0].edits[1]]), false);
    assert.equal(isServerFix(response, [{ range: { ...range, end: { line: 9, character: 0 } }, newText: edit.newText }, model.fixes[0].edits[1]]), false);
  });
});
