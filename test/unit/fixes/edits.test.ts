/** applyEdits / fixAllEdits and the small text builders the fixes share. */
import assert from 'node:assert/strict';
import type { Finding, TextEdit } from '../../../server/src/engine/findings';
import { applyEdits, fixAllEdits } from '../../../server/src/engine/fixes';
import { formatLikeLiteral } from '../../../server/src/engine/fixes/learningRate';
import { removePropertyEdit, setPropertyEdit } from '../../../server/src/engine/fixes/layerProps';
import type { PropIR } from '../../../server/src/engine/ir';

function finding(start: number, edits: TextEdit[], preferred = true, rule: Finding['rule'] = 'high-learning-rate'): Finding {
  return { rule, severity: 'warning', message: '', span: { start, end: start + 1 }, related: [], fixes: [{ title: 't', preferred, edits }] };
}

/** Props of the first object literal in `text`, located by hand-written key names. */
function layerOf(text: string, keys: string[]): { props: Record<string, PropIR>; configSpan: { start: number; end: number } } {
  const props: Record<string, PropIR> = {};
  for (const key of keys) {
    const start = text.indexOf(`${key}:`);
    let end = start;
    let depth = 0;
    while (end < text.length && !(depth === 0 && /[,}\n]/.test(text[end]))) {
      if ('[({'.includes(text[end])) depth++;
      if ('])'.includes(text[end])) depth--;
      end++;
    }
    while (text[end - 1] === ' ') end--;
    props[key] = { span: { start, end }, valueSpan: { start: text.indexOf(':', start) + 2, end } };
  }
  return { props, configSpan: { start: text.indexOf('{'), end: text.lastIndexOf('}') + 1 } };
}

describe('applyEdits', () => {
  it('applies edits back to front, duplicates once, insertions before replacements at the same offset', () => {
    const edits = [
      { start: 6, end: 11, newText: 'there' },
      { start: 0, end: 0, newText: '> ' },
      { start: 0, end: 0, newText: '> ' },
      { start: 6, end: 6, newText: 'big ' },
    ];
    assert.equal(applyEdits('hello world', edits), '> hello big there');
  });

  it('refuses overlapping or out-of-range edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), /conflicting/);
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 9, newText: '' }]), RangeError);
  });
});

describe('fixAllEdits', () => {
  const text = 'abcdefghij';
  it('takes preferred fixes whole, skips conflicting ones, keeps identical edits once', () => {
    const helper = { start: 0, end: 0, newText: 'H' };
    const findings = [
      finding(5, [helper, { start: 5, end: 6, newText: 'F' }]),
      finding(1, [helper, { start: 1, end: 2, newText: 'B' }]),
      finding(2, [{ start: 1, end: 3, newText: 'X' }]), // overlaps the fix at 1: next round
      finding(8, [{ start: 8, end: 9, newText: 'I' }], false), // not preferred
    ];
    const edits = fixAllEdits(text, findings);
    assert.deepEqual(edits, [helper, { start: 1, end: 2, newText: 'B' }, { start: 5, end: 6, newText: 'F' }]);
    assert.equal(applyEdits(text, edits), 'HaBcdeFghij');
  });

  it('filters by rule', () => {
    const findings = [finding(1, [{ start: 1, end: 2, newText: 'B' }], true, 'tfjs-api-trap'), finding(3, [{ start: 3, end: 4, newText: 'D' }])];
    assert.deepEqual(fixAllEdits(text, findings, 'tfjs-api-trap'), [{ start: 1, end: 2, newText: 'B' }]);
  });
});

describe('formatLikeLiteral', () => {
  const cases: [number, string, string][] = [
    [0.001, '1e-1', '1e-3'],
    [0.01, '5E-1', '1E-2'],
    [0.01, '0.5', '0.01'],
    [0.001, '.05', '.001'],
    [0.002, 'LEARNING_RATE', '0.002'],
    [1, '2e+1', '1e0'],
  ];
  for (const [value, literal, expected] of cases) {
    it(`${value} written like ${literal} is ${expected}`, () => assert.equal(formatLikeLiteral(value, literal), expected));
  }
});

describe('layer property edits keep the layout', () => {
  it('adds a property after the last one, on one line or on its own line', () => {
    const oneLine = "f({ units: 8, activation: 'relu' })";
    assert.equal(applyEdits(oneLine, [setPropertyEdit(oneLine, layerOf(oneLine, ['units', 'activation']), 'kernelInitializer', "'heUniform'")!]), "f({ units: 8, activation: 'relu', kernelInitializer: 'heUniform' })");
    const multi = "f({\n  units: 8,\n  activation: 'relu',\n})";
    assert.equal(applyEdits(multi, [setPropertyEdit(multi, layerOf(multi, ['units', 'activation']), 'kernelInitializer', "'heUniform'")!]), "f({\n  units: 8,\n  activation: 'relu',\n  kernelInitializer: 'heUniform',\n})");
  });

  it('replaces an existing value and removes a property with its comma', () => {
    const text = "f({ units: 8, activation: 'leakyRelu', useBias: false })";
    const layer = layerOf(text, ['units', 'activation', 'useBias']);
    assert.equal(applyEdits(text, [setPropertyEdit(text, layer, 'activation', "'relu'")!]), "f({ units: 8, activation: 'relu', useBias: false })");
    assert.equal(applyEdits(text, [removePropertyEdit(text, layer, 'activation')!]), 'f({ units: 8, useBias: false })');
    assert.equal(applyEdits(text, [removePropertyEdit(text, layer, 'useBias')!]), "f({ units: 8, activation: 'leakyRelu' })");
    const multi = "f({\n  units: 8,\n  activation: 'leakyRelu',\n})";
    assert.equal(applyEdits(multi, [removePropertyEdit(multi, layerOf(multi, ['units', 'activation']), 'activation')!]), 'f({\n  units: 8,\n})');
  });
});
