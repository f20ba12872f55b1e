/**
 * `npm run bench -- --write-readme`: the table and the conditions of the run replace the marked
 * section of README.md's Performance section; the prose around it is left as it is.
 */

export const SECTION_START = '<!-- bench:start -->';
export const SECTION_END = '<!-- bench:end -->';

export function replaceBenchSection(readme: string, content: string): string {
  const start = readme.indexOf(SECTION_START);
  const end = readme.indexOf(SECTION_END);
  if (start < 0 || end < start || readme.indexOf(SECTION_START, start + 1) >= 0) {
    throw new Error(`README.md needs exactly one ${SECTION_START} ... ${SECTION_END} section`);
  }
  return `${readme.slice(0, start + SECTION_START.length)}\n${content.trimEnd()}\n${readme.slice(end)}`;
}

export interface RunConditions {
  quick: boolean;
  machine: string;
  node: string;
  startedAt: Date;
  endedAt: Date;
  /** os.loadavg() (1, 5, 15 minutes) when the run started and when it ended. */
  loadAtStart: number[];
  loadAtEnd: number[];
}

const utc = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const load = (averages: number[]): string => averages.map((average) => average.toFixed(2)).join(' / ');

export function conditionsLine(run: RunConditions): string {
  return (
    `${run.quick ? '`npm run bench -- --quick`' : 'Full `npm run bench`'} on ${run.machine}, Node ${run.node}, ` +
    `${utc(run.startedAt)} to ${utc(run.endedAt)}; load average (1 / 5 / 15 min) ${load(run.loadAtStart)} at the start, ` +
    `${load(run.loadAtEnd)} at the end.`
  );
}
