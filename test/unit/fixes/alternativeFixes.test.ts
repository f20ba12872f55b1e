/**
 * Fixes offered next to the preferred one: an edit the user picks when the preferred side of the
 * trade would not fit their labels. The rule tables check preferred fixes only.
 */
import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/engine/fixes';
import { findingsOf } from '../rules/ruleTester';

const MULTI_HEAD = `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [32] });
const seasons = tf.layers.dense({ units: 4, activation: 'softmax', name: 'seasons' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: seasons });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

describe('alternative fixes', () => {
  it('softmax + binaryCrossentropy offers a sigmoid output for multi-label rows, not preferred, and it clears the finding', () => {
    const [finding] = findingsOf('output-loss-mismatch', MULTI_HEAD);
    assert.ok(finding);
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.preferred]),
      [["Use 'categoricalCrossentropy'", true], ['Use a sigmoid output on seasons (labels with several 1s per row)', false]],
    );
    const sigmoid = applyEdits(MULTI_HEAD, finding.fixes[1].edits);
    assert.match(sigmoid, /units: 4, activation: 'sigmoid'/);
    assert.deepEqual(findingsOf('output-loss-mismatch', sigmoid), []);
  });
});
