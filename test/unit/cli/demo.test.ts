/** scripts/demo.js (`npm run demo`): passes on the repository's examples, fails and says why when an example is misfiled. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_TIMEOUT_MS, ensureBuilt, REPO_ROOT } from '../../lsp/helpers/ensureBuilt';
import { HEALTHY_RELU, SICK_SIGMOID } from '../../lsp/helpers/examples';

function demo(...args: string[]) {
  return spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'demo.js'), ...args], { encoding: 'utf8' });
}

describe('npm run demo', function () {
  before(function () {
    this.timeout(BUILD_TIMEOUT_MS);
    ensureBuilt('cli.js');
  });

  it('passes on examples/: findings for every sick file, none for the healthy ones', () => {
    const result = demo();
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✔ examples\/sick\/deep-sigmoid-classifier\.ts: \d+ findings? \(.*vanishing-gradient/);
    assert.match(result.stdout, /✔ examples\/healthy\/relu-he-mlp\.ts: 0 findings/);
    assert.match(result.stdout, /\d+:\d+ +warning/, 'prints the findings in text format');
  });

  it('fails, naming the file, when a sick example has no findings or a healthy one has some', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-demo-'));
    try {
      mkdirSync(join(dir, 'examples', 'sick'), { recursive: true });
      mkdirSync(join(dir, 'examples', 'healthy'));
      copyFileSync(join(REPO_ROOT, 'examples', HEALTHY_RELU), join(dir, 'examples', 'sick', 'misfiled-healthy.ts'));
      copyFileSync(join(REPO_ROOT, 'examples', SICK_SIGMOID), join(dir, 'examples', 'healthy', 'misfiled-sick.ts'));
      const result = demo(join(dir, 'examples'));
      assert.equal(result.status, 1);
      assert.match(result.stderr, /examples\/sick\/misfiled-healthy\.ts is a sick example but has no findings/);
      assert.match(result.stderr, /examples\/healthy\/misfiled-sick\.ts is a healthy example but has \d+ finding/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
