/**
 * simpleRNN, lstm and gru over T steps (T = the input's time axis): a depth-T chain through the
 * recurrent kernel U (DESIGN section 5), with h_0 = 0 and returnSequences false unless written.
 * Every quantity is a pair (mean square, cross-sample cross moment); independent factors multiply
 * pair-wise and independent terms add (mean-field independence of gates, Chen, Pennington &
 * Schoenholz 2018, "Dynamical Isometry and a Mean Field Theory of RNNs"). The kernel gradient
 * sums the T time steps, whose probe inputs are independent.
 * Gate equations as in tfjs-layers/src/layers/recurrent.ts (LSTM i,f,c,o; GRU with the reset gate
 * applied before U_h, resetAfter false); defaults: activation tanh, recurrentActivation
 * hardSigmoid, kernel glorotNormal, recurrent orthogonal, zero biases.
 */
import type { LayerIR } from '../ir';
import { initializerMoments, recurrentWeightVariance, secondMoment } from '../tfjs/initializers';
import { defaultKernelInitializerName, DEFAULT_BIAS_INITIALIZER, effectiveActivation, effectiveRecurrentActivation } from '../tfjs/layers';
import { activationMoments, alignedMoments, piecewiseLinearMoments, type ActivationMoments } from './activationMoments';
import { erfc } from './activationFunctions';
import { kernelGradSquared, rowSpread } from './kernelGradient';
import { correlation, featuresOf, type Gradient, type Signal } from './signal';
import type { LayerStep, StepContext } from './step';
import { isKnownSize } from './unknowns';

/** (E[a²], E[a_b a_b']) of a quantity. */
interface Pair {
  sq: number;
  cross: number;
}

const ZERO: Pair = { sq: 0, cross: 0 };
// Fixed arities rather than rest arguments: these run for every gate of every time step. Sums
// start from 0 and products from 1, as a fold would (0 + -0 is 0: the bits stay those of a fold).
const add = (a: Pair, b: Pair): Pair => ({ sq: 0 + a.sq + b.sq, cross: 0 + a.cross + b.cross });
const add3 = (a: Pair, b: Pair, c: Pair): Pair => ({ sq: 0 + a.sq + b.sq + c.sq, cross: 0 + a.cross + b.cross + c.cross });
const add4 = (a: Pair, b: Pair, c: Pair, d: Pair): Pair => ({
  sq: 0 + a.sq + b.sq + c.sq + d.sq,
  cross: 0 + a.cross + b.cross + c.cross + d.cross,
});
const mul = (a: Pair, b: Pair): Pair => ({ sq: 1 * a.sq * b.sq, cross: 1 * a.cross * b.cross });
const mul3 = (a: Pair, b: Pair, c: Pair): Pair => ({ sq: 1 * a.sq * b.sq * c.sq, cross: 1 * a.cross * b.cross * c.cross });
const samePair = (a: Pair, b: Pair): boolean => Object.is(a.sq, b.sq) && Object.is(a.cross, b.cross);
const scale = (p: Pair, k: number): Pair => ({ sq: p.sq * k, cross: p.cross * k });
const toGradient = (p: Pair): Gradient => ({ delta: p.sq, c: correlation(p.cross, p.sq) });
const fromGradient = (g: Gradient): Pair => ({ sq: g.delta, cross: g.delta * g.c });

/** φ(z) and φ'(z) pairs of a Gaussian pre-activation pair. */
function through(moments: ActivationMoments, z: Pair): { value: Pair; slope: Pair } {
  const c = correlation(z.cross, z.sq);
  return {
    value: { sq: moments.meanSquare(z.sq), cross: moments.crossMoment(z.sq, c) },
    slope: { sq: moments.derivativeMeanSquare(z.sq), cross: moments.derivativeCrossMoment(z.sq, c) },
  };
}

/** Pair of 1 - g for a gate g in [0, 1] with E[g] = m: E[(1-g)²] = 1 - 2m + E[g²]. */
function complement(gate: Pair, mean: number): Pair {
  return { sq: 1 - 2 * mean + gate.sq, cross: 1 - 2 * mean + gate.cross };
}

interface StepBack {
  dh: Pair;
  dState: Pair;
  /** δ at the pre-activations (averaged over the gates). */
  dz: Pair;
  /** Coefficient of δ_z's part aligned with z (see Gradient.aligned), and of δ_{h_{t-1}}'s with h_{t-1}. */
  alignedZ: number;
  alignedH: number;
}

interface Cell {
  gates: number;
  /** One step forward from the input pre-activation part and h_{t-1}; returns h_t and the step's tape. */
  forward(xPart: Pair, h: Pair, state: Pair): {
    h: Pair;
    state: Pair;
    /** d c_h / d c_z: how the step passes on the spread of pairwise correlations (1 for gated cells). */
    correlationSlope: number;
    backward: (dh: Pair, dState: Pair, alignedH: number) => StepBack;
  };
}

/**
 * simpleRNN: h_t = φ(z_t), z_t = W x_t + U h_{t-1}. The part k·h_t of δ aligned with h_t is carried
 * back through U as kernelStep.ts carries it through W (Stein's lemma), so the last steps' kernel
 * gradients get the same finite-width term as a dense layer's.
 */
function simpleCell(act: ActivationMoments, aligned: ActivationMoments, uV: number): Cell {
  return {
    gates: 1,
    forward(xPart, h) {
      const z = add(xPart, scale(h, uV));
      const a = through(act, z);
      const c = correlation(z.cross, z.sq);
      return {
        h: a.value,
        state: ZERO,
        correlationSlope: a.value.sq > 0 ? (z.sq * a.slope.cross) / a.value.sq : 0,
        backward: (dh, _dState, k) => {
          const rest = { sq: Math.max(dh.sq - k * k * a.value.sq, 0), cross: dh.cross - k * k * a.value.cross };
          const dz = add(mul(a.slope, rest), scale({ sq: aligned.meanSquare(z.sq), cross: aligned.crossMoment(z.sq, c) }, k * k));
          const alignedZ = k * aligned.meanSlope(z.sq);
          const alignedH = uV * alignedZ;
          const dhPrev = add(scale(dz, uV), scale(h, alignedH * alignedH));
          return { dh: dhPrev, dState: ZERO, dz, alignedZ, alignedH };
        },
      };
    },
  };
}

function lstmCell(act: ActivationMoments, gate: ActivationMoments, uV: number): Cell {
  return {
    gates: 4,
    forward(xPart, h, c) {
      const z = add(xPart, scale(h, uV));
      const g = through(gate, z); // i, f and o share the pre-activation statistics
      const candidate = through(act, z);
      const cNew = add(mul(g.value, c), mul(g.value, candidate.value));
      const out = through(act, cNew);
      return {
        h: mul(g.value, out.value),
        state: cNew,
        correlationSlope: 1,
        backward: (dh, dcNext) => {
          const dc = add(mul3(g.value, out.slope, dh), dcNext);
          const dzO = mul3(out.value, g.slope, dh);
          const dzI = mul3(candidate.value, g.slope, dc);
          const dzF = mul3(c, g.slope, dc);
          const dzC = mul3(g.value, candidate.slope, dc);
          const dzAll = add4(dzI, dzF, dzC, dzO);
          return { dh: scale(dzAll, uV), dState: mul(g.value, dc), dz: scale(dzAll, 1 / 4), alignedZ: 0, alignedH: 0 };
        },
      };
    },
  };
}

function gruCell(act: ActivationMoments, gate: ActivationMoments, gateMean: (q: number) => number, uV: number): Cell {
  return {
    gates: 3,
    forward(xPart, h) {
      const zGate = add(xPart, scale(h, uV));
      const g = through(gate, zGate); // update z and reset r
      const oneMinus = complement(g.value, gateMean(zGate.sq));
      const zCandidate = add(xPart, scale(mul(g.value, h), uV));
      const candidate = through(act, zCandidate);
      const hNew = add(mul(g.value, h), mul(oneMinus, candidate.value));
      return {
        h: hNew,
        state: ZERO,
        correlationSlope: 1,
        backward: (dh) => {
          const dzH = mul3(candidate.slope, oneMinus, dh);
          const dzZ = mul3(g.slope, add(h, candidate.value), dh);
          const dzR = mul3(g.slope, scale(h, uV), dzH);
          const dh0 = add(mul(g.value, dh), scale(add3(dzZ, dzR, mul(g.value, dzH)), uV));
          return { dh: dh0, dState: ZERO, dz: scale(add3(dzH, dzZ, dzR), 1 / 3), alignedZ: 0, alignedH: 0 };
        },
      };
    },
  };
}

function momentsOrLinear(layer: LayerIR, name: string, context: StepContext): ActivationMoments {
  const moments = activationMoments(name);
  if (moments) return moments;
  context.assume(layer, `activation '${name}' not modelled element-wise; treated as linear`);
  return piecewiseLinearMoments(1);
}

/**
 * Beyond a few hundred steps the mean-field recursion sits at its fixed point, so longer sequences
 * are modelled over their last MAX_MODELLED_TIME_STEPS steps; the loop (and its tape) must stay
 * bounded whatever length a user writes (1e308 included).
 */
const MAX_MODELLED_TIME_STEPS = 256;

function modelledTimeSteps(layer: LayerIR, written: number | null, context: StepContext): number {
  const timeSize = isKnownSize(written) ? written : context.unknown(layer, 'timeSteps');
  if (timeSize > MAX_MODELLED_TIME_STEPS) {
    context.assume(layer, `sequence length ${timeSize}: only the last ${MAX_MODELLED_TIME_STEPS} time steps modelled`);
    return MAX_MODELLED_TIME_STEPS;
  }
  return Math.floor(timeSize);
}

export function recurrentStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const units = isKnownSize(layer.units) ? layer.units : context.unknown(layer, 'units');
  // A rank-1 shape is the [null] of an unknown input shape (tfjs recurrent layers need [time, features]).
  const timeSize = input.shape.length >= 2 ? input.shape[input.shape.length - 2] : null;
  const featureSize = featuresOf(input);
  const steps = modelledTimeSteps(layer, timeSize, context);
  const fanIn = isKnownSize(featureSize) ? featureSize : context.unknown(layer, 'inputFeatures');
  if (layer.wrapper === 'bidirectional') context.assume(layer, 'bidirectional: both directions assumed alike; outputs concatenated');

  const actName = effectiveActivation(layer);
  const act = momentsOrLinear(layer, actName, context);
  const gateName = effectiveRecurrentActivation(layer) ?? 'hardSigmoid';
  const gate = momentsOrLinear(layer, gateName, context);
  const gates = layer.kind === 'lstm' ? 4 : layer.kind === 'gru' ? 3 : 1;
  const kernelShape = [fanIn, units * gates];
  const wV = secondMoment(initializerMoments(layer.kernelInitializer ?? defaultKernelInitializerName(layer.kind), kernelShape));
  const uV = units * recurrentWeightVariance(layer, units, gates);
  const biasSquare = layer.useBias === false ? 0 : secondMoment(initializerMoments(layer.biasInitializer ?? DEFAULT_BIAS_INITIALIZER, [units * gates]));
  const cell = layer.kind === 'lstm' ? lstmCell(act, gate, uV)
    : layer.kind === 'gru' ? gruCell(act, gate, (q) => gate.mean(q), uV)
      : simpleCell(act, alignedMoments(actName) ?? piecewiseLinearMoments(1), uV);

  const xPart = add({ sq: fanIn * wV * input.q, cross: fanIn * wV * input.q * input.c }, { sq: biasSquare, cross: biasSquare });
  const tape: ReturnType<Cell['forward']>[] = [];
  let h = ZERO;
  let state = ZERO;
  let hSum = ZERO;
  // Spread of pairwise sample correlations (Signal.spread): W x_t adds its input's spread and the
  // noise of a random projection onto `units`; the orthogonal U h_{t-1} keeps h's exactly.
  const inputSpread = (input.spread ?? 1 / fanIn) + (1 + input.c ** 2) / units;
  let spread = 0;
  let spreadSum = 0;
  // A step that hands on exactly its own inputs has reached the recursion's fixed point (after
  // some 50 steps, typically): every later step is that one, so the tape repeats it.
  let fixedPoint: ReturnType<Cell['forward']> | undefined;
  for (let t = 0; t < steps; t++) {
    context.checkDeadline();
    const step = fixedPoint ?? cell.forward(xPart, h, state);
    if (!fixedPoint && samePair(step.h, h) && samePair(step.state, state)) fixedPoint = step;
    const z = add(xPart, scale(h, uV));
    const xShare = z.sq > 0 ? xPart.sq / z.sq : 0;
    const hShare = z.sq > 0 ? (uV * h.sq) / z.sq : 0;
    spread = step.correlationSlope ** 2 * (xShare * xShare * inputSpread + hShare * hShare * spread);
    spreadSum += spread;
    tape.push(step);
    h = step.h;
    state = step.state;
    hSum = add(hSum, h);
  }
  const sequences = layer.returnSequences === true;
  const outputPair = sequences ? scale(hSum, 1 / steps) : h;
  const width = layer.wrapper === 'bidirectional' ? 2 * units : units;
  const outShape = sequences ? [timeSize, width] : [width];
  const lastPre = add(xPart, scale(tape.length > 1 ? tape[tape.length - 2].h : ZERO, uV));
  const report: LayerStep['report'] = { preActivationStd: Math.sqrt(lastPre.sq), fanIn, fanOut: units * gates };
  if (actName === 'tanh' || actName === 'sigmoid') report.saturatedFraction = erfc(5 / Math.sqrt(2 * lastPre.sq));

  return {
    output: {
      q: outputPair.sq,
      c: correlation(outputPair.cross, outputPair.sq),
      mean: 0,
      shape: outShape,
      spread: sequences ? spreadSum / steps : spread,
      batchDof: context.batch - 1,
      elementwise: undefined,
    },
    backward: (g) => {
      const fromAbove = fromGradient(g);
      let dh = sequences ? ZERO : fromAbove;
      let dState = ZERO;
      // lstm/gru cells do not model the aligned part; their backward drops it.
      let aligned = sequences ? 0 : g.aligned ?? 0;
      // With returnSequences every step's h_t receives the output's δ, and its part aligned with h_t.
      let kernelSquare = 0;
      let inputSum = ZERO;
      let alignedSum = 0;
      let alignedSquareSum = 0;
      for (let t = steps - 1; t >= 0; t--) {
        context.checkDeadline();
        if (sequences) {
          dh = add(dh, fromAbove);
          aligned += g.aligned ?? 0;
        }
        const back = tape[t].backward(dh, dState, aligned);
        const alignedGain = back.alignedZ ** 2 * units * wV;
        alignedSum += back.alignedZ;
        alignedSquareSum += back.alignedZ ** 2;
        kernelSquare += kernelGradSquared(fanIn, units * gates, { batch: context.batch, positions: 1 }, input, toGradient(back.dz), alignedGain);
        inputSum = add(inputSum, scale(back.dz, units * gates * wV));
        dh = back.dh;
        dState = back.dState;
        aligned = back.alignedH;
      }
      // Rows of different time steps pair too: their aligned parts α_t W x_t give
      // Σ_{t≠t'} α_t α_t' n_out v E[(x_t·x_t')²] (kernelGradient.ts, the spread term across positions).
      const rowPair = (fanIn * input.q) ** 2 * (input.c ** 2 + rowSpread(input, fanIn));
      const acrossSteps = (alignedSum ** 2 - alignedSquareSum) * units * wV * context.batch ** 2 * rowPair;
      return { inputs: [toGradient(scale(inputSum, 1 / steps))], kernelGradSquared: kernelSquare + Math.max(acrossSteps, 0) };
    },
    report,
  };
}
