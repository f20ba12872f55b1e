import assert from 'node:assert/strict';
import { summarize } from '../../../media/src/summary';
import type { FlowPrediction } from '../../../server/src/engine/flow/prediction';
import type { PanelFinding, PanelFix, PanelModel } from '../../../server/src/engine/protocol';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function flow(log10Ratio: number | undefined, kernels = 3): FlowPrediction {
  return { layers: Array.from({ length: kernels }, (_, i) => ({ layerIndex: i, hasKernel: true, log10GradNorm: -i })), paths: [], log10Ratio, assumptions: [] };
}

function model(overrides: { findings?: PanelFinding['rule'][]; severity?: PanelFinding['severity']; fixes?: boolean[]; flow?: FlowPrediction; fixed?: FlowPrediction }): PanelModel {
  const findings = (overrides.findings ?? []).map((rule) => ({ rule, severity: overrides.severity ?? 'warning', message: rule, range }));
  const fixes: PanelFix[] = (overrides.fixes ?? []).map((preferred) => ({ rule: 'vanishing-gradient', title: 'fix', preferred, edits: [] }));
  return {
    name: 'net',
    range,
    layerRanges: [],
    ir: {} as PanelModel['ir'],
    flow: overrides.flow ?? flow(-0.2),
    ...(overrides.fixed && { fixed: { ir: {} as PanelModel['ir'], flow: overrides.fixed } }),
    findings,
    fixes,
    assumptions: [],
  };
}

describe('panel: one-sentence summary', () => {
  it('says the gradients vanish, by how much, and what the preferred fix would give', () => {
    assert.equal(
      summarize(model({ findings: ['vanishing-gradient'], flow: flow(-5.3), fixes: [true, false], fixed: flow(-0.62) })),
      "net (3 weight layers): gradients vanish: the first layer's gradient is 5.0e-6 × the last layer's; with the suggested fix it would be 0.24.",
    );
  });

  it('counts several preferred fixes', () => {
    assert.match(summarize(model({ findings: ['exploding-gradient'], flow: flow(2.5), fixes: [true, true], fixed: flow(0.1) })), /gradients explode: the first layer.s gradient is 320 × the last layer.s; with the 2 suggested fixes it would be 1\.3\.$/);
  });

  it('calls a model without findings healthy, and one with other warnings not quite', () => {
    assert.match(summarize(model({})), /^net \(3 weight layers\): gradients flow evenly: the first layer's gradient is 0\.63 × the last layer's\.$/);
    assert.match(summarize(model({ findings: ['high-learning-rate'] })), /gradients flow, with problems to fix/);
    assert.match(summarize(model({ findings: ['deep-without-skip'], severity: 'hint' })), /gradients flow evenly/);
  });

  it('says so when there is no weight layer to predict', () => {
    assert.equal(summarize(model({ flow: { layers: [], paths: [], assumptions: ['layer opaque_1 is treated as identity'] } })), 'net: no weight layers whose gradient could be predicted (layer opaque_1 is treated as identity).');
  });
});
