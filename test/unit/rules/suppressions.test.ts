/** Disable comments: honoured by analyze(), written by disableEdit. */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { applyEdits } from '../../../server/src/engine/fixes';
import { disableEdit } from '../../../server/src/engine/suppressions';

const SICK = `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.sgd(5), loss: 'meanSquaredError' });
`;

function rules(text: string): string[] {
  return analyze(text, 'model.ts', undefined, { cache: null }).findings.map((finding) => finding.rule).sort();
}

describe('suppressions', () => {
  it('the unsuppressed program has both findings', () => {
    assert.deepEqual(rules(SICK), ['high-learning-rate', 'missing-gradient-clipping']);
  });

  it('disable-next-line silences the listed rule on the next line only', () => {
    const text = SICK.replace('model.compile', '// gradient-doctor-disable-next-line high-learning-rate -- tuned by hand\nmodel.compile');
    assert.deepEqual(rules(text), ['missing-gradient-clipping']);
    const elsewhere = SICK.replace('export const', '// gradient-doctor-disable-next-line high-learning-rate\nexport const');
    assert.deepEqual(rules(elsewhere), ['high-learning-rate', 'missing-gradient-clipping']);
  });

  it('disable-next-line without rules silences every rule on that line; a file comment silences a rule everywhere', () => {
    assert.deepEqual(rules(SICK.replace('model.compile', '// gradient-doctor-disable-next-line\nmodel.compile')), []);
    assert.deepEqual(rules(`/* gradient-doctor-disable missing-gradient-clipping */\n${SICK}`), ['high-learning-rate']);
  });

  it('disableEdit writes comments that analyze() honours, adding to an existing comment', () => {
    const [first] = analyze(SICK, 'model.ts', undefined, { cache: null }).findings;
    const lineDisabled = applyEdits(SICK, [disableEdit(SICK, first, 'line')]);
    assert.ok(lineDisabled.includes(`// gradient-doctor-disable-next-line ${first.rule}\nmodel.compile`));
    const [second] = analyze(lineDisabled, 'model.ts', undefined, { cache: null }).findings;
    assert.notEqual(second.rule, first.rule);
    const bothDisabled = applyEdits(lineDisabled, [disableEdit(lineDisabled, second, 'line')]);
    assert.ok(bothDisabled.includes(`// gradient-doctor-disable-next-line ${first.rule}, ${second.rule}\nmodel.compile`));
    assert.deepEqual(rules(bothDisabled), []);

    const fileDisabled = applyEdits(SICK, [disableEdit(SICK, first, 'file')]);
    assert.ok(fileDisabled.startsWith(`/* gradient-doctor-disable ${first.rule} */\nimport`));
    const again = applyEdits(fileDisabled, [disableEdit(fileDisabled, { rule: second.rule, span: second.span }, 'file')]);
    assert.ok(again.startsWith(`/* gradient-doctor-disable ${first.rule}, ${second.rule} */\n`));
    assert.deepEqual(rules(again), []);
  });
});
