/**
 * Incremental re-parsing (server/src/engine/incrementalParser.ts): while the user types, the
 * server re-parses around each edit instead of parsing the whole file. Whatever is typed, the
 * analysis must equal the analysis of a fresh parse of the same text.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, type AnalysisResult } from '../../../server/src/engine/analyze';
import { changedRange, IncrementalParser } from '../../../server/src/engine/incrementalParser';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { loadCorpus } from './fuzz/mutations';

const SETTINGS = { ...DEFAULT_SETTINGS, analysisBudgetMs: 60_000 };

/** Everything analysis reports, as plain data. */
function comparable(result: AnalysisResult): unknown {
  return JSON.parse(JSON.stringify(result));
}

/** What typing produces: code fragments, brackets left open, quotes, comments, line breaks. */
const TYPED = ['(', ')', '{', '}', '[', ']', "'", '"', '`', '/*', '*/', '//', '\n', ' ', ',', ';', '.', '=>', 'units: 8', 'tf.layers.dense({', "activation: 'tanh'", 'model.add(', 'for (let i = 0; i < 4; i++) ', '0.', '1e3', 'const x = '];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  deleted: fc.nat({ max: 12 }),
  typed: fc.array(fc.constantFrom(...TYPED), { maxLength: 3 }).map((parts) => parts.join('')),
});

describe('incremental parsing', () => {
  it('finds the changed range of an insertion, a deletion and a replacement', () => {
    const insertion = changedRange('model.add(x)', 'model.add(tf.x)');
    assert.deepEqual([insertion.span.start, insertion.span.length, insertion.newLength], [10, 0, 3]);
    const deletion = changedRange('units: 128', 'units: 18');
    assert.deepEqual([deletion.span.start, deletion.span.length, deletion.newLength], [8, 1, 0]);
    const replacement = changedRange("'tanh'", "'relu'");
    assert.deepEqual([replacement.span.start, replacement.span.length, replacement.newLength], [1, 4, 4]);
    // Repeated characters: prefix and suffix must not overlap.
    const repeated = changedRange('aaaa', 'aaaaaa');
    assert.deepEqual([repeated.span.start, repeated.span.length, repeated.newLength], [4, 0, 2]);
    const same = changedRange('same', 'same');
    assert.deepEqual([same.span.length, same.newLength], [0, 0]);
  });

  it('analyses every corpus file, edited keystroke by keystroke, exactly as a fresh parse does', function () {
    this.timeout(300_000);
    const corpus = loadCorpus();
    assert.ok(corpus.length >= 40, `corpus has ${corpus.length} files`);
    let editsChecked = 0;
    let reusedTrees = 0;
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.array(edit, { minLength: 1, maxLength: 8 }), (file, edits) => {
        const parser = new IncrementalParser();
        let text = file.text;
        let previous = parser.parse(file.file, text);
        for (const { at, deleted, typed } of edits) {
          const start = Math.floor(at * (text.length + 1));
          text = text.slice(0, start) + typed + text.slice(start + deleted);
          const incremental = analyze(text, file.file, SETTINGS, { cache: null, parse: (name, source) => parser.parse(name, source) });
          const fresh = analyze(text, file.file, SETTINGS, { cache: null });
          assert.deepEqual(comparable(incremental), comparable(fresh), `after typing ${JSON.stringify(typed)} at ${start} in ${file.file}`);
          const current = parser.parse(file.file, text);
          // Unchanged statements of the old tree live on in the new one: the parse really was incremental.
          if (current.statements.some((statement) => previous.statements.includes(statement))) reusedTrees++;
          previous = current;
          editsChecked++;
        }
      }),
      { seed: 20261126, numRuns: 120 },
    );
    assert.ok(editsChecked >= 120, `${editsChecked} edits checked`);
    assert.ok(reusedTrees > editsChecked / 2, `only ${reusedTrees} of ${editsChecked} re-parses reused nodes`);
  });

  it('parses afresh when most of the text changed, and forgets closed documents', () => {
    const parser = new IncrementalParser();
    const first = parser.parse('a.ts', "import * as tf from '@tensorflow/tfjs';\nconst a = 1;\n");
    const rewritten = parser.parse('a.ts', 'let completely = "different";\n');
    assert.equal(rewritten.statements.length, 1);
    assert.ok(!rewritten.statements.includes(first.statements[0]));
    parser.forget('a.ts');
    const again = parser.parse('a.ts', 'let completely = "different";\n');
    assert.notEqual(again, rewritten, 'a forgotten document is parsed from scratch');
  });
});
