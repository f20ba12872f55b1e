/**
 * Typing into any corpus file (fixtures, examples, the real-world corpus) through the server's
 * path (server/src/engine/incrementalParser.ts re-parses around each edit, the per-model cache
 * gives unchanged models' flows and findings) must analyse exactly as a fresh parse of the same
 * text does. The corpus is checked in shards, one test file each, so that parallel workers share
 * it: every file once, in one random sequence of up to six edits.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, type AnalysisResult } from '../../../../server/src/engine/analyze';
import { ModelCache } from '../../../../server/src/engine/cache';
import { IncrementalParser } from '../../../../server/src/engine/incrementalParser';
import { DEFAULT_SETTINGS } from '../../../../server/src/engine/settings';
import { CORPUS_DIR, fixtureNames } from '../../../helpers/realWorldCorpus';
import { loadCorpus } from '../fuzz/mutations';

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

/** The test of shard `shard` (1-based) of `shards`: the corpus files whose index falls in it. */
export function describeTypedEditsShard(shard: number, shards: number): void {
  describe(`incremental parsing, corpus shard ${shard} of ${shards}`, () => {
    it('analyses every corpus file of the shard, edited keystroke by keystroke, through the server path exactly as a fresh parse does', function () {
      // About 25,000 analyses over the whole corpus of 6,700 programs, shared by the shards.
      this.timeout(1_200_000);
      const corpus = [
        ...loadCorpus(),
        ...fixtureNames().map((name) => ({ file: `real-world/${name}`, text: readFileSync(path.join(CORPUS_DIR, name), 'utf8') })),
      ];
      assert.ok(corpus.length >= 140, `corpus has ${corpus.length} files`);
      let filesChecked = 0;
      let editsChecked = 0;
      let reusedTrees = 0;
      let cacheHits = 0;
      for (const [index, file] of corpus.entries()) {
        if (index % shards !== shard - 1) continue;
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
          { seed: 20261126 + index, numRuns: 1 },
        );
        filesChecked++;
      }
      assert.ok(filesChecked >= Math.floor(corpus.length / shards), `${filesChecked} files checked`);
      assert.ok(reusedTrees > editsChecked / 2, `only ${reusedTrees} of ${editsChecked} re-parses reused nodes`);
      // Corpus files hold one to a few models, and a random edit usually lands in one: some hits, not most.
      assert.ok(cacheHits > editsChecked / 10, `only ${cacheHits} models came from the cache in ${editsChecked} edits`);
    });
  });
}
