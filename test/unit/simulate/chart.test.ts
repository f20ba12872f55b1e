import assert from 'node:assert/strict';
import { renderChart } from '../../../server/src/cli/chart';

/** The plot cells of the row whose label starts with `label`. */
function plotOf(chart: string, label: string): string {
  const line = chart.split('\n').find((l) => l.startsWith(label));
  assert.ok(line, `no row for ${label} in\n${chart}`);
  return line.slice(line.indexOf('|') + 1, line.lastIndexOf('|'));
}

describe('simulate: terminal chart', () => {
  it('puts analytic (A) and empirical (E) on one log axis, with the ±1 sd spread', () => {
    const chart = renderChart('m (line 3)', [
      { label: 'dense_1', kind: 'dense', analytic: -4, empiricalMean: -2, empiricalSd: 0.5 },
      { label: 'dense_2', kind: 'dense', analytic: 0, empiricalMean: 0, empiricalSd: 0 },
    ], { plotWidth: 41 });
    // Axis -4..0 over 41 columns: 10 columns per decade.
    const first = plotOf(chart, 'dense_1');
    assert.equal(first.length, 41);
    assert.equal(first.indexOf('A'), 0);
    assert.equal(first.indexOf('E'), 20);
    assert.equal(first.slice(15, 26).replace('E', ''), '─'.repeat(10));
    assert.equal(plotOf(chart, 'dense_2').indexOf('*'), 40, 'coinciding engines are drawn as *');
    assert.match(chart, /^m \(line 3\)\n/);
    for (const tick of ['-4', '-3', '-2', '-1', '0']) assert.ok(chart.split('\n')[1].includes(tick), `tick ${tick}`);
    assert.match(chart, /dense_1\s+dense\s+-4\.00\s+-2\.00±0\.50/);
  });

  it('prints n/a and draws nothing for a missing engine, -inf for a zero gradient', () => {
    const chart = renderChart('m', [
      { label: 'only_analytic', kind: 'dense', analytic: -1 },
      { label: 'zero_gradient', kind: 'dense', analytic: -2, empiricalMean: -Infinity, empiricalSd: NaN },
    ]);
    assert.match(chart, /only_analytic\s+dense\s+-1\.00\s+n\/a/);
    assert.doesNotMatch(plotOf(chart, 'only_analytic'), /E/);
    assert.match(chart, /zero_gradient\s+dense\s+-2\.00\s+-inf/);
    assert.doesNotMatch(plotOf(chart, 'zero_gradient'), /[E─]/);
  });

  it('shortens long layer names and keeps every row the same width', () => {
    const chart = renderChart('m', [
      { label: 'a_really_long_layer_name_from_the_code', kind: 'conv2dTranspose', analytic: -3, empiricalMean: -3.1, empiricalSd: 0.1 },
      { label: 'x', kind: 'dense', analytic: 1, empiricalMean: 1, empiricalSd: 0 },
    ]);
    const rows = chart.split('\n').filter((l) => l.includes('|'));
    assert.equal(rows.length, 2);
    assert.equal(rows[0].length, rows[1].length);
    assert.match(rows[0], /^a_really_long_lay… conv2dTra…/);
  });
});
