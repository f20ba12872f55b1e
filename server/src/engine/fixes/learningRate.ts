/** Writing a learning rate in the style of the literal it replaces (`1e-1` -> `1e-3`, `0.5` -> `0.01`). */
import type { TextEdit } from '../findings';
import type { FileIR, OptimizerIR, Span } from '../ir';
import { answerOncePerFile } from './perFile';
import { forEachLiteral } from '../sourceTokens';
import { CONVENTIONAL_LEARNING_RATE, isOptimizerName } from '../tfjs/optimizers';

const NUMERIC_LITERAL = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function formatLikeLiteral(value: number, literal: string): string {
  const written = literal.trim();
  if (!NUMERIC_LITERAL.test(written)) return String(value);
  const exponentMatch = /[eE]/.exec(written);
  if (exponentMatch) {
    const [mantissa, exponent] = value.toExponential().split('e');
    return `${mantissa}${exponentMatch[0]}${exponent.replace('+', '')}`;
  }
  const decimal = String(value);
  return written.startsWith('.') ? decimal.replace(/^0\./, '.') : decimal;
}

/** The largest of 1, 2 and 5 times a power of ten at or below `value` (0.0027 -> 0.002). */
function roundDownToStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [5, 2, 1].find((factor) => factor * power <= value) ?? 1;
  return Number((step * power).toPrecision(1));
}

/**
 * Replaces the written learning rate with the conventional one for the optimizer
 * (CONVENTIONAL_LEARNING_RATE), in the literal's own style; with the model's stable rate
 * (`stableLimit`, sgd and momentum) below twice the conventional one, with half the stable rate
 * rounded down to 1, 2 or 5 times a power of ten, since the limit rests on a lower bound of the
 * curvature. Undefined when nothing is written or it is already at or below the target.
 */
export function learningRateFixEdits(
  text: string,
  file: FileIR,
  optimizer: OptimizerIR,
  stableLimit?: number,
): { title: string; edits: TextEdit[]; reassigned: boolean } | undefined {
  if (!optimizer.lrSpan || !isOptimizerName(optimizer.name) || optimizer.learningRateSource !== 'explicit') return undefined;
  // Every fit sets its own rate before its first step: the written one never trains.
  if (optimizer.scheduledPeak?.createdUnused) return undefined;
  const conventional = CONVENTIONAL_LEARNING_RATE[optimizer.name];
  const halfStable = stableLimit !== undefined && stableLimit > 0 ? roundDownToStep(stableLimit / 2) : Infinity;
  const rate = Math.min(conventional, halfStable);
  // The rate written where the optimizer is created, below a schedule's peak (OptimizerIR.scheduledPeak).
  const written = optimizer.scheduledPeak ? optimizer.scheduledPeak.createdWith : optimizer.learningRate;
  if (written !== undefined && written <= rate) return undefined;
  const writtenText = text.slice(optimizer.lrSpan.start, optimizer.lrSpan.end);
  const target =
    constantLiteralSpan(text, file, writtenText) ??
    defaultLiteralSpan(optimizer.lrSpan, writtenText, written) ??
    onlyLiteralOfRate(text, file, writtenText, written) ??
    optimizer.lrSpan;
  const newText = formatLikeLiteral(rate, text.slice(target.start, target.end));
  const why = rate < conventional ? `half this model's stable ${optimizer.name} rate ${Number(stableLimit!.toPrecision(2))}` : `the conventional ${optimizer.name} rate`;
  const reassigned = assignsLearningRate(text, file);
  return {
    title: reassigned ? `Lower the starting learning rate to ${newText} (${why}); the rates the code assigns to learningRate stay as written` : `Lower the learning rate to ${newText} (${why})`,
    edits: [{ start: target.start, end: target.end, newText }],
    reassigned,
  };
}

/**
 * Whether the code sets an optimizer's rate while training to a value of its own
 * (`optimizer.learningRate = schedule.at(step)`, a hand-written schedule or warm-up): then the rate
 * passed to the factory only starts training, and lowering it alone does not change the rate the
 * steps use. Asked of the whole file, since the assignment is usually made through an alias
 * (`settable`, `opt as any`) in a loop or callback.
 */
function assignsLearningRate(text: string, file: FileIR): boolean {
  return answerOncePerFile(text, file, 'assigns learningRate', (whole) =>
    [...whole.matchAll(LEARNING_RATE_ASSIGNMENT)].some(([, assigned]) => !/\blearningRate\b/.test(assigned)),
  );
}

/** `x.learningRate = <value>` up to the end of the statement; a value that reads learningRate (`* 0.5`) decays the rate the fix sets. */
const LEARNING_RATE_ASSIGNMENT = /(?:\.learningRate|\[\s*['"`]learningRate['"`]\s*\])\s*=(?!=)([^;\n]*)/g;

/**
 * For `adam(learningRate)` with a single `const learningRate = 0.05` in the file: the literal's
 * span, so the fix edits the constant (where the user set the rate) instead of bypassing it.
 * A whole-text search, asked by every model that trains with the name: once per file.
 */
function constantLiteralSpan(text: string, file: FileIR, written: string): Span | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(written)) return undefined;
  return answerOncePerFile(text, file, `literal of const ${written}`, (whole) => searchConstantLiteral(whole, written));
}

/**
 * For `adam(opts?.lr ?? 0.05)` where the default is the rate in effect: the default's literal, so
 * a caller that passes its own rate keeps it.
 */
function defaultLiteralSpan(span: Span, written: string, rate: number | undefined): Span | undefined {
  const match = DEFAULT_LITERAL.exec(written);
  if (!match || rate === undefined || Number(match[1]) !== rate) return undefined;
  const start = span.start + match.index + match[0].length - match[1].length;
  return { start, end: start + match[1].length };
}

/** `<anything> ?? 0.05` or `<anything> || 0.05`: a numeric default at the end of the rate's expression. */
const DEFAULT_LITERAL = /(?:\?\?|\|\|)\s*((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;

/**
 * For `adam(lr)` with `lr` a parameter that one call (of a sweep over `[1e-3, 3e-3, 3e-2]`) gives
 * the failing rate, or `adam(opts.learningRate)` with the rate a config's or a CLI option's
 * default: the only numeric literal of the file with that value, so the fix lowers that rate where
 * it is written instead of replacing the parameter or the option for every run.
 */
function onlyLiteralOfRate(text: string, file: FileIR, written: string, rate: number | undefined): Span | undefined {
  if (rate === undefined || !/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*$/.test(written)) return undefined;
  // `const LEARNING_RATE = 10 ** -LR_DECADES`: a computed rate, whose value an unrelated literal (a
  // `validationSplit: 0.1`) may share: only a literal inside its own initializer
  // (`Number(process.env.LR ?? '0.05')`) is where it is written.
  const computed = computedInitializer(text, file, written);
  return answerOncePerFile(text, file, `only literal of ${rate}`, (whole) => {
    const matches = numericLiteralsEqualTo(whole, rate).filter((span) => !computed || (span.start >= computed.start && span.end <= computed.end));
    return matches.length === 1 ? matches[0] : undefined;
  });
}

/**
 * The number literals of the code equal to `rate`, and strings that hold just that number: not
 * the digits of a comment (`// 0.05`, a note beside a rate parsed from a string) or of a longer
 * string.
 */
function numericLiteralsEqualTo(whole: string, rate: number): Span[] {
  const found: Span[] = [];
  forEachLiteral(whole, (kind, value, span) => {
    if (kind === 'number' && Number(value) === rate) found.push(span);
    // A rate written as a string that the code parses (`process.env.LR ?? '0.05'`): the digits inside the quotes.
    else if (kind === 'string' && NUMERIC_LITERAL.test(value) && Number(value) === rate) found.push({ start: span.start + 1, end: span.end - 1 });
  });
  return found;
}

/** The initializer of the file's declaration of `name`, when it is not a number literal (the rate is computed). */
function computedInitializer(text: string, file: FileIR, name: string): Span | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  return answerOncePerFile(text, file, `computed const ${name}`, (whole) => {
    const escaped = name.replace(/\$/g, '\\$');
    const declaration = new RegExp(`\\b(?:const|let|var)\\s+${escaped}\\s*(?::[^=;\\n]+)?=\\s*([^;\\n]+)`).exec(whole);
    if (!declaration || NUMERIC_LITERAL.test(declaration[1].trim())) return undefined;
    const start = declaration.index + declaration[0].length - declaration[1].length;
    return { start, end: start + declaration[1].length };
  });
}

function searchConstantLiteral(text: string, written: string): Span | undefined {
  const name = written.replace(/\$/g, '\\$');
  const declarations = [...text.matchAll(new RegExp(`\\bconst\\s+${name}\\s*(?::\\s*number\\s*)?=\\s*([\\d.]+(?:[eE][+-]?\\d+)?)\\s*[;\\n]`, 'g'))];
  if (declarations.length !== 1) return undefined;
  const match = declarations[0];
  const start = (match.index ?? 0) + match[0].indexOf(match[1], match[0].indexOf('='));
  return { start, end: start + match[1].length };
}
