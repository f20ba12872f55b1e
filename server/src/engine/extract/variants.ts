/**
 * Variants: a model built under conditions not known statically is several models, never their
 * concatenation. The first run of extraction records the decisions whose branches change
 * something (decisions.ts); extraction then runs once per combination of their branches (at most
 * MAX_RUNS), and the models of those runs are matched by their definition: a model built the same
 * way in every run is one model, a model that differs becomes one ModelIR per distinct build,
 * labelled with the conditions that select it.
 */
import type { ModelIR, VariantIR } from '../ir';
import type { DecisionPoint } from './decisions';
import { fewOf } from '../listPhrase';
import { sameJson } from './sameJson';
import { neverBuiltInThisVariantOnly } from './unusedBuilders';

export const MAX_RUNS = 16;

/** What one run of extraction produced. */
export interface RunResult {
  models: ModelIR[];
  notes: string[];
  /** Whether the run stopped early (deadline, step budget): its models are incomplete. */
  stopped: boolean;
}

/**
 * The decisions a series of runs varies, and the others: those with one branch that does not
 * throw (taken, and not a condition of anything), and those held at their first branch to stay
 * in bounds.
 */
export interface Plan {
  varied: DecisionPoint[];
  fixed: DecisionPoint[];
  /** Branch index of each varied decision, per run. */
  combinations: number[][];
  /** How many combinations there are in all. */
  total: number;
}

/** Varies decisions in the order the code reaches them while the number of runs stays in bounds. */
export function planRuns(points: DecisionPoint[]): Plan {
  const varied: DecisionPoint[] = [];
  const fixed: DecisionPoint[] = [];
  let runs = 1;
  let total = 1;
  for (const point of points) {
    const count = point.feasible.length;
    if (count <= 1) continue;
    total *= count;
    if (runs * count <= MAX_RUNS) {
      varied.push(point);
      runs *= count;
    } else fixed.push(point);
  }
  let combinations: number[][] = [[]];
  for (const point of varied) combinations = combinations.flatMap((combination) => point.feasible.map((branch) => [...combination, branch]));
  return { varied, fixed, combinations, total };
}

/**
 * The branch every decision takes in one run: the combination's for varied ones, the first that
 * does not throw for the others (a decision where every branch throws is walked as before).
 */
export function forcedBranches(points: DecisionPoint[], plan: Plan, combination: number[]): Map<string, number> {
  const forced = new Map<string, number>();
  for (const point of points) if (point.feasible.length > 0) forced.set(point.key, point.feasible[0]);
  plan.varied.forEach((point, i) => forced.set(point.key, combination[i]));
  return forced;
}

/** The note a file gets when there were more combinations than runs. */
export function boundNote(plan: Plan): string | undefined {
  if (plan.fixed.length === 0) return undefined;
  const total = plan.total;
  return `${plan.varied.length + plan.fixed.length} conditions not known statically give ${total.toLocaleString('en-US')} combinations; ${plan.combinations.length} are analysed: the others assume ${assumedBranches(plan)}`;
}

/**
 * The models of every run, matched by definition (api, span, call site) and merged: one ModelIR
 * per distinct build, in source order, labelled with the conditions under which it is built.
 */
export function mergeRuns(plan: Plan, runs: RunResult[]): ModelIR[] {
  const assumed = assumption(plan);
  const byDefinition = new Map<string, { run: number; model: ModelIR }[]>();
  // A run that built a definition only as code nothing calls in that variant (its call is in the
  // branch the run forced off) has no model of it, where other runs do: per definition, the runs
  // that built it for real, and those that did not.
  const runsBuilding = new Map<string, Set<number>>();
  const runsNotBuilding = new Map<string, Set<number>>();
  runs.forEach((run, index) => {
    for (const model of run.models) {
      const key = `${model.api}:${model.span.start}:${model.span.end}:${model.variant?.label ?? ''}`;
      const builds = byDefinition.get(key) ?? [];
      builds.push({ run: index, model });
      byDefinition.set(key, builds);
      const runsOf = notBuiltInThisVariant(model) ? runsNotBuilding : runsBuilding;
      const definition = definitionOf(model);
      runsOf.set(definition, (runsOf.get(definition) ?? new Set()).add(index));
    }
  });
  const merged: ModelIR[] = [];
  for (const all of byDefinition.values()) {
    const definition = definitionOf(all[0].model);
    const built = runsBuilding.get(definition);
    const builds = built ? all.filter((build) => !notBuiltInThisVariant(build.model)) : all;
    if (builds.length === 0) continue;
    const withoutIt = built ? [...(runsNotBuilding.get(definition) ?? [])].filter((run) => !built.has(run)).length : 0;
    // Builds with the same JSON are one model.
    const groups: { runs: Set<number>; model: ModelIR }[] = [];
    for (const build of builds) {
      const group = groups.find((known) => sameJson(known.model, build.model));
      if (group) group.runs.add(build.run);
      else groups.push({ runs: new Set([build.run]), model: build.model });
    }
    foldUntrained(groups, (group) => group.model, (into, from) => from.runs.forEach((run) => into.runs.add(run)));
    const always = groups.length === 1 && builds.length + withoutIt === runs.length;
    for (const group of groups) {
      const conditions = always ? [] : describeRuns(plan, runs.length, group.runs);
      merged.push(conditions.length > 0 || assumed ? withCondition(group.model, conditions, assumed) : group.model);
    }
  }
  return merged.sort((a, b) => a.span.start - b.span.start);
}

function definitionOf(model: ModelIR): string {
  return `${model.api}:${model.span.start}:${model.span.end}`;
}

function notBuiltInThisVariant(model: ModelIR): boolean {
  return model.unusedBuilder !== undefined && neverBuiltInThisVariantOnly(model.unusedBuilder);
}

/**
 * A build that is not trained, alike a trained build of the same definition but for its training,
 * is that model on a path that returns before training it (`if (memory.length < batchSize)
 * return;` in a replay step), or built once more without being trained: not a model of its own.
 * Its group joins the trained build's (`join`), in the runs of one extraction (finalize.ts) and
 * across runs (mergeRuns).
 */
export function foldUntrained<G>(groups: G[], modelOf: (group: G) => ModelIR, join: (into: G, from: G) => void): void {
  for (let i = groups.length - 1; i >= 0; i--) {
    const untrained = modelOf(groups[i]);
    if (untrained.training !== undefined) continue;
    const bare = bareModel(untrained);
    const scoring = untrained.api === 'core' ? withoutOutputActivation(bare) : undefined;
    const trained = groups.find((group) => {
      const model = modelOf(group);
      if (model.training === undefined) return false;
      const trainedBare = bareModel(model);
      return sameJson(trainedBare, bare) || (scoring !== undefined && sameJson(trainedBare, scoring));
    });
    if (!trained) continue;
    join(trained, groups[i]);
    groups.splice(i, 1);
  }
}

/**
 * The model without its training, where its build started and what was noted while reading it: a
 * core-API forward pass run many times in a training loop ("added in a loop ... counted once") and
 * once more for a prediction, from another function, is one model.
 */
function bareModel(model: ModelIR): ModelIR {
  return { ...model, training: undefined, initialWeightsReplaced: undefined, span: NO_SPAN, notes: [], layers: model.layers.map((layer) => (layer.notes.length === 0 ? layer : { ...layer, notes: [] })) };
}

const NO_SPAN = { start: 0, end: 0 };

/**
 * A core-API forward pass with a probability put on its output (`tf.sigmoid(model.logits(x))` to
 * score a request): the trained logits pass, used for inference.
 */
function withoutOutputActivation(model: ModelIR): ModelIR | undefined {
  const last = model.layers[model.layers.length - 1];
  if (!last?.activation || last.activation === 'linear') return undefined;
  // Put on a layer that already has an activation, the probability is an op of its own.
  if (last.kind === 'activation') return { ...model, layers: model.layers.slice(0, -1) };
  const { activation: _written, ...props } = last.props;
  return { ...model, layers: [...model.layers.slice(0, -1), { ...last, activation: undefined, props }] };
}

/**
 * Beyond the bound on runs, every model may depend on decisions held at their first branch: its
 * label says so ("assuming f.flag5, f.flag6 and 14 more").
 */
function assumption(plan: Plan): string | undefined {
  if (plan.fixed.length === 0) return undefined;
  return `assuming ${assumedBranches(plan)}`;
}

/** The branches the runs take where they do not vary: `f.flag5, f.flag6, f.flag7, f.flag8 and 12 more`. */
function assumedBranches(plan: Plan): string {
  return fewOf(plan.fixed.map((point) => point.branches[point.feasible[0]]), 4);
}

/** The model with the conditions of its runs added before those of its call site, if any. */
function withCondition(model: ModelIR, conditions: string[], assumed: string | undefined): ModelIR {
  const all = [...conditions, ...(assumed ? [assumed] : []), ...(model.variant?.conditions ?? [])];
  const phrase = conditions.length > 0 ? `when ${conditions.join(' and ')}` : '';
  const label = [phrase, assumed, model.variant?.label].filter(Boolean).join(', ');
  const variant: VariantIR = { label, conditions: all };
  return { ...model, variant };
}

/**
 * The fewest conditions of varied decisions that select exactly these runs, in words; when no
 * conjunction does, one alternative per run ("(a and b) or (c and d)" as a single condition).
 */
function describeRuns(plan: Plan, runCount: number, selected: Set<number>): string[] {
  const combinations = plan.combinations.slice(0, runCount);
  const selects = (terms: Map<number, number>) =>
    combinations.every((combination, run) => selected.has(run) || [...terms].some(([point, branch]) => combination[point] !== branch));
  const minimal = (terms: Map<number, number>) => {
    for (const point of [...terms.keys()]) {
      const without = new Map(terms);
      without.delete(point);
      if (selects(without)) terms = without;
    }
    return terms;
  };
  const words = (terms: Map<number, number>) => [...terms].map(([point, branch]) => plan.varied[point].branches[branch]);
  const first = combinations[Math.min(...selected)];
  const shared = new Map<number, number>();
  plan.varied.forEach((_, point) => {
    if ([...selected].every((run) => combinations[run][point] === first[point])) shared.set(point, first[point]);
  });
  if (selects(shared)) return words(minimal(shared));
  const alternatives = [...selected].map((run) => words(minimal(new Map(combinations[run].map((branch, point) => [point, branch])))));
  // Decisions at different places can read alike (one guard reached from several calls): each reading once.
  const phrases = [...new Set(alternatives.map((terms) => terms.join(' and ')))];
  return [phrases.length === 1 ? phrases[0] : phrases.map((phrase) => `(${phrase})`).join(' or ')];
}
