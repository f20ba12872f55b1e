/**
 * Incremental re-parsing (server/src/engine/incrementalParser.ts): while the user types, the
 * server re-parses around each edit instead of parsing the whole file. The property that typing
 * into any corpus file analyses as a fresh parse does is in incremental/typedEdits.ts.
 */
import assert from 'node:assert/strict';
import { changedRange, IncrementalParser } from '../../../server/src/engine/incrementalParser';

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
