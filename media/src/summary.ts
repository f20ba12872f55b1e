/** The one-sentence summary above the charts (also what screen readers announce). */
import type { PanelModel } from '../../server/src/engine/protocol';
import { formatPower } from './format';

export function summarize(model: PanelModel): string {
  const kernels = model.flow.layers.filter((layer) => layer.hasKernel).length;
  const ratio = model.flow.log10Ratio;
  if (kernels === 0 || ratio === undefined) {
    return `${model.name}: no weight layers whose gradient could be predicted${model.flow.assumptions.length ? ` (${model.flow.assumptions[0]})` : ''}.`;
  }
  const rules = new Set(model.findings.map((finding) => finding.rule));
  const verdict = rules.has('vanishing-gradient')
    ? 'gradients vanish'
    : rules.has('exploding-gradient')
      ? 'gradients explode'
      : model.findings.some((finding) => finding.severity === 'error' || finding.severity === 'warning')
        ? 'gradients flow, with problems to fix'
        : 'gradients flow evenly';
  const fixedRatio = model.fixed?.flow.log10Ratio;
  const preferred = model.fixes.filter((fix) => fix.preferred).length;
  const withFixes =
    preferred > 0 && fixedRatio !== undefined
      ? `; with ${preferred === 1 ? 'the suggested fix' : `the ${preferred} suggested fixes`} it would be ${formatPower(fixedRatio)}`
      : '';
  return `${model.name} (${kernels} weight layers): ${verdict}: the first layer's gradient is ${formatPower(ratio)} × the last layer's${withFixes}.`;
}

