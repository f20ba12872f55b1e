/**
 * Whole-text questions that fixes ask for every model of a file (is this identifier used anywhere,
 * does the file define the clipping helper). Each answer is a scan of the whole text; asked per
 * model, the cost grew with models × text length. Answers are kept per analysed file: per FileIR,
 * which extraction creates afresh for every analysis, so an analysis from scratch scans again.
 */
import type { FileIR } from '../ir';

const answersByFile = new WeakMap<FileIR, { text: string; answers: Map<string, unknown> }>();

/**
 * A whole-text question asked while checking one model, and its answer then. The per-model cache
 * keeps them with the model's findings: text outside the model can change the answer (a helper
 * defined since, a name now taken), and then the cached fixes would be stale.
 */
export interface ConsultedAnswer {
  question: string;
  scan: (text: string, file: FileIR) => unknown;
  answer: unknown;
}

let consulted: ConsultedAnswer[] | undefined;

/** Runs `work` and also returns every whole-text question it asked, with the answers. */
export function collectConsultedAnswers<T>(work: () => T): { result: T; consulted: ConsultedAnswer[] } {
  const outer = consulted;
  const asked: ConsultedAnswer[] = [];
  consulted = asked;
  try {
    return { result: work(), consulted: asked };
  } finally {
    consulted = outer;
  }
}

/** Whether `text` still gives every answer (answers are plain data: compared as JSON). */
export function sameAnswers(text: string, file: FileIR, answers: readonly ConsultedAnswer[]): boolean {
  return answers.every(({ question, scan, answer }) => JSON.stringify(answerOncePerFile(text, file, question, scan)) === JSON.stringify(answer));
}

/**
 * `scan(text, file)`, computed once per (file, question); `question` names what `scan` answers.
 * The cache re-asks with the new text and file, so a scan reads both from its arguments.
 */
export function answerOncePerFile<T>(text: string, file: FileIR, question: string, scan: (text: string, file: FileIR) => T): T {
  let entry = answersByFile.get(file);
  if (!entry || entry.text !== text) {
    entry = { text, answers: new Map() };
    answersByFile.set(file, entry);
  }
  const known = entry.answers.has(question);
  const answer = known ? (entry.answers.get(question) as T) : scan(text, file);
  if (!known) entry.answers.set(question, answer);
  consulted?.push({ question, scan, answer });
  return answer;
}
