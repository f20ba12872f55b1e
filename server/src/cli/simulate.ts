/**
 * `gradient-doctor simulate <file> [--model NAME] [--engine analytic|empirical|both] [--batch N]
 * [--seeds N] [--json]` (DESIGN section 7): per layer of each model, log10 ‖dLoss/dKernel‖ for
 * the standard probe (x, y ~ N(0,1), meanSquaredError, batch 64, training-mode normalization),
 * predicted by the analytic engine and measured on the real tfjs model by the empirical engine.
 * A terminal chart by default, the contract's JSON with --json.
 */
import { parseArgs } from 'node:util';
import { analyze } from '../engine/analyze';
import { simulateFlow, UnsupportedModelError, type EmpiricalFlow } from '../engine/empirical';
import { predictFlow } from '../engine/flow/analytic';
import { modelAssumptions } from '../engine/insights/modelAssumptions';
import type { FlowPrediction, LayerFlow } from '../engine/flow/prediction';
import { variantName, type LayerIR, type ModelIR } from '../engine/ir';
import { LineMap } from '../engine/lineMap';
import { BATCH_SETTINGS } from '../engine/settings';
import { defaultKernelInitializerName, effectiveActivation, hasKernel, isConvKind, isRecurrentKind } from '../engine/tfjs/layers';
import { renderChart } from './chart';
import { EXIT_CLEAN, EXIT_ERROR, UsageError, type CliIO } from './io';

const ENGINES = ['analytic', 'empirical', 'both'] as const;
type Engine = (typeof ENGINES)[number];

const USAGE = 'usage: gradient-doctor simulate <file> [--model NAME] [--engine analytic|empirical|both] [--batch N] [--seeds N] [--json]';

export interface SimulateOptions {
  file: string;
  model?: string;
  engine: Engine;
  batch: number;
  seeds: number;
  json: boolean;
}

/** The JSON report of DESIGN section 7; non-finite numbers become null. */
export interface SimulateReport {
  file: string;
  models: SimulatedModel[];
}

export interface SimulatedModel {
  name: string;
  line: number;
  layers: SimulatedLayer[];
  /** What the engines assumed, and why an engine could not run (not in the section 7 shape; additive). */
  notes: string[];
  /**
   * The values the code does not say that the analytic numbers used, with their plausible ranges
   * (flow/unknowns.ts; additive). Findings hold across these ranges or say which value they need.
   */
  unknowns: SimulatedUnknown[];
}

export interface SimulatedUnknown {
  id: string;
  description: string;
  layerIndex: number;
  value: number;
  low: number;
  high: number;
}

export interface SimulatedLayer {
  index: number;
  name: string;
  kind: string;
  units: number | null;
  activation: string | null;
  initializer: string | null;
  hasKernel: boolean;
  analytic: { log10GradNorm: number | null; preActivationStd: number | null } | null;
  empirical: { log10GradNormMean: number | null; log10GradNormSd: number | null } | null;
}

function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} needs a whole number >= 1, not '${text}'`);
  return Number(text);
}

export function parseSimulateArgs(argv: string[]): SimulateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        engine: { type: 'string' },
        batch: { type: 'string' },
        seeds: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'simulate needs a file' : `simulate takes one file, got ${positionals.length}`);
  const engine = values.engine ?? 'both';
  if (!(ENGINES as readonly string[]).includes(engine)) throw new UsageError(`--engine must be one of ${ENGINES.join(', ')}, not '${engine}'`);
  return {
    file: positionals[0],
    model: values.model,
    engine: engine as Engine,
    batch: positiveInteger('--batch', values.batch, BATCH_SETTINGS.simulation.batch),
    seeds: positiveInteger('--seeds', values.seeds, BATCH_SETTINGS.simulation.seeds),
    json: values.json ?? false,
  };
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** The activation a layer applies itself (kernel, recurrent and activation layers), else null. */
function layerActivation(layer: LayerIR): string | null {
  const own = layer.kind === 'dense' || layer.kind === 'activation' || isConvKind(layer.kind) || isRecurrentKind(layer.kind);
  return own ? effectiveActivation(layer) : null;
}

function flowOf(flow: FlowPrediction | undefined, index: number): LayerFlow | undefined {
  return flow?.layers.find((l) => l.layerIndex === index);
}

function reportLayer(layer: LayerIR, analytic: FlowPrediction | undefined, empirical: EmpiricalFlow | undefined): SimulatedLayer {
  const kernel = hasKernel(layer.kind);
  const a = flowOf(analytic, layer.index);
  const e = empirical?.layers.find((l) => l.layerIndex === layer.index);
  return {
    index: layer.index,
    name: layer.name,
    kind: layer.kind,
    units: layer.units ?? null,
    activation: layerActivation(layer),
    initializer: kernel ? (layer.kernelInitializer?.name ?? defaultKernelInitializerName(layer.kind)) : null,
    hasKernel: kernel,
    analytic: analytic ? { log10GradNorm: finiteOrNull(a?.log10GradNorm), preActivationStd: finiteOrNull(a?.preActivationStd) } : null,
    empirical: empirical ? { log10GradNormMean: finiteOrNull(e?.log10GradNorm), log10GradNormSd: finiteOrNull(e?.log10GradNormSd) } : null,
  };
}

async function simulateModel(model: ModelIR, line: number, options: SimulateOptions): Promise<SimulatedModel> {
  const notes: string[] = [];
  const analytic = options.engine === 'empirical' ? undefined : predictFlow(model, { batch: options.batch });
  // What extraction could not read (and the variant) as well as what the flow assumed: the same list hovers and the panel show.
  if (analytic) notes.push(...modelAssumptions({ model, flow: analytic }).map((a) => `analytic: ${a}`));
  let empirical: EmpiricalFlow | undefined;
  if (options.engine !== 'analytic') {
    try {
      empirical = await simulateFlow(model, { batch: options.batch, seeds: options.seeds });
      notes.push(...empirical.assumptions.map((a) => `empirical: ${a}`));
    } catch (error) {
      if (!(error instanceof UnsupportedModelError)) throw error;
      notes.push(`empirical: not run, ${error.message}`);
    }
  }
  const unknowns = (analytic?.unknowns ?? []).map(({ id, description, layerIndex, value, low, high }) => ({ id, description, layerIndex, value, low, high }));
  return { name: variantName(model), line, layers: model.layers.map((layer) => reportLayer(layer, analytic, empirical)), notes, unknowns };
}

function chartOf(model: SimulatedModel, options: SimulateOptions): string {
  const rows = model.layers
    .filter((layer) => layer.hasKernel)
    .map((layer) => ({
      label: layer.name,
      kind: layer.kind,
      analytic: layer.analytic?.log10GradNorm ?? undefined,
      empiricalMean: layer.empirical?.log10GradNormMean ?? undefined,
      empiricalSd: layer.empirical?.log10GradNormSd ?? undefined,
    }));
  const probe = `batch ${options.batch}${options.engine === 'analytic' ? '' : `, ${options.seeds} seeds`}`;
  const title = `${model.name} (line ${model.line}): gradient flow at initialization, ${probe}`;
  const chart = rows.length > 0 ? renderChart(title, rows) : `${title}\n  no kernel layers\n`;
  return chart + model.notes.map((note) => `  note: ${note}\n`).join('');
}

/** Runs the command; returns its exit code (2 with a message on stderr for usage and input errors). */
export async function runSimulate(argv: string[], io: CliIO): Promise<number> {
  try {
    const options = parseSimulateArgs(argv);
    let text: string;
    try {
      text = io.readFile(options.file);
    } catch (error) {
      throw new UsageError(`cannot read ${options.file}: ${(error as Error).message}`);
    }
    const result = analyze(text, options.file, BATCH_SETTINGS);
    if (result.skipped) throw new UsageError(`${options.file}: ${result.skipped}`);
    // `--model buildModel` selects every variant of buildModel; a variant's full name selects it alone.
    const selected = result.file.models.filter((m) => options.model === undefined || m.name === options.model || variantName(m) === options.model);
    if (selected.length === 0) {
      const names = result.file.models.map(variantName);
      throw new UsageError(
        names.length === 0
          ? `${options.file}: no tfjs model definitions found`
          : `${options.file}: no model named '${options.model}' (models: ${names.join(', ')})`,
      );
    }
    const lines = new LineMap(text);
    const models: SimulatedModel[] = [];
    for (const model of selected) models.push(await simulateModel(model, lines.positionAt(model.nameSpan.start).line + 1, options));

    if (options.json) {
      const report: SimulateReport = { file: options.file, models };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.stdout(models.map((model) => chartOf(model, options)).join('\n'));
    }
    return EXIT_CLEAN;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`gradient-doctor simulate: ${error.message}\n${USAGE}\n`);
    return EXIT_ERROR;
  }
}
