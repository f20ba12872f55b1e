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

/**
 * A quantity is a pair (E[a²], E[a_b a_b']) kept as two adjacent numbers of a Float64Array: sq at
 * an even offset, cross after it. Pairs add, multiply and scale component by component, so most
 * formulas below run once per component j (0: sq, 1: cross). The loops run for every time step of
 * every prediction, the robust re-predictions included: they write into preallocated arrays
 * instead of making objects. Sums start from 0 and products from 1, as a fold would (0 + -0 is 0:
 * the bits stay those of the pair arithmetic they replace).
 */
const SQ = 0;
const CROSS = 1;

/**
 * φ(z) and φ'(z) pairs of a Gaussian pre-activation pair, written at `at`: value (sq, cross),
 * then slope (sq, cross).
 */
function through(moments: ActivationMoments, zSq: number, zCross: number, record: Float64Array, at: number): void {
  // ActivationMoments.transfer writes exactly this layout.
  moments.transfer(zSq, correlation(zCross, zSq), record, at);
}

/** h_{t-1} and c_{t-1} going into a step, h_t and c_t coming out; written in place. */
interface CellState {
  /** h (sq, cross), then the cell state c (sq, cross; 0 for cells without one). */
  pairs: Float64Array;
  /** d c_h / d c_z of the last step: how it passes on the spread of pairwise correlations (1 for gated cells). */
  correlationSlope: number;
}

const H = 0;
const STATE = 2;

/**
 * The backward pass's record (a Float64Array of BACK_SIZE), which each step reads and rewrites in
 * place: δ at h_t and c_t going in, at h_{t-1} and c_{t-1} coming out (pairs).
 */
const DH = 0;
const DSTATE = 2;
/** δ at the pre-activations (averaged over the gates). */
const DZ = 4;
/** Coefficient of δ_h's part aligned with h (see Gradient.aligned), going in; δ_{h_{t-1}}'s coming out. */
const ALIGNED = 6;
/** Coefficient of δ_z's part aligned with z, coming out. */
const ALIGNED_Z = 7;
const BACK_SIZE = 8;

interface Cell {
  gates: number;
  /** Numbers a step keeps for its backward (its record on the tape). */
  recordSize: number;
  /** One step forward from the input pre-activation part: reads and writes `state`, writes the step's record at `at`. */
  forward(xSq: number, xCross: number, state: CellState, tape: Float64Array, at: number): void;
  /** One step backward through the record at `at`: reads and rewrites the backward record `back` (DH ... ALIGNED_Z). */
  backward(tape: Float64Array, at: number, back: Float64Array): void;
}

/**
 * simpleRNN: h_t = φ(z_t), z_t = W x_t + U h_{t-1}. The part k·h_t of δ aligned with h_t is carried
 * back through U as kernelStep.ts carries it through W (Stein's lemma), so the last steps' kernel
 * gradients get the same finite-width term as a dense layer's.
 */
function simpleCell(act: ActivationMoments, aligned: ActivationMoments, uV: number): Cell {
  // Record: φ value (sq, cross), φ' (sq, cross), h_{t-1} (sq, cross), z's sq and correlation.
  const VALUE = 0;
  const SLOPE = 2;
  const H_IN = 4;
  const Z_SQ = 6;
  const Z_C = 7;
  return {
    gates: 1,
    recordSize: 8,
    forward(xSq, xCross, state, tape, at) {
      const { pairs } = state;
      const zSq = 0 + xSq + pairs[H] * uV;
      const zCross = 0 + xCross + pairs[H + 1] * uV;
      through(act, zSq, zCross, tape, at + VALUE);
      tape[at + H_IN] = pairs[H];
      tape[at + H_IN + 1] = pairs[H + 1];
      tape[at + Z_SQ] = zSq;
      tape[at + Z_C] = correlation(zCross, zSq);
      const valueSq = tape[at + VALUE];
      state.correlationSlope = valueSq > 0 ? (zSq * tape[at + SLOPE + 1]) / valueSq : 0;
      pairs[H] = valueSq;
      pairs[H + 1] = tape[at + VALUE + 1];
      pairs[STATE] = 0;
      pairs[STATE + 1] = 0;
    },
    backward(tape, at, back) {
      const k = back[ALIGNED];
      const zSq = tape[at + Z_SQ];
      // δ_h less its aligned part k·h_t goes through φ'; the aligned part through h = φ'·φ.
      const restSq = Math.max(back[DH] - k * k * tape[at + VALUE], 0);
      const restCross = back[DH + 1] - k * k * tape[at + VALUE + 1];
      back[DZ] = 0 + 1 * tape[at + SLOPE] * restSq + aligned.meanSquare(zSq) * (k * k);
      back[DZ + 1] = 0 + 1 * tape[at + SLOPE + 1] * restCross + aligned.crossMoment(zSq, tape[at + Z_C]) * (k * k);
      const alignedZ = k * aligned.meanSlope(zSq);
      const alignedH = uV * alignedZ;
      for (let j = SQ; j <= CROSS; j++) {
        back[DH + j] = 0 + back[DZ + j] * uV + tape[at + H_IN + j] * (alignedH * alignedH);
        back[DSTATE + j] = 0;
      }
      back[ALIGNED_Z] = alignedZ;
      back[ALIGNED] = alignedH;
    },
  };
}

function lstmCell(act: ActivationMoments, gate: ActivationMoments, uV: number): Cell {
  // Record: gate value and slope (i, f and o share the pre-activation statistics), candidate value
  // and slope, output activation value and slope, c_{t-1}: pairs at these offsets.
  const GATE = 0;
  const GATE_SLOPE = 2;
  const CANDIDATE = 4;
  const CANDIDATE_SLOPE = 6;
  const OUT = 8;
  const OUT_SLOPE = 10;
  const C_IN = 12;
  return {
    gates: 4,
    recordSize: 14,
    forward(xSq, xCross, state, tape, at) {
      const { pairs } = state;
      const zSq = 0 + xSq + pairs[H] * uV;
      const zCross = 0 + xCross + pairs[H + 1] * uV;
      through(gate, zSq, zCross, tape, at + GATE);
      through(act, zSq, zCross, tape, at + CANDIDATE);
      for (let j = SQ; j <= CROSS; j++) {
        const g = tape[at + GATE + j];
        tape[at + C_IN + j] = pairs[STATE + j];
        pairs[STATE + j] = 0 + 1 * g * pairs[STATE + j] + 1 * g * tape[at + CANDIDATE + j];
      }
      through(act, pairs[STATE], pairs[STATE + 1], tape, at + OUT);
      for (let j = SQ; j <= CROSS; j++) pairs[H + j] = 1 * tape[at + GATE + j] * tape[at + OUT + j];
      state.correlationSlope = 1;
    },
    backward(tape, at, back) {
      for (let j = SQ; j <= CROSS; j++) {
        const g = tape[at + GATE + j];
        const gSlope = tape[at + GATE_SLOPE + j];
        const dh = back[DH + j];
        const dc = 0 + 1 * g * tape[at + OUT_SLOPE + j] * dh + back[DSTATE + j];
        const dzO = 1 * tape[at + OUT + j] * gSlope * dh;
        const dzI = 1 * tape[at + CANDIDATE + j] * gSlope * dc;
        const dzF = 1 * tape[at + C_IN + j] * gSlope * dc;
        const dzC = 1 * g * tape[at + CANDIDATE_SLOPE + j] * dc;
        const dzAll = 0 + dzI + dzF + dzC + dzO;
        back[DH + j] = dzAll * uV;
        back[DSTATE + j] = 1 * g * dc;
        back[DZ + j] = dzAll * (1 / 4);
      }
      back[ALIGNED_Z] = 0;
      back[ALIGNED] = 0;
    },
  };
}

function gruCell(act: ActivationMoments, gate: ActivationMoments, uV: number): Cell {
  // Record: gate value and slope (update z and reset r share them), 1 - gate, h_{t-1}, candidate
  // value and slope: pairs at these offsets.
  const GATE = 0;
  const GATE_SLOPE = 2;
  const ONE_MINUS = 4;
  const H_IN = 6;
  const CANDIDATE = 8;
  const CANDIDATE_SLOPE = 10;
  return {
    gates: 3,
    recordSize: 12,
    forward(xSq, xCross, state, tape, at) {
      const { pairs } = state;
      const zSq = 0 + xSq + pairs[H] * uV;
      through(gate, zSq, 0 + xCross + pairs[H + 1] * uV, tape, at + GATE);
      // E[(1-g)²] = 1 - 2m + E[g²] for a gate g in [0, 1] with E[g] = m.
      const mean = gate.mean(zSq);
      for (let j = SQ; j <= CROSS; j++) {
        tape[at + ONE_MINUS + j] = 1 - 2 * mean + tape[at + GATE + j];
        tape[at + H_IN + j] = pairs[H + j];
      }
      const candidateSq = 0 + xSq + 1 * tape[at + GATE] * pairs[H] * uV;
      const candidateCross = 0 + xCross + 1 * tape[at + GATE + 1] * pairs[H + 1] * uV;
      through(act, candidateSq, candidateCross, tape, at + CANDIDATE);
      for (let j = SQ; j <= CROSS; j++) {
        pairs[H + j] = 0 + 1 * tape[at + GATE + j] * pairs[H + j] + 1 * tape[at + ONE_MINUS + j] * tape[at + CANDIDATE + j];
        pairs[STATE + j] = 0;
      }
      state.correlationSlope = 1;
    },
    backward(tape, at, back) {
      for (let j = SQ; j <= CROSS; j++) {
        const g = tape[at + GATE + j];
        const gSlope = tape[at + GATE_SLOPE + j];
        const h = tape[at + H_IN + j];
        const dh = back[DH + j];
        const dzH = 1 * tape[at + CANDIDATE_SLOPE + j] * tape[at + ONE_MINUS + j] * dh;
        const dzZ = 1 * gSlope * (0 + h + tape[at + CANDIDATE + j]) * dh;
        const dzR = 1 * gSlope * (h * uV) * dzH;
        back[DH + j] = 0 + 1 * g * dh + (0 + dzZ + dzR + 1 * g * dzH) * uV;
        back[DSTATE + j] = 0;
        back[DZ + j] = (0 + dzH + dzZ + dzR) * (1 / 3);
      }
      back[ALIGNED_Z] = 0;
      back[ALIGNED] = 0;
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

function modelledTimeSteps(layer: LayerIR, timeSize: number, context: StepContext): number {
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
  // The length: written, carried from upstream, or an unknown's value (the robust check moves it across its range).
  const length = isKnownSize(timeSize) ? timeSize : context.unknown(layer, 'timeSteps');
  const steps = modelledTimeSteps(layer, length, context);
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
    : layer.kind === 'gru' ? gruCell(act, gate, uV)
      : simpleCell(act, alignedMoments(actName) ?? piecewiseLinearMoments(1), uV);

  const xSq = 0 + fanIn * wV * input.q + biasSquare;
  const xCross = 0 + fanIn * wV * input.q * input.c + biasSquare;
  const { recordSize } = cell;
  const tape = new Float64Array(steps * recordSize);
  // h_0 = 0, c_0 = 0.
  const state: CellState = { pairs: new Float64Array(4), correlationSlope: 0 };
  const { pairs } = state;
  let hSumSq = 0;
  let hSumCross = 0;
  let lastPreSq = 0 + xSq + 0 * uV;
  // Spread of pairwise sample correlations (Signal.spread): W x_t adds its input's spread and the
  // noise of a random projection onto `units`; the orthogonal U h_{t-1} keeps h's exactly.
  const inputSpread = (input.spread ?? 1 / fanIn) + (1 + input.c ** 2) / units;
  let spread = 0;
  let spreadSum = 0;
  // A step that hands on exactly its own inputs has reached the recursion's fixed point (after
  // some 50 steps, typically): every later step is that one, so its record serves them all.
  let fixedAt = -1;
  for (let t = 0; t < steps; t++) {
    context.checkDeadline();
    const hSq = pairs[H];
    if (fixedAt < 0) {
      const hCross = pairs[H + 1];
      const stateSq = pairs[STATE];
      const stateCross = pairs[STATE + 1];
      cell.forward(xSq, xCross, state, tape, t * recordSize);
      if (sameNumber(pairs[H], hSq) && sameNumber(pairs[H + 1], hCross) && sameNumber(pairs[STATE], stateSq) && sameNumber(pairs[STATE + 1], stateCross)) fixedAt = t;
    }
    const zSq = 0 + xSq + hSq * uV;
    const xShare = zSq > 0 ? xSq / zSq : 0;
    const hShare = zSq > 0 ? (uV * hSq) / zSq : 0;
    spread = state.correlationSlope ** 2 * (xShare * xShare * inputSpread + hShare * hShare * spread);
    spreadSum += spread;
    hSumSq = 0 + hSumSq + pairs[H];
    hSumCross = 0 + hSumCross + pairs[H + 1];
    lastPreSq = zSq;
  }
  const recordOf = (t: number) => (fixedAt >= 0 && t > fixedAt ? fixedAt : t) * recordSize;
  const sequences = layer.returnSequences === true;
  const outputSq = sequences ? hSumSq * (1 / steps) : pairs[H];
  const outputCross = sequences ? hSumCross * (1 / steps) : pairs[H + 1];
  const width = layer.wrapper === 'bidirectional' ? 2 * units : units;
  const outShape = sequences ? [timeSize, width] : [width];
  const report: LayerStep['report'] = { preActivationStd: Math.sqrt(lastPreSq), fanIn, fanOut: units * gates };
  report.timeSteps = length;
  if (actName === 'tanh' || actName === 'sigmoid') report.saturatedFraction = erfc(5 / Math.sqrt(2 * lastPreSq));

  return {
    output: {
      q: outputSq,
      c: correlation(outputCross, outputSq),
      mean: 0,
      shape: outShape,
      spread: sequences ? spreadSum / steps : spread,
      batchDof: context.batch - 1,
      elementwise: undefined,
    },
    backward: (g) => {
      const fromAboveSq = g.delta;
      const fromAboveCross = g.delta * g.c;
      // δ at h_t and c_t (0 at the last step unless it is the output), and its part aligned with h_t;
      // lstm/gru cells do not model the aligned part, their backward drops it.
      const back = new Float64Array(BACK_SIZE);
      if (!sequences) {
        back[DH] = fromAboveSq;
        back[DH + 1] = fromAboveCross;
        back[ALIGNED] = g.aligned ?? 0;
      }
      const rows = { batch: context.batch, positions: 1 };
      const dz: Gradient = { delta: 0, c: 0 };
      let kernelSquare = 0;
      let inputSumSq = 0;
      let inputSumCross = 0;
      let alignedSum = 0;
      let alignedSquareSum = 0;
      for (let t = steps - 1; t >= 0; t--) {
        context.checkDeadline();
        // With returnSequences every step's h_t receives the output's δ, and its part aligned with h_t.
        if (sequences) {
          back[DH] = 0 + back[DH] + fromAboveSq;
          back[DH + 1] = 0 + back[DH + 1] + fromAboveCross;
          back[ALIGNED] += g.aligned ?? 0;
        }
        cell.backward(tape, recordOf(t), back);
        const alignedZ = back[ALIGNED_Z];
        const alignedGain = alignedZ ** 2 * units * wV;
        alignedSum += alignedZ;
        alignedSquareSum += alignedZ ** 2;
        dz.delta = back[DZ];
        dz.c = correlation(back[DZ + 1], back[DZ]);
        kernelSquare += kernelGradSquared(fanIn, units * gates, rows, input, dz, alignedGain);
        inputSumSq = 0 + inputSumSq + back[DZ] * (units * gates * wV);
        inputSumCross = 0 + inputSumCross + back[DZ + 1] * (units * gates * wV);
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
