/**
 * Optimizers: `tf.train.x(lr, ...)` calls and compile strings, with the learning rate in effect
 * per tfjs 4.22 (tfjs/optimizers.ts): positional defaults, compile-string defaults, and the
 * `tf.train.adam({learningRate})` mistake (the object itself becomes the learning rate).
 */
import type ts from 'typescript';
import type { OptimizerIR } from '../ir';
import { resolvesAs } from '../tfjs/identifiers';
import { COMPILE_STRING_LEARNING_RATE, FACTORY_DEFAULT_LEARNING_RATE, OPTIMIZER_CLASSES, isOptimizerName } from '../tfjs/optimizers';
import { argumentCount, type Arg } from './calls';
import type { Extraction } from './context';
import { hasTag, type Member, type OptimizerValue } from './values';
import { ownEntry } from '../ownEntry';

/**
 * `tf.train.<factory>(lr, ...)`, or with `defaults: 'none'` the constructor of an optimizer class
 * (`new tf.AdamOptimizer(lr, ...)`), whose learning rate has no default.
 */
export function createOptimizer(ctx: Extraction, callNode: ts.Node, factory: string, args: Arg[], defaults: 'factory' | 'none' = 'factory'): OptimizerValue {
  const span = ctx.spanOf(callNode);
  if (!isOptimizerName(factory)) {
    return { tag: 'optimizer', ir: { name: 'unknown', form: 'call', learningRateSource: 'unresolved', span }, clipping: [] };
  }
  const ir: OptimizerIR = { name: factory, form: 'call', learningRateSource: 'unresolved', span, argumentCount: argumentCount(args) };
  if (!ctx.inMainFile) ir.foreign = true;
  const first = args[0];
  if (!first) {
    ir.learningRate = defaults === 'factory' ? FACTORY_DEFAULT_LEARNING_RATE[factory] : undefined;
    ir.learningRateSource = ir.learningRate === undefined ? 'unresolved' : 'default';
  } else {
    if (first.node && ctx.inMainFile) ir.lrSpan = ctx.spanOf(first.node);
    if (typeof first.value === 'number') {
      ir.learningRate = first.value;
      ir.learningRateSource = 'explicit';
    } else if (hasTag(first.value, 'object')) {
      ir.learningRateSource = 'object';
    }
  }
  if (factory === 'momentum' && typeof args[1]?.value === 'number') ir.momentum = args[1].value;
  const optimizer: OptimizerValue = { tag: 'optimizer', ir, clipping: [] };
  if (ctx.undoLog !== undefined) optimizer.madeInHandler = ctx.undoLog;
  if (ctx.conditions.length > 0) optimizer.madeUnder = [...ctx.conditions];
  if (ctx.inMainFile) ctx.createdOptimizers.push(optimizer);
  return optimizer;
}

/** `new tf.AdamOptimizer(...)` and the other optimizer classes; undefined for other tfjs classes. */
export function constructOptimizer(ctx: Extraction, newNode: ts.Node, path: string[], args: Arg[]): OptimizerValue | undefined {
  const name = path.length === 1 ? ownEntry(OPTIMIZER_CLASSES, path[0]) : undefined;
  return name ? createOptimizer(ctx, newNode, name, args, 'none') : undefined;
}

/** The optimizer of `compile({optimizer: ...})`: a string, an optimizer value, or unknown. */
export function optimizerFromMember(member: Member): OptimizerValue {
  const value = member.value;
  if (typeof value === 'string') {
    // tfjs's compile strings (`'adam'`, `'RMSProp'`): `'momentum'` is not one, and throws.
    const lower = value.toLowerCase();
    const name = resolvesAs('optimizer', value) && isOptimizerName(lower) ? lower : 'unknown';
    const ir: OptimizerIR = { name, form: 'string', learningRateSource: 'unresolved', span: member.valueSpan };
    if (member.foreign) ir.foreign = true;
    if (name !== 'unknown') {
      ir.learningRate = COMPILE_STRING_LEARNING_RATE[name];
      ir.learningRateSource = 'default';
    } else ir.written = value;
    return { tag: 'optimizer', ir, clipping: [] };
  }
  if (hasTag(value, 'optimizer')) {
    const ir = { ...value.ir };
    if (ir.span.start !== member.valueSpan.start || ir.span.end !== member.valueSpan.end) ir.useSpan = member.valueSpan;
    return { tag: 'optimizer', ir, clipping: value.clipping };
  }
  return { tag: 'optimizer', ir: { name: 'unknown', form: 'unknown', learningRateSource: 'unresolved', span: member.valueSpan }, clipping: [] };
}
