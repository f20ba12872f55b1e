/** Calls into the tfjs namespace (`tf.x.y(...)`, or named imports), dispatched by path. */
import type ts from 'typescript';
import type { Arg } from './calls';
import { callValue, invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { coreActivation, coreAdd, coreBatchNorm, coreConcat, coreConv, coreMatMul, coreMerge, coreNormalization, createRandomTensor, createVariable, isActivationOp, isRandomOp, passThrough } from './coreApi';
import { momentsOf } from './coreNormalization';
import { createFunctionalModel, createInput } from './functional';
import { createInitializer } from './initializerValues';
import { createLayer } from './layerCalls';
import { modelFromJson } from './kerasTopology';
import { createSequential } from './models';
import { createOptimizer } from './optimizerValues';
import { computeGradients, isLossFunctionPath, recordGradientCall, recordLossCall } from './training';
import { UNKNOWN, hasTag, type RegularizerValue, type Value } from './values';
import { ownEntry } from '../ownEntry';

const GRADIENT_FUNCTIONS: Record<string, 'variableGrads' | 'grads'> = {
  variableGrads: 'variableGrads',
  grads: 'grads',
  grad: 'grads',
  valueAndGrads: 'grads',
  valueAndGrad: 'grads',
};

export function callTf(ctx: Extraction, callNode: ts.CallExpression, path: string[], args: Arg[]): Value {
  const [head, name] = path;
  if (path.length === 2 && head === 'layers') return createLayer(ctx, callNode, name, args);
  if (path.length === 2 && head === 'initializers') return createInitializer(ctx, callNode, name, args);
  if (path.length === 2 && head === 'train') return createOptimizer(ctx, callNode, name, args);
  if (path.length === 2 && head === 'models' && name === 'modelFromJSON') return modelFromJson(ctx, callNode, args);
  if (path.length === 2 && head === 'regularizers' && REGULARIZER_FACTORIES.has(name)) return createRegularizer(ctx, name, args);
  if (isLossFunctionPath(path)) recordLossCall(ctx, path, callNode, args);
  if (path.length !== 1) {
    invokeCallbacks(ctx, args);
    return UNKNOWN;
  }
  const first = args[0]?.value;
  const normalizing = head === 'moments' ? momentsOf(first) : head === 'batchNorm' ? coreBatchNorm(ctx, callNode, first, args[1]?.value, args[2]?.value) : coreNormalization(ctx, callNode, head, first, args[1]?.value);
  if (normalizing) return normalizing;
  switch (head) {
    case 'sequential':
      return createSequential(ctx, callNode, args);
    case 'model':
      return createFunctionalModel(ctx, callNode, args);
    case 'input':
      return createInput(ctx, callNode, args);
    case 'variable':
      return createVariable(ctx, args);
    case 'matMul':
      return coreMatMul(ctx, callNode, first, args[1]?.value, args[2]?.value === true, args[3]?.value === true);
    case 'dot':
      return coreMatMul(ctx, callNode, first, args[1]?.value);
    case 'conv1d':
    case 'conv2d':
      return coreConv(ctx, callNode, head, first, args[1]?.value);
    case 'add':
      return coreMerge(ctx, callNode, head, first, args[1]?.value) ?? coreAdd(first, args[1]?.value);
    case 'sub':
    case 'mul':
      return coreMerge(ctx, callNode, head, first, args[1]?.value) ?? passThrough(first, head);
    case 'concat':
    case 'stack':
      return coreConcat(ctx, callNode, head, first) ?? passThrough(first, head);
    case 'tidy':
      return runCallback(ctx, callNode, args[args.length - 1]?.value);
    case 'keep':
      return first;
    default:
      break;
  }
  if (isRandomOp(head)) return createRandomTensor(ctx, callNode, head, args);
  if (isActivationOp(head)) return coreActivation(ctx, callNode, head, first, args.slice(1));
  const gradient = ownEntry(GRADIENT_FUNCTIONS, head);
  if (gradient) {
    recordGradientCall(ctx, gradient, callNode, args);
    computeGradients(ctx, args);
    return UNKNOWN;
  }
  invokeCallbacks(ctx, args);
  return passThrough(first, head);
}

/** tfjs-layers' regularizer factories, each taking one config object. */
const REGULARIZER_FACTORIES = new Set(['l1', 'l2', 'l1l2']);

/** A regularizer; a number, string or boolean where the config belongs is kept for the API trap. */
function createRegularizer(ctx: Extraction, factory: string, args: Arg[]): RegularizerValue {
  const [first] = args;
  const value = first?.value;
  // A range of another file would point into this one: kept only for the main file's calls.
  if (!ctx.inMainFile || first?.node === undefined || (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')) return { tag: 'regularizer', factory };
  return { tag: 'regularizer', factory, positional: { value, span: ctx.spanOf(first.node) } };
}

function runCallback(ctx: Extraction, callNode: ts.Node, callback: Value): Value {
  return hasTag(callback, 'function') ? callValue(ctx, callNode, callback, []) : UNKNOWN;
}
