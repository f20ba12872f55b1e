/**
 * The engine's single entry point: source text in, models + flow predictions + findings out.
 * Pure: no LSP, no `vscode`, no file system; the server, the CLI, the tests and the webview use it.
 */
import { fileKey, ModelCache, modelKey, type ModelOutcome } from './cache';
import { extractFile, type ExtractOptions } from './extract';
import { mayUseGlobalTf } from './extract/globalTf';
import { collectConsultedAnswers, sameAnswers } from './fixes/perFile';
import { SEVERITY_ORDER, type Finding, type Severity } from './findings';
import type { FileIR, ImportedCodeIR, LayerIR, ModelIR, Span } from './ir';
import { predictFlow } from './flow/analytic';
import { FlowOutOfTime } from './flow/deadline';
import type { FlowPrediction } from './flow/prediction';
import { robustEvaluation, type Evaluate, type Evaluation } from './robust/robustFindings';
import type { Substitution } from './flow/unknowns';
import { RuleRuns } from './robust/ruleRuns';
import { RULES } from './rules';
import type { Rule, RuleFinding } from './rules/rule';
import { SpanSet } from './rules/modelFacts';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { withoutSuppressed } from './suppressions';
import { findingsAcrossVariants } from './variantFindings';

export interface ModelAnalysis {
  model: ModelIR;
  flow: FlowPrediction;
}

export interface AnalysisResult {
  file: FileIR;
  models: ModelAnalysis[];
  findings: Finding[];
  /** Why the file was not analysed (too large, no tfjs), when it was not. */
  skipped?: string;
  /** Set when `settings.analysisBudgetMs` ran out: what was left out, in words. */
  incomplete?: string;
}

export interface AnalyzeOptions {
  /** Memo of per-model outcomes; by default one shared by the process, `null` analyses from scratch. */
  cache?: ModelCache | null;
  /** Reads other workspace files for imports (ExtractOptions.readFile); without it imported names are unknown. */
  readFile?: ExtractOptions['readFile'];
  /** Files that import this one, with their texts: their calls of its factories count as call sites (ExtractOptions.importers). */
  importers?: ExtractOptions['importers'];
  /** Parses the text (an IncrementalParser's `parse` while the user types); a fresh parse by default. */
  parse?: ExtractOptions['parse'];
  /** A tighter time budget than `settings.analysisBudgetMs` (a hover's extra analysis); settings stay the cache key. */
  budgetMs?: number;
}

const sharedCache = new ModelCache();

/**
 * Cheap pre-check: files that never mention tfjs, nor `tf.` as a global could be, are not parsed
 * at all. Extraction decides whether a `tf` is really the script-tag global (globalTf.ts).
 */
export function mentionsTfjs(text: string): boolean {
  return text.includes('@tensorflow/tfjs') || mayUseGlobalTf(text);
}

export function analyze(
  text: string,
  fileName: string,
  settings: Settings = DEFAULT_SETTINGS,
  options: AnalyzeOptions = {},
): AnalysisResult {
  const deadline = performance.now() + Math.min(options.budgetMs ?? Infinity, settings.analysisBudgetMs);
  const empty: FileIR = { fileName, models: [], afterImports: 0, hasSyntaxErrors: false };
  if (text.length > settings.maxFileSize) {
    return {
      file: empty,
      models: [],
      findings: [],
      skipped: `file has ${text.length} characters, above gradientDoctor.maxFileSize (${settings.maxFileSize}); not analysed`,
    };
  }
  if (!mentionsTfjs(text)) return { file: empty, models: [], findings: [], skipped: 'no @tensorflow/tfjs import and no use of a global `tf`' };

  const file = extractWithinStack(text, fileName, { deadline, readFile: options.readFile, importers: options.importers, parse: options.parse });
  if (typeof file === 'string') return { file: empty, models: [], findings: [], skipped: file };
  const cache = options.cache === undefined ? sharedCache : options.cache;
  const keyOfFile = cache ? fileKey(text, file, JSON.stringify(settings)) : '';
  const models: ModelAnalysis[] = [];
  const findings: Finding[] = [];
  let incomplete: string | undefined;
  const stoppedAfter = `analysis stopped after gradientDoctor.analysisBudgetMs (${settings.analysisBudgetMs} ms)`;
  const leftOut = () => `${models.length} of ${file.models.length} models analysed; the others have no findings`;
  const helperLayers = layersOfHelpers(file);
  for (const [modelIndex, model] of file.models.entries()) {
    if (performance.now() > deadline) {
      incomplete = `${stoppedAfter}: ${leftOut()}`;
      break;
    }
    const outcome = analyzeModel(text, file, model, settings, cache, keyOfFile, deadline);
    if (!outcome) {
      incomplete = `${stoppedAfter} while predicting the gradient flow of model ${modelIndex + 1}: ${leftOut()}`;
      break;
    }
    const { flow, findings: modelFindings } = outcome;
    models.push({ model, flow });
    for (const finding of modelFindings) if (!placedInHelpers(file, model, finding, helperLayers)) findings.push(asReported(model, finding, modelIndex));
  }
  for (const training of file.detachedTraining ?? []) findings.push(...checkWithoutModel(settings, (rule) => rule.checkTraining?.({ text, file, training, settings })));
  const layers = file.unplacedLayers;
  if (layers) findings.push(...checkWithoutModel(settings, (rule) => rule.checkLayers?.({ text, file, layers, settings })).map((finding) => ofUnplacedLayer(layers, finding)));
  const reported = withoutRepeats(findingsAcrossVariants(models.map((analysis) => analysis.model), withoutNestedEchoes(findings, models)), models);
  reported.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  const visible = withoutSuppressed(text, reported); // disable comments (suppressions.ts)
  return incomplete ? { file, models, findings: visible, incomplete } : { file, models, findings: visible };
}

/**
 * A model's finding as reported: of a model built only in code nothing runs (ModelIR.unusedBuilder)
 * a hint that says why, and so of a model built and never trained (ModelIR.neverTrained), but for
 * API traps, which throw when it is built, and an initializer's finding of a model given other
 * weights before training (ModelIR.initialWeightsReplaced).
 */
function asReported(model: ModelIR, finding: Finding, modelIndex: number): Finding {
  const why = model.unusedBuilder ?? (finding.rule === 'tfjs-api-trap' ? undefined : model.neverTrained) ?? (INITIALIZER_RULES.has(finding.rule) ? model.initialWeightsReplaced : undefined);
  return why ? { ...saidWhy(finding, why), modelIndex } : { ...finding, modelIndex };
}

/** Rules about what the initializers draw, which say nothing of weights given by setWeights (ModelIR.initialWeightsReplaced). */
const INITIALIZER_RULES: ReadonlySet<string> = new Set(['constant-initializer', 'large-init-scale']);

/** A finding of code that never runs or never trains: its errors and warnings become hints that say why; an info or a hint stays. */
function saidWhy(finding: Finding, why: string): Finding {
  const severity = finding.severity === 'error' || finding.severity === 'warning' ? 'hint' : finding.severity;
  return { ...finding, severity, message: `${why}: ${finding.message}` };
}

/** A finding of a layer no model holds: a hint that says why where the code that constructs it never runs. */
function ofUnplacedLayer(layers: readonly LayerIR[], finding: Finding): Finding {
  const why = layers.find((layer) => layer.neverConstructed && finding.span.start >= layer.span.start && finding.span.end <= layer.span.end)?.neverConstructed;
  return why ? saidWhy(finding, why) : finding;
}

/**
 * A finding of a model that an imported helper builds, placed at its layers (written in imported
 * files) or at a call of other code of the helper's file (its own training loop): those files
 * report it where it is written, as `check` of all of them shows. Training written in a third
 * file (a trainer class this file gives the model) cannot see the model there, so this file
 * reports it, at its call; but a trainer class that builds the model itself, with a helper's
 * file or not, is that class's file to report. So is a finding placed at code of a file whose
 * analysis sees the model (ImportedCodeIR.seesModel: an importer's override, a base class's
 * method on this file's subclass, for a model that base's file builds).
 */
function placedInHelpers(file: FileIR, model: ModelIR, finding: Finding, helperLayers: readonly Span[]): boolean {
  // Within, not only at: a rule may place a finding on part of what it takes for a layer call (its callee).
  const within = (span: Span) => finding.span.start >= span.start && finding.span.end <= span.end;
  const importedCode = file.importedCode ?? [];
  const seenThere = (code: ImportedCodeIR) => code.seesModel === 'all' || (code.seesModel === 'own' && (model.builtIn === code.module || model.builtThrough === code.module));
  if (importedCode.some((code) => seenThere(code) && within(code))) return true;
  // A helper's model used inside this file's (a shared tower applied twice): its layers are the helper's to report.
  if (helperLayers.some(within)) return true;
  if (model.builtIn === undefined) return false;
  if (within(model.span) || (model.layers.some((layer) => within(layer.span)) && importedCode.some(within))) return true;
  return importedCode.some((code) => (code.module === model.builtIn || code.module === model.builtThrough) && within(code));
}

/** The layers of the models imported helpers build, where they stand in this file (imported code). */
function layersOfHelpers(file: FileIR): Span[] {
  const importedCode = file.importedCode ?? [];
  const inImportedCode = (span: Span) => importedCode.some((code) => span.start >= code.start && span.end <= code.end);
  return file.models.flatMap((model) => (model.builtIn === undefined ? [] : model.layers.map((layer) => layer.span).filter(inImportedCode)));
}

/**
 * Extraction, or why it could not run: the TypeScript parser and the walkers recurse, and code
 * nested a thousand levels deep (generated or hostile) exhausts the stack. That is a property of
 * the input, so it becomes a clear message instead of an exception.
 */
function extractWithinStack(text: string, fileName: string, options: ExtractOptions): FileIR | string {
  try {
    return extractFile(text, fileName, options);
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) return 'code nested too deeply to analyse';
    throw error;
  }
}

/**
 * Flow and findings of one model, from the cache when nothing they depend on changed; undefined
 * when the flow prediction ran past the deadline (the rules would report wrong numbers from a
 * partial flow, so they do not run, and nothing is cached).
 */
function analyzeModel(
  text: string,
  file: FileIR,
  model: ModelIR,
  settings: Settings,
  cache: ModelCache | null,
  keyOfFile: string,
  deadline: number,
): ModelOutcome | undefined {
  const key = cache ? modelKey(text, model, keyOfFile) : undefined;
  const cached = key && cache?.get(key, (answers) => sameAnswers(text, file, answers));
  if (cached) return cached;
  const evaluate = evaluator(text, file, model, settings, deadline);
  try {
    // Rules run once per prediction across the model's unknowns (robust/robustFindings.ts).
    const { result, consulted } = collectConsultedAnswers(() => robustEvaluation(model, evaluate));
    const outcome = { flow: result.flow, findings: result.findings, consulted };
    if (key) cache?.set(key, outcome, file.afterImports);
    return outcome;
  } catch (error) {
    if (error instanceof FlowOutOfTime) return undefined;
    throw error;
  }
}

/**
 * Flow and findings of one model IR as given (a test may write values into it), without the
 * cache or a deadline.
 */
export function analyzeModelIR(text: string, file: FileIR, model: ModelIR, settings: Settings = DEFAULT_SETTINGS): ModelOutcome {
  return analyzeModel(text, file, model, settings, null, '', Infinity)!;
}

/** One prediction of a model and the rules on it, with the unknowns a Substitution gives (else nominal). */
function evaluator(text: string, file: FileIR, model: ModelIR, settings: Settings, deadline: number): Evaluate {
  const runs = new RuleRuns(text, file, model, settings);
  return (substitution, placesOnly) => {
    // Only the nominal prediction is reported: the others are read for verdicts, not for their words.
    const flow = predictFlow(model, { deadline, substitution, describe: substitution === undefined });
    return { flow, findings: checkRules(runs, flow, settings, placesOnly) };
  };
}

/**
 * Flow and findings of one model with every unknown at the value `substitution` gives it, as the
 * robust check predicts at the ends of the ranges: a test reads verdicts at points it does not visit.
 */
export function analyzeModelAt(text: string, file: FileIR, model: ModelIR, substitution: Substitution, settings: Settings = DEFAULT_SETTINGS): Evaluation {
  return evaluator(text, file, model, settings, Infinity)(substitution);
}

/** Findings of every enabled rule for one model, in rule order, with their configured severity (ModelContext.placesOnly: perhaps only where they are). */
function checkRules(runs: RuleRuns, flow: FlowPrediction, settings: Settings, placesOnly = false): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = settings.severity[rule.meta.id];
    if (severity === 'off') continue;
    for (const finding of runs.check(rule, flow, placesOnly)) findings.push(withSeverity(finding, severity));
  }
  return findings;
}

/**
 * Findings outside any model (no modelIndex), of the enabled rules with such a check: `check` runs
 * a rule's, undefined for a rule without one (a training setup no model owns, layers no model holds).
 */
function checkWithoutModel(settings: Settings, check: (rule: Rule) => RuleFinding[] | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = settings.severity[rule.meta.id];
    if (severity === 'off') continue;
    for (const finding of check(rule) ?? []) findings.push(withSeverity(finding, severity));
  }
  return findings;
}

/**
 * The configured severity, or 'hint' for a soft finding (a milder variant of the rule's problem).
 * Most findings have no `soft` key: a plain spread copies them on V8's fast path, where the rest
 * pattern that drops `soft` goes through the runtime for every finding.
 */
function withSeverity(finding: RuleFinding, severity: Severity): Finding {
  if (finding.soft === undefined) return { ...finding, severity };
  const { soft, ...rest } = finding;
  return { ...rest, severity: soft ? 'hint' : severity };
}

/**
 * A model never trained itself, only applied inside others that are never trained either (a torso
 * inside a DQN's frozen target network): its finding at a place where such a container has one by
 * the same rule is that container's, which says why nothing trains it (a hint, not the torso's own
 * warning). Inside a trained model (a GAN's combined model), the inner model's own finding stands.
 */
function withoutNestedEchoes(findings: Finding[], models: readonly ModelAnalysis[]): Finding[] {
  const untrained = (model: ModelIR) => model.neverTrained !== undefined || model.unusedBuilder !== undefined;
  const containers = models.map(({ model }) => (model.training ? [] : models.flatMap((other, index) =>
    other.model !== model && untrained(other.model) && other.model.variant?.label === model.variant?.label && other.model.layers.some((layer) => layer.nestedOutputOf === model.name) ? [index] : [])));
  if (containers.every((indices) => indices.length === 0)) return findings;
  const placed = new Set(findings.map((finding) => `${finding.modelIndex}\u0000${finding.rule}\u0000${finding.span.start}:${finding.span.end}`));
  return findings.filter((finding) => {
    const outer = finding.modelIndex === undefined ? [] : containers[finding.modelIndex] ?? [];
    return !outer.some((index) => placed.has(`${index}\u0000${finding.rule}\u0000${finding.span.start}:${finding.span.end}`));
  });
}

/**
 * A model inlined into another (extract/composition.ts) is analysed in both: one finding per rule,
 * place and variant, the first model's; and one per rule, place and message, since the outer
 * model's variants (a GAN built by a class's constructor) may label a finding that is word for
 * word the inner model's. A variant's finding where a model without variants has one of the same
 * rule at the same place says it again under a condition (a core-API discriminator's initializer,
 * in the discriminator and in each build of the generator's loss through it): the unconditioned one stays.
 */
function withoutRepeats(findings: Finding[], models: readonly ModelAnalysis[]): Finding[] {
  const variantOf = (finding: Finding) => (finding.modelIndex === undefined ? undefined : models[finding.modelIndex]?.model.variant?.label);
  const placeOf = (finding: Finding) => `${finding.rule}\u0000${finding.span.start}:${finding.span.end}`;
  // Per rule and place, the most severe unconditioned finding: a hint (of a model never trained) leaves a variant's warning.
  const unconditioned = new Map<string, number>();
  for (const finding of findings) {
    if (variantOf(finding) !== undefined) continue;
    const rank = SEVERITY_ORDER.indexOf(finding.severity);
    unconditioned.set(placeOf(finding), Math.min(rank, unconditioned.get(placeOf(finding)) ?? rank));
  }
  const spansByKey = new Map<string, SpanSet>();
  const isNew = (key: string, span: Span) => {
    let spans = spansByKey.get(key);
    if (!spans) {
      spans = new SpanSet();
      spansByKey.set(key, spans);
    }
    return spans.add(span);
  };
  return findings.filter((finding) => {
    const variant = variantOf(finding);
    if (variant !== undefined && (unconditioned.get(placeOf(finding)) ?? Infinity) <= SEVERITY_ORDER.indexOf(finding.severity)) return false;
    const newForVariant = isNew(`${finding.rule}\u0000variant\u0000${variant ?? ''}`, finding.span);
    const newMessage = isNew(`${finding.rule}\u0000message\u0000${finding.message}`, finding.span);
    return newForVariant && newMessage;
  });
}
