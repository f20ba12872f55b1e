/** `npm run bench -- --write-readme`: the marked README section is replaced, nothing else; the table as markdown. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conditionsLine, replaceBenchSection, SECTION_END, SECTION_START } from '../../../scripts/bench/readmeSection';
import { markdownTable, targetCell, textTable, type Row } from '../../../scripts/bench/table';

const ROWS: Row[] = [
  ['analyze() vs parse, 200 lines', '1.00 ms', '0.80 ms', '1.25', targetCell('<= 1.3', true)],
  ['server (pull): p50 / p95', '20.0 / 41.0 ms', '', '', targetCell('p95 <= 30 ms', false)],
  ['a | in a cell', '', '', '', ''],
];

describe('bench table and README section', () => {
  it('renders the rows as markdown: one line per row, escaped pipes, ≤ and a bold NOT MET', () => {
    const lines = markdownTable(ROWS).trimEnd().split('\n');
    assert.deepEqual(lines, [
      '| measure | ours | baseline | ratio | target |',
      '|---|---|---|---|---|',
      '| analyze() vs parse, 200 lines | 1.00 ms | 0.80 ms | 1.25 | ≤ 1.3 met |',
      '| server (pull): p50 / p95 | 20.0 / 41.0 ms |  |  | p95 ≤ 30 ms **NOT MET** |',
      '| a \\| in a cell |  |  |  |  |',
    ]);
  });

  it('aligns the plain-text table in columns', () => {
    const lines = textTable(ROWS).split('\n').slice(0, -1);
    assert.equal(lines.length, 2 + ROWS.length);
    assert.deepEqual(new Set(lines.map((line) => line.length)).size, 1, 'every cell padded to its column');
    assert.match(lines[1], /^-+-\|-/);
  });

  it('replaces only what lies between the markers', () => {
    const readme = `# Title\n\nprose before\n${SECTION_START}\nold table\n${SECTION_END}\nprose after\n`;
    assert.equal(replaceBenchSection(readme, 'new table\n'), `# Title\n\nprose before\n${SECTION_START}\nnew table\n${SECTION_END}\nprose after\n`);
    const twice = replaceBenchSection(replaceBenchSection(readme, 'a'), 'b');
    assert.equal(twice, `# Title\n\nprose before\n${SECTION_START}\nb\n${SECTION_END}\nprose after\n`);
  });

  it('refuses a README without exactly one marked section', () => {
    assert.throws(() => replaceBenchSection('# no markers\n', 'x'), /needs exactly one/);
    assert.throws(() => replaceBenchSection(`${SECTION_END}\n${SECTION_START}\n`, 'x'), /needs exactly one/);
    assert.throws(() => replaceBenchSection(`${SECTION_START}\n${SECTION_END}\n${SECTION_START}\n${SECTION_END}\n`, 'x'), /needs exactly one/);
  });

  it("finds the marked section in the repository's README, inside the Performance section", () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const performance = readme.indexOf('\n## Performance\n');
    const nextSection = readme.indexOf('\n## ', performance + 1);
    assert.ok(performance >= 0 && readme.indexOf(SECTION_START) > performance && readme.indexOf(SECTION_END) < nextSection);
    assert.doesNotThrow(() => replaceBenchSection(readme, 'x'));
  });

  it('states the run: full or quick, machine, node, UTC times, load at start and end', () => {
    const line = conditionsLine({
      quick: true,
      machine: '2 x Intel Xeon, 24 GB',
      node: 'v20.20.2',
      startedAt: new Date('2026-12-02T07:30:10Z'),
      endedAt: new Date('2026-12-02T07:41:50Z'),
      loadAtStart: [0.5, 1, 2.25],
      loadAtEnd: [3, 2, 1],
    });
    assert.equal(
      line,
      '`npm run bench -- --quick` on 2 x Intel Xeon, 24 GB, Node v20.20.2, 2026-12-02 07:30 UTC to 2026-12-02 07:41 UTC; load average (1 / 5 / 15 min) 0.50 / 1.00 / 2.25 at the start, 3.00 / 2.00 / 1.00 at the end.',
    );
  });
});
