/**
 * Initializer fixes: the variance-scaling initializer matched to an activation (layers API), or a
 * core-API random tensor rescaled to the critical sd sqrt(gain / fanIn).
 */
import type { TextEdit } from '../findings';
import type { FileIR, InitializerIR, LayerIR } from '../ir';
import { criticalGain, TRUNCATED_NORMAL_VARIANCE_FACTOR } from '../tfjs/initializers';
import { effectiveActivation } from '../tfjs/layers';
import { setPropertyEdit } from './layerProps';
import { quoted, tfjsReferences } from './sourceStyle';

/**
 * The initializer whose variance × fan-in equals the activation's critical gain. The uniform
 * variants, because tfjs draws the 'normal' ones truncated without correction (0.77 × the variance).
 */
export function matchedInitializer(activation: string): 'heUniform' | 'leCunUniform' | 'glorotUniform' {
  if (activation === 'selu') return 'leCunUniform';
  return criticalGain(activation) > 1 ? 'heUniform' : 'glorotUniform';
}

/** `kernelInitializer: '<name>'` on a layers-API layer (replacing or adding the property). */
export function kernelInitializerEdit(text: string, file: FileIR, layer: LayerIR, name: string): TextEdit | undefined {
  if (layer.placement.kind === 'core') return undefined;
  return setPropertyEdit(text, layer, 'kernelInitializer', quoted(text, file, name));
}

/** Three significant digits are plenty for an initialization scale. */
function formatScale(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** The activation a kernel's pre-activations go through (its own, or an activation layer's after it) and a leakyReLU's alpha. */
export interface KernelActivation {
  name: string;
  alpha?: number;
}

/**
 * Rescales a core-API `tf.randomNormal/truncatedNormal/randomUniform(shape, ...)` weight to the
 * critical scale of the layer's activation for `fanIn` inputs.
 */
export function coreInitializerEdits(layer: LayerIR, fanIn: number, activation: KernelActivation = { name: effectiveActivation(layer) }): TextEdit[] | undefined {
  const init = layer.kernelInitializer;
  if (!init || init.form !== 'call' || fanIn <= 0) return undefined;
  const variance = criticalGain(activation.name, activation.alpha) / fanIn;
  const spans = init.argSpans;
  if (init.name === 'randomNormal' || init.name === 'truncatedNormal') {
    const factor = init.name === 'truncatedNormal' ? TRUNCATED_NORMAL_VARIANCE_FACTOR : 1;
    const sd = formatScale(Math.sqrt(variance / factor));
    const sdSpan = spans.stddev ?? spans.stdDev;
    if (sdSpan) return [{ start: sdSpan.start, end: sdSpan.end, newText: sd }];
    if (spans.mean) return [{ start: spans.mean.end, end: spans.mean.end, newText: `, ${sd}` }];
    if (spans.shape) return [{ start: spans.shape.end, end: spans.shape.end, newText: `, 0, ${sd}` }];
    return undefined;
  }
  if (init.name === 'randomUniform') {
    const limit = formatScale(Math.sqrt(3 * variance));
    if (spans.minval && spans.maxval) {
      return [
        { start: spans.minval.start, end: spans.minval.end, newText: `-${limit}` },
        { start: spans.maxval.start, end: spans.maxval.end, newText: limit },
      ];
    }
    if (!spans.minval && !spans.maxval && spans.shape) return [{ start: spans.shape.end, end: spans.shape.end, newText: `, -${limit}, ${limit}` }];
  }
  return undefined;
}

/** The initializer matched to `activation` for `layer` (layers API), or its rescaled core-API tensor. */
export function matchedInitializerEdits(
  text: string,
  file: FileIR,
  layer: LayerIR,
  fanIn: number | undefined,
  activation: KernelActivation = { name: effectiveActivation(layer) },
): TextEdit[] | undefined {
  if (layer.placement.kind === 'core') return fanIn === undefined ? undefined : coreInitializerEdits(layer, fanIn, activation);
  const init = layer.kernelInitializer;
  if (init?.objectRequired) return initializerObjectEdits(text, file, init, matchedInitializer(activation.name));
  const edit = kernelInitializerEdit(text, file, layer, matchedInitializer(activation.name));
  return edit ? [edit] : undefined;
}

/** `tf.initializers.heUniform({})` in place of the initializer object a custom layer's addWeight applies. */
function initializerObjectEdits(text: string, file: FileIR, init: InitializerIR, name: string): TextEdit[] {
  const { refs, importEdit } = tfjsReferences(text, file, ['initializers']);
  const edit: TextEdit = { start: init.span.start, end: init.span.end, newText: `${refs.initializers}.${name}({})` };
  return importEdit ? [importEdit, edit] : [edit];
}
