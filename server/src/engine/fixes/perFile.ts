/**
 * Whole-text questions that fixes ask for every model of a file (is this identifier used anywhere,
 * does the file define the clipping helper). Each answer is a scan of the whole text; asked per
 * model, the cost grew with models × text length. Answers are kept per analysed file: per FileIR,
 * which extraction creates afresh for every analysis, so an analysis from scratch scans again.
 */
import type { FileIR } from '../ir';

const answersByFile = new WeakMap<FileIR, { text: string; answers: Map<string, unknown> }>();

/** `scan(text)`, computed once per (file, question); `question` names what `scan` answers. */
export function answerOncePerFile<T>(text: string, file: FileIR, question: string, scan: (text: string) => T): T {
  let entry = answersByFile.get(file);
  if (!entry || entry.text !== text) {
    entry = { text, answers: new Map() };
    answersByFile.set(file, entry);
  }
  if (entry.answers.has(question)) return entry.answers.get(question) as T;
  const answer = scan(text);
  entry.answers.set(question, answer);
  return answer;
}
