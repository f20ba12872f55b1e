/**
 * tfjs-api-trap, kernel options of the depthwise convolutions, which name their kernels apart
 * (tfjs-layers 4.22 layers/convolutional.js and convolutional_depthwise.js):
 * - separableConv2d throws "Fields kernelInitializer, kernelRegularizer and kernelConstraint are
 *   invalid for SeparableConv2D" when it is constructed with any of them (a Keras or conv2d habit);
 * - depthwiseConv2d silently ignores them: its kernel keeps glorotNormal, unregularized, unconstrained;
 * - separableConv2d initializes its pointwise kernel with `depthwiseInitializer` (or glorotUniform):
 *   a written `pointwiseInitializer` is silently ignored. A hint: the initializer the kernel does get
 *   is what the gradient rules judge, and no option can give the pointwise kernel its own.
 * Verified by running tfjs 4.22 (test/unit/rules/depthwiseKernelOptions.test.ts).
 */
import type { Fix, TextEdit } from '../../findings';
import type { LayerIR, PropIR } from '../../ir';
import type { RuleFinding } from '../rule';
import { DEFAULT_KERNEL_INITIALIZER, DEFAULT_SEPARABLE_INITIALIZER } from '../../tfjs/layers';

/** The conv2d option and the depthwise options that take its place. */
const KERNEL_OPTIONS = {
  kernelInitializer: { depthwise: 'depthwiseInitializer', pointwise: undefined },
  kernelRegularizer: { depthwise: 'depthwiseRegularizer', pointwise: 'pointwiseRegularizer' },
  kernelConstraint: { depthwise: 'depthwiseConstraint', pointwise: 'pointwiseConstraint' },
} as const;

type KernelOption = keyof typeof KERNEL_OPTIONS;

export const messages = {
  separableThrows: (layer: string, key: KernelOption) =>
    `${layer}: tf.layers.separableConv2d throws "Fields kernelInitializer, kernelRegularizer and kernelConstraint are invalid for SeparableConv2D" when it is created with ${key}. ${replacementText(key)}`,
  depthwiseIgnores: (layer: string, key: KernelOption) =>
    `${layer}: tf.layers.depthwiseConv2d ignores ${key}: its kernel keeps ${key === 'kernelInitializer' ? `the default ${DEFAULT_KERNEL_INITIALIZER}` : `no ${key.slice('kernel'.length).toLowerCase()}`}. Use ${KERNEL_OPTIONS[key].depthwise}.`,
  pointwiseIgnored: (layer: string, depthwise: string | undefined) =>
    `${layer}: tfjs 4.22's separableConv2d initializes its pointwise kernel with depthwiseInitializer, never pointwiseInitializer: the pointwise kernel gets ${depthwise === undefined ? `the default ${DEFAULT_SEPARABLE_INITIALIZER}` : depthwise}, like the depthwise one, and the written pointwiseInitializer is ignored.`,
};

function replacementText(key: KernelOption): string {
  const { depthwise, pointwise } = KERNEL_OPTIONS[key];
  return pointwise ? `Use ${depthwise} and ${pointwise}.` : `Use ${depthwise} (tfjs initializes the pointwise kernel with it too).`;
}

/** A value that is no option at all: tfjs tests `!= null`, so `kernelInitializer: undefined` passes. */
function isWrittenValue(text: string, prop: PropIR): boolean {
  return !/\b(undefined|null)\b/.test(text.slice(prop.valueSpan.start, prop.valueSpan.end));
}

/**
 * `kernelRegularizer: reg` → `depthwiseRegularizer: reg, pointwiseRegularizer: reg`, where the
 * option is written in the layer's own config (a shared preset object serves other layers too) and
 * the new keys are not written yet.
 */
function replaceOptionFix(text: string, layer: LayerIR, key: KernelOption, prop: PropIR): Fix | undefined {
  const { depthwise, pointwise } = KERNEL_OPTIONS[key];
  const config = layer.configSpan;
  const replacements = layer.kind === 'separableConv2d' && pointwise ? [depthwise, pointwise] : [depthwise];
  if (!config || prop.span.start < config.start || prop.span.end > config.end || replacements.some((name) => layer.props[name])) return undefined;
  const value = text.slice(prop.valueSpan.start, prop.valueSpan.end);
  const edit: TextEdit = { start: prop.span.start, end: prop.span.end, newText: replacements.map((name) => `${name}: ${value}`).join(', ') };
  return { title: `Use ${replacements.join(' and ')}`, preferred: true, edits: [edit] };
}

function kernelOptionTraps(text: string, layer: LayerIR): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const key of Object.keys(KERNEL_OPTIONS) as KernelOption[]) {
    const prop = layer.props[key];
    if (!prop || !isWrittenValue(text, prop)) continue;
    const message = layer.kind === 'separableConv2d' ? messages.separableThrows(layer.name, key) : messages.depthwiseIgnores(layer.name, key);
    const fix = replaceOptionFix(text, layer, key, prop);
    findings.push({ rule: 'tfjs-api-trap', message, span: prop.span, related: [], fixes: fix ? [fix] : [] });
  }
  return findings;
}

function pointwiseInitializerTrap(text: string, layer: LayerIR): RuleFinding | undefined {
  const prop = layer.props.pointwiseInitializer;
  if (!prop || !isWrittenValue(text, prop)) return undefined;
  const depthwise = layer.props.depthwiseInitializer;
  const depthwiseText = depthwise ? text.slice(depthwise.valueSpan.start, depthwise.valueSpan.end).trim() : undefined;
  return { rule: 'tfjs-api-trap', message: messages.pointwiseIgnored(layer.name, depthwiseText), span: prop.span, related: [], fixes: [], soft: true };
}

export function depthwiseKernelOptionTraps(text: string, layers: readonly LayerIR[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const layer of layers) {
    if (layer.kind !== 'separableConv2d' && layer.kind !== 'depthwiseConv2d') continue;
    findings.push(...kernelOptionTraps(text, layer));
    const pointwise = layer.kind === 'separableConv2d' ? pointwiseInitializerTrap(text, layer) : undefined;
    if (pointwise) findings.push(pointwise);
  }
  return findings;
}
