/**
 * A model's rules run once per prediction across its unknowns (robustFindings.ts), and most
 * predictions differ only in their flow. A rule that did not read the flow gave findings that
 * depend on the code alone, so they are the same in every prediction of the model: they are
 * remembered from its first run rather than computed again per scenario. Whether a rule read the
 * flow is observed, not declared, so a rule that starts reading it is re-run without anyone
 * having to remember to say so.
 */
import type { FileIR, ModelIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import type { ModelContext, Rule, RuleFinding } from '../rules/rule';
import type { Settings } from '../settings';

/** The context the rules see, noting whether a rule read the flow (one per prediction, a getter on the prototype). */
class ObservedContext implements ModelContext {
  readFlow = false;

  constructor(
    readonly text: string,
    readonly file: FileIR,
    readonly model: ModelIR,
    readonly settings: Settings,
    readonly prediction: FlowPrediction,
    readonly placesOnly: boolean,
  ) {}

  get flow(): FlowPrediction {
    this.readFlow = true;
    return this.prediction;
  }
}

export class RuleRuns {
  private readonly flowFree = new Map<Rule, RuleFinding[]>();
  private context: ObservedContext | undefined;

  constructor(
    private readonly text: string,
    private readonly file: FileIR,
    private readonly model: ModelIR,
    private readonly settings: Settings,
  ) {}

  /** The rule's findings on this model with this flow; with `placesOnly`, perhaps only where they are (ModelContext.placesOnly). */
  check(rule: Rule, flow: FlowPrediction, placesOnly = false): RuleFinding[] {
    const remembered = this.flowFree.get(rule);
    if (remembered) return remembered;
    if (this.context?.prediction !== flow || this.context.placesOnly !== placesOnly) {
      this.context = new ObservedContext(this.text, this.file, this.model, this.settings, flow, placesOnly);
    }
    const context = this.context;
    context.readFlow = false;
    const findings = rule.check(context);
    // Places alone are no findings to give again (and a rule may skip the flow only because it skips its message).
    if (!context.readFlow && !placesOnly) this.flowFree.set(rule, findings);
    return findings;
  }
}
