/**
 * Incremental re-parsing (server/src/engine/incrementalParser.ts): while the user types, the
 * server re-parses around each edit instead of parsing the whole file, and takes unchanged models'
 * flows and findings from its per-model cache. Whatever is typed into whichever corpus file
 * (fixtures, examples, the real-world corpus), that analysis must equal a fresh one of the same text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, type AnalysisResult } from '../../../server/src/engine/analyze';
import { ModelCache } from '../../../server/src/engine/cache';
import { changedRange, IncrementalParser } from '../../../server/src/engine/incrementalParser';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { CORPUS_DIR, fixtureNames } from '../../helpers/realWorldCorpus';
import { loadCorpus } from './fuzz/mutations';

const SETTINGS = { ...DEFAULT_SETTINGS, analysisBudgetMs: 60_000 };
/** Edit sequences per corpus file: every file is edited, each in two random ways. */
const RUNS_PER_FILE = 2;

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

  it('analyses every corpus file, edited keystroke by keystroke, through the server path exactly as a fresh parse does', function () {
    // About 50,000 analyses over the 6,600 programs: past ten minutes in CI beside the other workers.
    this.timeout(1_200_000);
    const corpus = [
      ...loadCorpus(),
      ...fixtureNames().map((name) => ({ file: `real-world/${name}`, text: readFileSync(path.join(CORPUS_DIR, name), 'utf8') })),
    ];
    assert.ok(corpus.length >= 140, `corpus has ${corpus.length} files`);
    let editsChecked = 0;
    let reusedTrees = 0;
    let cacheHits = 0;
    for (const [index, file] of corpus.entries()) {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          // What the server keeps per process: the documents' last trees and the per-model cache.
          const parser = new IncrementalParser();
          const cache = new ModelCache();
          const serverPath = { cache, parse: (name: string, source: string) => parser.parse(name, source) };
          let text = file.text;
          analyze(text, file.file, SETTINGS, serverPath);
          let previous = parser.parse(file.file, text);
          for (const { at, deleted, typed } of edits) {
            const start = Math.floor(at * (text.length + 1));
            text = text.slice(0, start) + typed + text.slice(start + deleted);
            const incremental = analyze(text, file.file, SETTINGS, serverPath);
            const fresh = analyze(text, file.file, SETTINGS, { cache: null });
            assert.deepEqual(comparable(incremental), comparable(fresh), `after typing ${JSON.stringify(typed)} at ${start} in ${file.file}`);
            const current = parser.parse(file.file, text);
            // Unchanged statements of the old tree live on in the new one: the parse really was incremental.
            if (current.statements.some((statement) => previous.statements.includes(statement))) reusedTrees++;
            previous = current;
            editsChecked++;
          }
          cacheHits += cache.hits;
        }),
        { seed: 20261126 + index, numRuns: RUNS_PER_FILE },
      );
    }
    assert.ok(editsChecked >= corpus.length * RUNS_PER_FILE, `${editsChecked} edits checked`);
    assert.ok(reusedTrees > editsChecked / 2, `only ${reusedTrees} of ${editsChecked} re-parses reused nodes`);
    // Corpus files hold one to a few models, and a random edit usually lands in one: some hits, not most.
    assert.ok(cacheHits > editsChecked / 10, `only ${cacheHits} models came from the cache in ${editsChecked} edits`);
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
