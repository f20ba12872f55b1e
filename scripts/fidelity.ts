/**
 * `npm run fidelity`: how well the analytic engine's predictions agree with the empirical engine's
 * measurements on the real tfjs model. Generates a grid of dense models as tfjs SOURCE TEXT
 * (activations × initializers × depths × with/without batchNormalization after every hidden
 * layer; width 128, a linear glorotUniform head of 10 units), extracts them with the real
 * extractor, runs both engines on the probe of DESIGN section 7 (batch 64, several seeds), and
 * prints per-layer agreement of log10 ‖dLoss/dKernel‖: median and 95th percentile of
 * |analytic − empirical|, absolute and relative to the last kernel layer (the head), overall and
 * per grid row. Then the model families of fidelityFamilies.ts (convolutions with strides and
 * padding, pooling, transposed convolutions, upsampling, residual blocks, recurrent layers with
 * returnSequences, embeddings), summarized per family.
 *
 *   npm run fidelity                      full grid (several minutes on a shared machine)
 *   npm run fidelity -- --quick           a small grid in well under a minute
 *   npm run fidelity -- --json            machine-readable report on stdout
 *   options: --activations a,b  --initializers a,b  --depths 4,8  --bn on|off|both
 *            --seeds N  --width N  --batch N  --dense on|off  --families all|none|name,name
 */
import { parseArgs } from 'node:util';
import { simulateFlow } from '../server/src/engine/empirical';
import { extractFile } from '../server/src/engine/extract';
import type { EmpiricalFlow } from '../server/src/engine/empirical/types';
import type { ModelIR } from '../server/src/engine/ir';
import { predictFlow } from '../server/src/engine/flow/analytic';
import type { FlowPrediction } from '../server/src/engine/flow/prediction';
import { hasKernel } from '../server/src/engine/tfjs/layers';
import { FAMILY_MODELS, type FamilyModel } from './fidelityFamilies';
import { median, percentile } from './bench/measure';

interface GridConfig {
  activation: string;
  initializer: string;
  depth: number;
  batchNorm: boolean;
}

interface RunOptions {
  width: number;
  batch: number;
  seeds: number;
}

interface LayerAgreement {
  layer: number;
  analytic: number | null;
  empiricalMean: number;
  empiricalSd: number;
  /** |analytic − empirical| of log10 ‖∇W‖; Infinity when the analytic engine gave no finite number. */
  absolute: number;
  /** Same, each relative to the head (undefined for the head itself). */
  relative?: number;
}

interface RowReport extends GridConfig {
  /** log10 ‖∇W_first‖/‖∇W_head‖, as predicted and as measured. */
  analyticRatio: number | null;
  empiricalRatio: number;
  absolute: Summary;
  relative: Summary;
  layers: LayerAgreement[];
  seconds: number;
}

interface Summary {
  median: number;
  p95: number;
  max: number;
  count: number;
}

const FULL_GRID = {
  activations: ['relu', 'tanh', 'sigmoid', 'selu'],
  initializers: ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal'],
  depths: [4, 8, 16, 32],
  batchNorm: [false, true],
  seeds: 8,
};

const QUICK_GRID = {
  activations: ['relu', 'tanh'],
  initializers: ['heUniform', 'glorotUniform'],
  depths: [4, 8],
  batchNorm: [false, true],
  seeds: 4,
};

/** The model as a user would write it: a constant-bound loop of model.add calls. */
export function gridSource(config: GridConfig, width: number): string {
  const { activation, initializer, depth, batchNorm } = config;
  const dense = `tf.layers.dense({ units: WIDTH, activation: '${activation}', kernelInitializer: '${initializer}' })`;
  const bn = (indent: string) => (batchNorm ? `\n${indent}model.add(tf.layers.batchNormalization());` : '');
  return `import * as tf from '@tensorflow/tfjs';

const WIDTH = ${width};
const DEPTH = ${depth};

export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [WIDTH], units: WIDTH, activation: '${activation}', kernelInitializer: '${initializer}' }));${bn('  ')}
  for (let i = 1; i < DEPTH; i++) {
    model.add(${dense});${bn('    ')}
  }
  model.add(tf.layers.dense({ units: 10, kernelInitializer: 'glorotUniform' }));
  return model;
}
`;
}

function summarize(values: number[]): Summary {
  if (values.length === 0) return { median: NaN, p95: NaN, max: NaN, count: 0 };
  return { median: median(values), p95: percentile(values, 95), max: Math.max(...values), count: values.length };
}

/** Per kernel layer: analytic vs measured log10 ‖∇W‖, absolute and relative to the last kernel layer. */
function compareKernels(model: ModelIR, analytic: FlowPrediction, empirical: EmpiricalFlow): LayerAgreement[] {
  const kernelIndices = model.layers.filter((l) => hasKernel(l.kind)).map((l) => l.index);
  const head = kernelIndices[kernelIndices.length - 1];
  const predicted = (i: number) => analytic.layers.find((l) => l.layerIndex === i)?.log10GradNorm;
  const measured = (i: number) => empirical.layers.find((l) => l.layerIndex === i)!;
  const headA = predicted(head);
  const headE = measured(head).log10GradNorm!;
  return kernelIndices.map((i) => {
    const a = predicted(i);
    const e = measured(i);
    const finite = a !== undefined && Number.isFinite(a);
    const agreement: LayerAgreement = {
      layer: i,
      analytic: finite ? a : null,
      empiricalMean: e.log10GradNorm!,
      empiricalSd: e.log10GradNormSd!,
      absolute: finite ? Math.abs(a - e.log10GradNorm!) : Infinity,
    };
    if (i !== head) {
      const headFinite = headA !== undefined && Number.isFinite(headA);
      agreement.relative = finite && headFinite ? Math.abs(a - headA - (e.log10GradNorm! - headE)) : Infinity;
    }
    return agreement;
  });
}

async function runRow(config: GridConfig, options: RunOptions): Promise<RowReport> {
  const started = Date.now();
  const label = describe(config);
  const file = extractFile(gridSource(config, options.width), `${label}.ts`);
  const expectedLayers = config.depth * (config.batchNorm ? 2 : 1) + 1;
  const model = file.models[0];
  if (file.models.length !== 1 || model.layers.length !== expectedLayers) {
    throw new Error(`${label}: extraction found ${file.models.length} model(s) with ${model?.layers.length ?? 0} layers, expected 1 with ${expectedLayers}`);
  }
  const analytic = predictFlow(model, { batch: options.batch });
  const empirical = await simulateFlow(model, { batch: options.batch, seeds: options.seeds });
  const layers = compareKernels(model, analytic, empirical);
  const [first, head] = [layers[0], layers[layers.length - 1]];
  return {
    ...config,
    analyticRatio: first.analytic !== null && head.analytic !== null ? first.analytic - head.analytic : null,
    empiricalRatio: first.empiricalMean - head.empiricalMean,
    absolute: summarize(layers.map((l) => l.absolute)),
    relative: summarize(layers.flatMap((l) => (l.relative === undefined ? [] : [l.relative]))),
    layers,
    seconds: (Date.now() - started) / 1000,
  };
}

interface FamilyRow {
  family: string;
  name: string;
  layers: LayerAgreement[];
  seconds: number;
}

async function runFamilyModel(entry: FamilyModel, options: RunOptions): Promise<FamilyRow> {
  const started = Date.now();
  const file = extractFile(entry.source, 'family.ts');
  if (file.models.length !== 1) throw new Error(`${entry.family} ${entry.name}: extraction found ${file.models.length} models, expected 1`);
  const model = file.models[0];
  const analytic = predictFlow(model, { batch: options.batch });
  const empirical = await simulateFlow(model, { batch: options.batch, seeds: options.seeds });
  return { family: entry.family, name: entry.name, layers: compareKernels(model, analytic, empirical), seconds: (Date.now() - started) / 1000 };
}

function familyLine(row: FamilyRow): string {
  const per = row.layers.map((l) => (l.analytic === null ? 'null' : (l.analytic - l.empiricalMean).toFixed(2))).join(' ');
  const abs = summarize(row.layers.map((l) => l.absolute));
  return `${row.family.padEnd(20)} ${row.name.padEnd(28)} ${fmt(abs.median)} ${fmt(abs.p95)}   analytic − measured per kernel: ${per}  ${row.seconds.toFixed(1)}s`;
}

function familySummaries(rows: FamilyRow[]): string[] {
  const families = [...new Set(rows.map((r) => r.family))];
  return families.map((family) => {
    const s = summarize(rows.filter((r) => r.family === family).flatMap((r) => r.layers.map((l) => l.absolute)));
    return `  ${family.padEnd(20)} median ${fmt(s.median).trim()}, p95 ${fmt(s.p95).trim()} decades over ${s.count} layers`;
  });
}

function describe(config: GridConfig): string {
  return `${config.activation}-${config.initializer}-d${config.depth}${config.batchNorm ? '-bn' : ''}`;
}

const fmt = (v: number | null) => (v === null || !Number.isFinite(v) ? '   n/a' : v.toFixed(2).padStart(6));

function rowLine(row: RowReport): string {
  return [
    row.activation.padEnd(8), row.initializer.padEnd(14), String(row.depth).padStart(5), (row.batchNorm ? 'yes' : 'no').padEnd(4),
    fmt(row.relative.median), fmt(row.relative.p95), fmt(row.absolute.median), fmt(row.absolute.p95),
    `   ${fmt(row.analyticRatio)} ${fmt(row.empiricalRatio)}`, `${row.seconds.toFixed(1).padStart(6)}s`,
  ].join(' ');
}

const HEADER = [
  'activ.  ', 'initializer   ', 'depth', 'BN  ',
  'rel.med', 'rel.p95', 'abs.med', 'abs.p95', '   first/head: analytic measured', '   time',
].join(' ');

interface KnownCase {
  /** What DESIGN section 5 reports (independent PyTorch measurement, 16 seeds). */
  text: string;
  design: number;
  /** The quantity from a row's per-layer numbers, analytic and measured; undefined when the grid lacks the row. */
  value(find: (a: string, i: string, d: number, bn: boolean) => RowReport | undefined): [number | null, number] | undefined;
}

const firstLevel = (row: RowReport): [number | null, number] => [row.layers[0].analytic, row.layers[0].empiricalMean];

const KNOWN_CASES: KnownCase[] = [
  {
    text: 'sigmoid + glorotUniform, depth 8: log10 first/last hidden',
    design: -4.8,
    value: (find) => {
      const row = find('sigmoid', 'glorotUniform', 8, false);
      if (!row) return undefined;
      const [first, last] = [row.layers[0], row.layers[row.layers.length - 2]];
      return [first.analytic !== null && last.analytic !== null ? first.analytic - last.analytic : null, first.empiricalMean - last.empiricalMean];
    },
  },
  {
    text: 'relu + glorotNormal, depth 32: log10 ‖∇W‖ of the first layer',
    design: -6.5,
    value: (find) => { const row = find('relu', 'glorotNormal', 32, false); return row && firstLevel(row); },
  },
  {
    text: 'relu, depth 32: first layer heNormal vs heUniform (log10, ~300x smaller)',
    design: -2.5,
    value: (find) => {
      const [normal, uniform] = [find('relu', 'heNormal', 32, false), find('relu', 'heUniform', 32, false)];
      if (!normal || !uniform) return undefined;
      const [a1, e1] = firstLevel(normal);
      const [a2, e2] = firstLevel(uniform);
      return [a1 !== null && a2 !== null ? a1 - a2 : null, e1 - e2];
    },
  },
  {
    text: 'relu + heUniform + batchNormalization, depth 32: log10 first/head (BN explodes at depth)',
    design: 2.8,
    value: (find) => { const row = find('relu', 'heUniform', 32, true); return row && [row.analyticRatio, row.empiricalRatio]; },
  },
];

function knownCaseLines(rows: RowReport[]): string[] {
  const find = (a: string, i: string, d: number, bn: boolean) =>
    rows.find((r) => r.activation === a && r.initializer === i && r.depth === d && r.batchNorm === bn);
  return KNOWN_CASES.flatMap((known) => {
    const value = known.value(find);
    return value ? [`  ${known.text}: DESIGN ${known.design.toFixed(1)}, analytic ${fmt(value[0]).trim()}, measured ${fmt(value[1]).trim()}`] : [];
  });
}

function parseList(text: string | undefined, fallback: string[]): string[] {
  return text === undefined ? fallback : text.split(',').map((s) => s.trim()).filter(Boolean);
}

function parseCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`--${name} needs a whole number >= 1, not '${text}'`);
  return Number(text);
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' }, json: { type: 'boolean' },
      activations: { type: 'string' }, initializers: { type: 'string' }, depths: { type: 'string' },
      bn: { type: 'string' }, seeds: { type: 'string' }, width: { type: 'string' }, batch: { type: 'string' },
      dense: { type: 'string' }, families: { type: 'string' },
    },
  });
  const grid = values.quick ? QUICK_GRID : FULL_GRID;
  const bnModes = { on: [true], off: [false], both: [false, true] } as const;
  const bnText = values.bn ?? (grid.batchNorm.length === 2 ? 'both' : 'off');
  if (!(bnText in bnModes)) throw new Error(`--bn must be on, off or both, not '${bnText}'`);
  const depths = parseList(values.depths, grid.depths.map(String)).map((d) => parseCount('depths', d, 0));
  const options: RunOptions = {
    width: parseCount('width', values.width, 128),
    batch: parseCount('batch', values.batch, 64),
    seeds: parseCount('seeds', values.seeds, grid.seeds),
  };
  if (values.dense !== undefined && values.dense !== 'on' && values.dense !== 'off') throw new Error(`--dense must be on or off, not '${values.dense}'`);
  const familyNames = [...new Set(FAMILY_MODELS.map((m) => m.family))];
  const wantedFamilies = values.families === undefined || values.families === 'all' ? familyNames
    : values.families === 'none' ? [] : parseList(values.families, []);
  const unknownFamily = wantedFamilies.find((f) => !familyNames.includes(f));
  if (unknownFamily) throw new Error(`unknown family '${unknownFamily}'; families: ${familyNames.join(', ')}`);
  const familyModels = FAMILY_MODELS.filter((m) => wantedFamilies.includes(m.family));
  const configs: GridConfig[] = [];
  if (values.dense !== 'off') for (const activation of parseList(values.activations, grid.activations)) {
    for (const initializer of parseList(values.initializers, grid.initializers)) {
      for (const batchNorm of bnModes[bnText as keyof typeof bnModes]) {
        for (const depth of depths) configs.push({ activation, initializer, depth, batchNorm });
      }
    }
  }

  const started = Date.now();
  if (!values.json && configs.length > 0) process.stdout.write(`fidelity: ${configs.length} models, width ${options.width}, batch ${options.batch}, ${options.seeds} seeds; |Δ log10 ‖∇W‖| per kernel layer\n${HEADER}\n`);
  const rows: RowReport[] = [];
  for (const config of configs) {
    const row = await runRow(config, options);
    rows.push(row);
    if (values.json) process.stderr.write(`${describe(config)} done (${row.seconds.toFixed(1)} s)\n`);
    else process.stdout.write(`${rowLine(row)}\n`);
  }
  if (familyModels.length > 0 && !values.json) process.stdout.write(`families: ${familyModels.length} models, batch ${options.batch}, ${options.seeds} seeds; |Δ log10 ‖∇W‖| median, p95, then analytic − measured per kernel layer\n`);
  const familyRows: FamilyRow[] = [];
  for (const entry of familyModels) {
    let row: FamilyRow;
    try {
      row = await runFamilyModel(entry, options);
    } catch (error) {
      // A model tfjs cannot build or differentiate is reported, not counted.
      process.stderr.write(`${entry.family} ${entry.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      continue;
    }
    familyRows.push(row);
    if (values.json) process.stderr.write(`${entry.family} ${entry.name} done (${row.seconds.toFixed(1)} s)\n`);
    else process.stdout.write(`${familyLine(row)}\n`);
  }
  const overall = {
    relative: summarize(rows.flatMap((r) => r.layers.flatMap((l) => (l.relative === undefined ? [] : [l.relative])))),
    absolute: summarize(rows.flatMap((r) => r.layers.map((l) => l.absolute))),
  };
  const seconds = (Date.now() - started) / 1000;
  if (values.json) {
    const families = { rows: familyRows, summaries: familySummaries(familyRows).map((l) => l.trim()) };
    process.stdout.write(`${JSON.stringify({ options, overall, knownCases: knownCaseLines(rows).map((l) => l.trim()), rows, families, seconds }, null, 2)}\n`);
  } else {
    const line = (name: string, s: Summary) =>
      `  ${name}: median ${fmt(s.median).trim()}, p95 ${fmt(s.p95).trim()}, max ${fmt(s.max).trim()} decades over ${s.count} layers`;
    if (rows.length > 0) process.stdout.write(`overall |Δ log10 ‖∇W‖| (${seconds.toFixed(0)} s)\n${line('relative to the head', overall.relative)}\n${line('absolute', overall.absolute)}\n`);
    const known = knownCaseLines(rows);
    if (known.length > 0) process.stdout.write(`DESIGN section 5 cases in this grid\n${known.join('\n')}\n`);
    if (familyRows.length > 0) {
      const all = summarize(familyRows.flatMap((r) => r.layers.map((l) => l.absolute)));
      process.stdout.write(`families |Δ log10 ‖∇W‖| per family (absolute)\n${familySummaries(familyRows).join('\n')}\n  all families: median ${fmt(all.median).trim()}, p95 ${fmt(all.p95).trim()} decades over ${all.count} layers\n`);
    }
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      process.stderr.write(`fidelity: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
