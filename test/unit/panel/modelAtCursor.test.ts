import assert from 'node:assert/strict';
import { modelIndexAt } from '../../../client/src/panel/modelAtCursor';
import type { AnalysisResponse, PanelModel } from '../../../server/src/engine/protocol';

function modelSpanning(startLine: number, endLine: number): PanelModel {
  return { range: { start: { line: startLine, character: 2 }, end: { line: endLine, character: 10 } } } as PanelModel;
}

describe('panel: model under the cursor', () => {
  const response: AnalysisResponse = { uri: 'file:///a.ts', version: 1, models: [modelSpanning(2, 8), modelSpanning(12, 30), modelSpanning(14, 16)] };

  it('finds the model whose definition contains the cursor, ends included', () => {
    assert.equal(modelIndexAt(response, { line: 5, character: 0 }), 0);
    assert.equal(modelIndexAt(response, { line: 2, character: 2 }), 0);
    assert.equal(modelIndexAt(response, { line: 8, character: 10 }), 0);
    assert.equal(modelIndexAt(response, { line: 20, character: 0 }), 1);
  });

  it('prefers the innermost of nested definitions', () => assert.equal(modelIndexAt(response, { line: 15, character: 0 }), 2));

  it('finds none outside every model', () => {
    assert.equal(modelIndexAt(response, { line: 2, character: 1 }), undefined);
    assert.equal(modelIndexAt(response, { line: 10, character: 0 }), undefined);
  });
});
