/**
 * Gradient clipping for tfjs, which has none built in (no optimizer or `compile` option clips and
 * `tf.clipByGlobalNorm` does not exist). `model.fit`, `fitDataset`, `trainOnBatch` and
 * `optimizer.minimize` all end in `optimizer.applyGradients`, so the inserted helper replaces
 * that method on the optimizer instance with one that rescales the gradients to a global L2
 * norm of at most `maxNorm` first; custom loops calling `applyGradients` directly go through it too.
 * Extraction recognises exactly this shape (a same-file function assigning `<param>.applyGradients`)
 * as clipping evidence.
 */
import type { TextEdit } from '../findings';
import type { FileIR, OptimizerIR } from '../ir';
import { COMPILE_STRING_LEARNING_RATE, FACTORY_DEFAULT_LEARNING_RATE, isOptimizerName } from '../tfjs/optimizers';
import { answerOncePerFile } from './perFile';
import { isTypeScriptFile, tfjsReferences } from './sourceStyle';

export const CLIPPING_HELPER_NAME = 'withGradientClipping';
export const DEFAULT_CLIP_NORM = 1;

let lastSourceKey: string | undefined;
let lastSource = '';

/**
 * The helper's source in the file's language, with tfjs referenced as `refs` says. Every model of
 * a file that needs clipping asks with the same refs, so the last answer is kept (keyed on the
 * language and every ref the source writes).
 */
export function clippingHelperSource(refs: Record<string, string>, typeScript: boolean): string {
  const key = `${typeScript}\u0000${refs.Optimizer}\u0000${refs.tidy}\u0000${refs.Tensor}`;
  if (key !== lastSourceKey) {
    lastSource = buildClippingHelperSource(refs, typeScript);
    lastSourceKey = key;
  }
  return lastSource;
}

function buildClippingHelperSource(refs: Record<string, string>, typeScript: boolean): string {
  const ts = (annotation: string): string => (typeScript ? annotation : '');
  return [
    '/**',
    ' * Clips every update of `optimizer` (model.fit, minimize, applyGradients) to a global L2 norm of',
    ' * at most `maxNorm`; tfjs has no built-in gradient clipping. Inserted by Gradient Doctor.',
    ' */',
    `function ${CLIPPING_HELPER_NAME}${ts(`<T extends ${refs.Optimizer}>`)}(optimizer${ts(': T')}, maxNorm${ts(': number')})${ts(': T')} {`,
    `  const target${ts(`: ${refs.Optimizer}`)} = optimizer;`,
    '  const applyGradients = target.applyGradients.bind(target);',
    '  target.applyGradients = (gradients) => {',
    '    // fit and minimize pass an array of {name, tensor}; tf.variableGrads gives a name -> tensor map.',
    '    const named = Array.isArray(gradients) ? gradients : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor }));',
    '    if (named.length === 0) return applyGradients(gradients);',
    `    const clipped = ${refs.tidy}(() => {`,
    '      const globalNorm = named.map(({ tensor }) => tensor.square().sum()).reduce((a, b) => a.add(b)).sqrt();',
    '      const scale = globalNorm.maximum(maxNorm).reciprocal().mul(maxNorm); // maxNorm / max(norm, maxNorm)',
    '      return named.map(({ name, tensor }) => ({ name, tensor: tensor.mul(scale) }));',
    '    });',
    '    if (Array.isArray(gradients)) {',
    '      applyGradients(clipped);',
    '    } else {',
    `      const map${ts(`: { [name: string]: ${refs.Tensor} }`)} = {};`,
    '      for (const { name, tensor } of clipped) map[name] = tensor;',
    '      applyGradients(map);',
    '    }',
    '    clipped.forEach(({ tensor }) => tensor.dispose());',
    '  };',
    '  return optimizer;',
    '}',
  ].join('\n');
}

const HELPER_DEFINITION = new RegExp(`function\\s+${CLIPPING_HELPER_NAME}\\b`);

/** Whether the text already defines the helper (every model of a file asks: once per file). */
function definesClippingHelper(text: string, file: FileIR): boolean {
  // includes() first: a plain substring search, far faster than the regex over a long text that lacks the name.
  return answerOncePerFile(text, file, 'defines the clipping helper', (whole) => whole.includes(CLIPPING_HELPER_NAME) && HELPER_DEFINITION.test(whole));
}

/** Edits that add the helper after the imports (once per file) and the tfjs names it needs. */
export function clippingHelperEdits(text: string, file: FileIR, extraMembers: readonly string[] = []): { edits: TextEdit[]; refs: Record<string, string> } {
  const typeScript = isTypeScriptFile(file.fileName);
  const members = ['tidy', ...(typeScript ? ['Optimizer', 'Tensor'] : []), ...extraMembers];
  const { refs, importEdit } = tfjsReferences(text, file, members);
  const edits: TextEdit[] = importEdit ? [importEdit] : [];
  if (!definesClippingHelper(text, file)) {
    const helper = clippingHelperSource(refs, typeScript);
    const at = file.afterImports;
    edits.push({ start: at, end: at, newText: at === 0 ? `${helper}\n\n` : `\n\n${helper}` });
  }
  return { edits, refs };
}

/**
 * The whole preferred clipping fix: helper + `withGradientClipping(<optimizer>, 1)` around the
 * optimizer expression. A compile string (`'adam'`) becomes the equivalent `tf.train` call with
 * the same learning rate. Undefined for optimizers that cannot be wrapped (unknown form).
 */
export function wrapOptimizerWithClippingEdits(text: string, file: FileIR, optimizer: OptimizerIR, maxNorm = DEFAULT_CLIP_NORM): TextEdit[] | undefined {
  // The helper goes after the imports and needs tfjs there: a `tf` from `await import(...)` or a
  // parameter is local to its function.
  if ((!file.tfjs && !file.globalTf) || optimizer.foreign) return undefined;
  if (optimizer.form === 'call') {
    const { edits } = clippingHelperEdits(text, file);
    return [
      ...edits,
      { start: optimizer.span.start, end: optimizer.span.start, newText: `${CLIPPING_HELPER_NAME}(` },
      { start: optimizer.span.end, end: optimizer.span.end, newText: `, ${maxNorm})` },
    ];
  }
  // tf.train.momentum needs a momentum argument that a compile string never states.
  if (optimizer.form === 'string' && isOptimizerName(optimizer.name) && optimizer.name !== 'momentum') {
    const { edits, refs } = clippingHelperEdits(text, file, ['train']);
    const compileRate = COMPILE_STRING_LEARNING_RATE[optimizer.name];
    const argument = FACTORY_DEFAULT_LEARNING_RATE[optimizer.name] === compileRate ? '' : String(compileRate);
    const call = `${refs.train}.${optimizer.name}(${argument})`;
    return [...edits, { start: optimizer.span.start, end: optimizer.span.end, newText: `${CLIPPING_HELPER_NAME}(${call}, ${maxNorm})` }];
  }
  return undefined;
}
