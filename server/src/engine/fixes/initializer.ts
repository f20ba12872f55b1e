/**
 * Initializer fixes: the variance-scaling initializer matched to an activation (layers API), or a
 * core-API random tensor rescaled to the critical sd sqrt(gain / fanIn).
 */
import ts from 'typescript';
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

type InitializerKey = 'kernelInitializer' | 'embeddingsInitializer';

/** `kernelInitializer: '<name>'` (or `key`) on a layers-API layer (replacing or adding the property). */
export function kernelInitializerEdit(text: string, file: FileIR, layer: LayerIR, name: string, key: InitializerKey = 'kernelInitializer'): TextEdit | undefined {
  if (layer.placement.kind === 'core') return undefined;
  return setPropertyEdit(text, layer, key, quoted(text, file, name));
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
 * A kernel's fan-in for its initializer fix: a number, or 'varies' when one initializer call
 * draws the kernels of layers with different fan-ins (a loop over `[sizes[i], sizes[i + 1]]`).
 */
export type FanIn = number | 'varies' | undefined;

/**
 * Rescales a core-API `tf.randomNormal/truncatedNormal/randomUniform(shape, ...)` weight to the
 * critical scale of the layer's activation for `fanIn` inputs: a number, or, when the call draws
 * kernels of several fan-ins, the scale computed from the shape it is given
 * (`Math.sqrt(2.58 / sizes[i])`), one number being wrong for all but one of them.
 */
export function coreInitializerEdits(text: string, layer: LayerIR, fanIn: FanIn, activation: KernelActivation = { name: effectiveActivation(layer) }): TextEdit[] | undefined {
  const init = layer.kernelInitializer;
  if (!init || init.form !== 'call' || fanIn === undefined || (fanIn !== 'varies' && fanIn <= 0)) return undefined;
  const gain = criticalGain(activation.name, activation.alpha);
  const spans = init.argSpans;
  const perFanIn = (numerator: number): string | undefined => {
    if (fanIn !== 'varies') return formatScale(Math.sqrt(numerator / fanIn));
    const dims = spans.shape && fanInDimensions(text.slice(spans.shape.start, spans.shape.end));
    return dims && `Math.sqrt(${formatScale(numerator)} / ${dims.length === 1 ? dims[0] : `(${dims.join(' * ')})`})`;
  };
  if (init.name === 'randomNormal' || init.name === 'truncatedNormal') {
    const factor = init.name === 'truncatedNormal' ? TRUNCATED_NORMAL_VARIANCE_FACTOR : 1;
    const sd = perFanIn(gain / factor);
    if (sd === undefined) return undefined;
    const sdSpan = spans.stddev ?? spans.stdDev;
    if (sdSpan) return [{ start: sdSpan.start, end: sdSpan.end, newText: sd }];
    if (spans.mean) return [{ start: spans.mean.end, end: spans.mean.end, newText: `, ${sd}` }];
    if (spans.shape) return [{ start: spans.shape.end, end: spans.shape.end, newText: `, 0, ${sd}` }];
    return undefined;
  }
  if (init.name === 'randomUniform') {
    const limit = perFanIn(3 * gain);
    if (limit === undefined) return undefined;
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
  fanIn: FanIn,
  activation: KernelActivation = { name: effectiveActivation(layer) },
): TextEdit[] | undefined {
  if (layer.placement.kind === 'core') return coreInitializerEdits(text, layer, fanIn, activation);
  return initializerReplacementEdits(text, file, layer, 'kernelInitializer', matchedInitializer(activation.name));
}

/**
 * The initializer `name` in place of a layer's `key` initializer: the property's value, or, for a
 * weight a custom layer adds with `this.addWeight`, the initializer object it is given.
 */
export function initializerReplacementEdits(text: string, file: FileIR, layer: LayerIR, key: InitializerKey, name: string): TextEdit[] | undefined {
  const init = layer.kernelInitializer;
  if (key === 'kernelInitializer' && init?.objectRequired) return initializerObjectEdits(text, file, init, name);
  const edit = kernelInitializerEdit(text, file, layer, name, key);
  return edit ? [edit] : undefined;
}

/** `tf.initializers.heUniform({})` in place of the initializer object a custom layer's addWeight applies. */
function initializerObjectEdits(text: string, file: FileIR, init: InitializerIR, name: string): TextEdit[] {
  const { refs, importEdit } = tfjsReferences(text, file, ['initializers']);
  const edit: TextEdit = { start: init.span.start, end: init.span.end, newText: `${refs.initializers}.${name}({})` };
  return importEdit ? [importEdit, edit] : [edit];
}

/**
 * The texts of a shape literal's dimensions that make a kernel's fan-in (all but the last:
 * `[sizes[i], sizes[i + 1]]` gives `sizes[i]`); undefined for a shape not written as a list.
 */
function fanInDimensions(shapeText: string): string[] | undefined {
  const source = ts.createSourceFile('shape.ts', `(${shapeText});`, ts.ScriptTarget.Latest);
  const statement = source.statements[0];
  const expression = statement && ts.isExpressionStatement(statement) && ts.isParenthesizedExpression(statement.expression) ? statement.expression.expression : undefined;
  if (!expression || !ts.isArrayLiteralExpression(expression) || expression.elements.length < 2) return undefined;
  const dims = expression.elements.slice(0, -1);
  if (dims.some((dim) => ts.isSpreadElement(dim) || ts.isOmittedExpression(dim))) return undefined;
  return dims.map((dim) => (ts.isIdentifier(dim) || ts.isLiteralExpression(dim) || ts.isElementAccessExpression(dim) || ts.isPropertyAccessExpression(dim) ? dim.getText(source) : `(${dim.getText(source)})`));
}
