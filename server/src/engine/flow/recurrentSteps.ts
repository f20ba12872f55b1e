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
import { sameNumber } from './exactMemo';
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
const mul = (a: Pair, b: Pair): Pair => ({ sq: 1 * a.sq * b.sq, cross: 1 * a.cross * b.cross });
const samePair = (a: Pair, b: Pair): boolean => sameNumber(a.sq, b.sq) && sameNumber(a.cross, b.cross);
const scale = (p: Pair, k: number): Pair => ({ sq: p.sq * k, cross: p.cross * k });

/** φ(z)'s pair and φ'(z)'s (slopeSq, slopeCross) in one object, which is φ(z)'s Pair itself. */
interface Through extends Pair {
  slopeSq: number;
  slopeCross: number;
}

/** φ(z) and φ'(z) pairs of a Gaussian pre-activation pair. */
function through(moments: ActivationMoments, z: Pair): Through {
  const c = correlation(z.cross, z.sq);
  return {
    sq: moments.meanSquare(z.sq),
    cross: moments.crossMoment(z.sq, c),
    slopeSq: moments.derivativeMeanSquare(z.sq),
    slopeCross: moments.derivativeCrossMoment(z.sq, c),
  };
}

/** Pair of 1 - g for a gate g in [0, 1] with E[g] = m: E[(1-g)²] = 1 - 2m + E[g²]. */
function complement(gate: Pair, mean: number): Pair {
  return { sq: 1 - 2 * mean + gate.sq, cross: 1 - 2 * mean + gate.cross };
}

/**
 * What a time step's backward hands to the step before it: δ at h and at the cell state, δ at the
 * pre-activations (averaged over the gates), and the coefficients of δ_z's part aligned with z
 * (see Gradient.aligned) and of δ_{h_{t-1}}'s with h_{t-1}. One record per backward pass, which
 * each step reads (dh, dState) and rewrites in place: no objects per time step. Each value is
 * computed by the same operations, in the same order, as with Pair arithmetic above.
 */
interface StepBack {
  dhSq: number;
  dhCross: number;
  dStateSq: number;
  dStateCross: number;
  dzSq: number;
  dzCross: number;
  alignedZ: number;
  alignedH: number;
}

interface TapeStep {
  h: Pair;
  state: Pair;
  /** d c_h / d c_z: how the step passes on the spread of pairwise correlations (1 for gated cells). */
  correlationSlope: number;
  /** From `back`'s dh and dState (and `alignedH`, the aligned coefficient of dh) to the previous step's, in place. */
  backward(back: StepBack, alignedH: number): void;
}

interface Cell {
  gates: number;
  /** One step forward from the input pre-activation part and h_{t-1}; returns h_t and the step's tape. */
  forward(xPart: Pair, h: Pair, state: Pair): TapeStep;
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
        h: a,
        state: ZERO,
        correlationSlope: a.sq > 0 ? (z.sq * a.slopeCross) / a.sq : 0,
        backward: (back, k) => {
          const kk = k * k;
          const restSq = Math.max(back.dhSq - kk * a.sq, 0);
          const restCross = back.dhCross - kk * a.cross;
          const dzSq = 0 + 1 * a.slopeSq * restSq + aligned.meanSquare(z.sq) * kk;
          const dzCross = 0 + 1 * a.slopeCross * restCross + aligned.crossMoment(z.sq, c) * kk;
          const alignedZ = k * aligned.meanSlope(z.sq);
          const alignedH = uV * alignedZ;
          back.dhSq = 0 + dzSq * uV + h.sq * (alignedH * alignedH);
          back.dhCross = 0 + dzCross * uV + h.cross * (alignedH * alignedH);
          back.dStateSq = 0;
          back.dStateCross = 0;
          back.dzSq = dzSq;
          back.dzCross = dzCross;
          back.alignedZ = alignedZ;
          back.alignedH = alignedH;
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
      const cNew = add(mul(g, c), mul(g, candidate));
      const out = through(act, cNew);
      return {
        h: mul(g, out),
        state: cNew,
        correlationSlope: 1,
        backward: (back) => {
          const dcSq = 0 + 1 * g.sq * out.slopeSq * back.dhSq + back.dStateSq;
          const dcCross = 0 + 1 * g.cross * out.slopeCross * back.dhCross + back.dStateCross;
          const allSq = 0 + 1 * candidate.sq * g.slopeSq * dcSq + 1 * c.sq * g.slopeSq * dcSq
            + 1 * g.sq * candidate.slopeSq * dcSq + 1 * out.sq * g.slopeSq * back.dhSq;
          const allCross = 0 + 1 * candidate.cross * g.slopeCross * dcCross + 1 * c.cross * g.slopeCross * dcCross
            + 1 * g.cross * candidate.slopeCross * dcCross + 1 * out.cross * g.slopeCross * back.dhCross;
          back.dhSq = allSq * uV;
          back.dhCross = allCross * uV;
          back.dStateSq = 1 * g.sq * dcSq;
          back.dStateCross = 1 * g.cross * dcCross;
          back.dzSq = allSq * (1 / 4);
          back.dzCross = allCross * (1 / 4);
          back.alignedZ = 0;
          back.alignedH = 0;
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
      const oneMinus = complement(g, gateMean(zGate.sq));
      const zCandidate = add(xPart, scale(mul(g, h), uV));
      const candidate = through(act, zCandidate);
      const hNew = add(mul(g, h), mul(oneMinus, candidate));
      return {
        h: hNew,
        state: ZERO,
        correlationSlope: 1,
        backward: (back) => {
          const dhSq = back.dhSq;
          const dhCross = back.dhCross;
          const dzHSq = 1 * candidate.slopeSq * oneMinus.sq * dhSq;
          const dzHCross = 1 * candidate.slopeCross * oneMinus.cross * dhCross;
          const dzZSq = 1 * g.slopeSq * (0 + h.sq + candidate.sq) * dhSq;
          const dzZCross = 1 * g.slopeCross * (0 + h.cross + candidate.cross) * dhCross;
          const dzRSq = 1 * g.slopeSq * (h.sq * uV) * dzHSq;
          const dzRCross = 1 * g.slopeCross * (h.cross * uV) * dzHCross;
          back.dhSq = 0 + 1 * g.sq * dhSq + (0 + dzZSq + dzRSq + 1 * g.sq * dzHSq) * uV;
          back.dhCross = 0 + 1 * g.cross * dhCross + (0 + dzZCross + dzRCross + 1 * g.cross * dzHCross) * uV;
          back.dStateSq = 0;
          back.dStateCross = 0;
          back.dzSq = (0 + dzHSq + dzZSq + dzRSq) * (1 / 3);
          back.dzCross = (0 + dzHCross + dzZCross + dzRCross) * (1 / 3);
          back.alignedZ = 0;
          back.alignedH = 0;
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
  const tape: TapeStep[] = [];
  let h = ZERO;
  let state = ZERO;
  // Σ h_t, as scalars (0 + sum + h, as add() sums).
  let hSumSq = 0;
  let hSumCross = 0;
  // Spread of pairwise sample correlations (Signal.spread): W x_t adds its input's spread and the
  // noise of a random projection onto `units`; the orthogonal U h_{t-1} keeps h's exactly.
  const inputSpread = (input.spread ?? 1 / fanIn) + (1 + input.c ** 2) / units;
  let spread = 0;
  let spreadSum = 0;
  // A step that hands on exactly its own inputs has reached the recursion's fixed point (after
  // some 50 steps, typically): every later step is that one, so the tape repeats it.
  let fixedPoint: TapeStep | undefined;
  for (let t = 0; t < steps; t++) {
    context.checkDeadline();
    const step = fixedPoint ?? cell.forward(xPart, h, state);
    if (!fixedPoint && samePair(step.h, h) && samePair(step.state, state)) fixedPoint = step;
    const zSq = 0 + xPart.sq + h.sq * uV;
    const xShare = zSq > 0 ? xPart.sq / zSq : 0;
    const hShare = zSq > 0 ? (uV * h.sq) / zSq : 0;
    spread = step.correlationSlope ** 2 * (xShare * xShare * inputSpread + hShare * hShare * spread);
    spreadSum += spread;
    tape.push(step);
    h = step.h;
    state = step.state;
    hSumSq = 0 + hSumSq + h.sq;
    hSumCross = 0 + hSumCross + h.cross;
  }
  const sequences = layer.returnSequences === true;
  const outputPair = sequences ? { sq: hSumSq * (1 / steps), cross: hSumCross * (1 / steps) } : h;
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
      const fromAboveSq = g.delta;
      const fromAboveCross = g.delta * g.c;
      const back: StepBack = {
        dhSq: sequences ? 0 : fromAboveSq,
        dhCross: sequences ? 0 : fromAboveCross,
        dStateSq: 0,
        dStateCross: 0,
        dzSq: 0,
        dzCross: 0,
        alignedZ: 0,
        alignedH: 0,
      };
      // lstm/gru cells do not model the aligned part; their backward drops it.
      let aligned = sequences ? 0 : g.aligned ?? 0;
      // With returnSequences every step's h_t receives the output's δ, and its part aligned with h_t.
      let kernelSquare = 0;
      let inputSumSq = 0;
      let inputSumCross = 0;
      let alignedSum = 0;
      let alignedSquareSum = 0;
      const rows = { batch: context.batch, positions: 1 };
      // δ at the pre-activations of the current step, rewritten per step (kernelGradSquared only reads it).
      const dz: Gradient = { delta: 0, c: 0 };
      for (let t = steps - 1; t >= 0; t--) {
        context.checkDeadline();
        if (sequences) {
          back.dhSq = 0 + back.dhSq + fromAboveSq;
          back.dhCross = 0 + back.dhCross + fromAboveCross;
          aligned += g.aligned ?? 0;
        }
        tape[t].backward(back, aligned);
        const alignedGain = back.alignedZ ** 2 * units * wV;
        alignedSum += back.alignedZ;
        alignedSquareSum += back.alignedZ ** 2;
        dz.delta = back.dzSq;
        dz.c = correlation(back.dzCross, back.dzSq);
        kernelSquare += kernelGradSquared(fanIn, units * gates, rows, input, dz, alignedGain);
        inputSumSq = 0 + inputSumSq + back.dzSq * (units * gates * wV);
        inputSumCross = 0 + inputSumCross + back.dzCross * (units * gates * wV);
        aligned = back.alignedH;
      }
      // Rows of different time steps pair too: their aligned parts α_t W x_t give
      // Σ_{t≠t'} α_t α_t' n_out v E[(x_t·x_t')²] (kernelGradient.ts, the spread term across positions).
      const rowPair = (fanIn * input.q) ** 2 * (input.c ** 2 + rowSpread(input, fanIn));
      const acrossSteps = (alignedSum ** 2 - alignedSquareSum) * units * wV * context.batch ** 2 * rowPair;
      const inputSq = inputSumSq * (1 / steps);
      return { inputs: [{ delta: inputSq, c: correlation(inputSumCross * (1 / steps), inputSq) }], kernelGradSquared: kernelSquare + Math.max(acrossSteps, 0) };
    },
    report,
  };
}
