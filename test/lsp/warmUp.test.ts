/**
 * The server's warm-up (server/src/lsp/warmUp.ts): after a document's first analysis it types a
 * line break into the document and undoes it, through the analysis the document's next version
 * would get, and leaves the parser with the document's own text; a document the user is already
 * typing in is left alone, and only the first documents are warmed.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { WarmUp } from '../../server/src/lsp/warmUp';
import { WARM_UP_SAMPLE } from '../../server/src/lsp/warmUpSample';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

describe('server warm-up', () => {
  it('types a line break into the middle of a newly analysed document, then undoes it', async () => {
    const warmUp = new WarmUp(() => true);
    const text = 'line one\nline two\nline three\nline four\n';
    const analysed: string[] = [];
    warmUp.analysed('file:///a.ts', 1, text, true, (edited) => analysed.push(edited));
    await settle();
    assert.equal(analysed.length, 2);
    assert.equal(analysed[0].replace('\n\n', '\n'), text, 'one line break typed, nothing else');
    assert.notEqual(analysed[0], text);
    assert.equal(analysed[1], text, 'the undo analyses the document text again');
  });

  it('leaves alone a document that changed meanwhile, one without models, and a document seen before', async () => {
    let current = false;
    const warmUp = new WarmUp(() => current);
    const analysed: string[] = [];
    warmUp.analysed('file:///typing.ts', 1, 'a\nb\n', true, (edited) => analysed.push(edited));
    warmUp.analysed('file:///no-models.ts', 1, 'a\nb\n', false, (edited) => analysed.push(edited));
    await settle();
    assert.equal(analysed.length, 0);
    current = true;
    warmUp.analysed('file:///typing.ts', 2, 'a\nb\n', true, (edited) => analysed.push(edited));
    await settle();
    assert.equal(analysed.length, 0, "only a document's first analysis warms up");
  });

  it('warms the first two documents only: the compiled code serves every later one', async () => {
    const warmUp = new WarmUp(() => true);
    const warmed = new Set<string>();
    for (const name of ['a', 'b', 'c']) warmUp.analysed(`file:///${name}.ts`, 1, 'x\ny\n', true, () => warmed.add(name));
    await settle();
    assert.deepEqual([...warmed], ['a', 'b']);
  });

  it('warms up on a sample in which the engine finds models of several styles', () => {
    const result = analyze(WARM_UP_SAMPLE, 'warm-up.ts');
    assert.ok(result.models.length >= 3, `${result.models.length} models`);
    assert.equal(result.skipped, undefined);
  });
});
