/** `gradient-doctor check` in-process: the JSON shape, 1-based positions, exit codes, text output, file walking. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeFor, runCheck } from '../../../server/src/cli/check';
import type { CheckedFile } from '../../../server/src/cli/checkedFile';
import { UsageError, type CliIO } from '../../../server/src/cli/io';
import type { JsonFinding } from '../../../server/src/cli/jsonReport';
import { exampleText, HEALTHY_RELU, SICK_SIGMOID } from '../../lsp/helpers/examples';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function check(...argv: string[]): Promise<Captured> {
  const captured = { stdout: '', stderr: '' };
  const io: CliIO = {
    stdout: (text) => (captured.stdout += text),
    stderr: (text) => (captured.stderr += text),
    readFile: (path) => readFileSync(path, 'utf8'),
  };
  const code = await runCheck(argv, io);
  return { code, ...captured };
}

describe('cli check', () => {
  let dir: string;
  let sick: string;
  let healthy: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gd-check-'));
    sick = join(dir, 'src', 'sick.ts');
    healthy = join(dir, 'src', 'healthy.ts');
    mkdirSync(join(dir, 'src'));
    writeFileSync(sick, exampleText(SICK_SIGMOID));
    writeFileSync(healthy, exampleText(HEALTHY_RELU));
    for (const skipped of ['node_modules/pkg', '.cache']) {
      mkdirSync(join(dir, skipped), { recursive: true });
      writeFileSync(join(dir, skipped, 'sick.ts'), exampleText(SICK_SIGMOID));
    }
    writeFileSync(join(dir, 'src', 'notes.md'), exampleText(SICK_SIGMOID));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON array of DESIGN section 7 with 1-based positions and fixes', async () => {
    const { code, stdout } = await check(dir, '--format', 'json');
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as JsonFinding[];
    assert.ok(findings.length > 0);
    assert.deepEqual([...new Set(findings.map((finding) => finding.file))], [sick], 'node_modules, hidden dirs and non-sources skipped');
    const lines = readFileSync(sick, 'utf8').split('\n');
    for (const finding of findings) {
      assert.deepEqual(Object.keys(finding).sort(), ['column', 'endColumn', 'endLine', 'file', 'fixes', 'line', 'message', 'rule', 'severity']);
      for (const fix of finding.fixes) {
        assert.deepEqual(Object.keys(fix).sort(), ['edits', 'preferred', 'title']);
        for (const edit of fix.edits) assert.deepEqual(Object.keys(edit).sort(), ['column', 'endColumn', 'endLine', 'line', 'newText']);
      }
    }
    const vanishing = findings.find((finding) => finding.rule === 'vanishing-gradient');
    assert.ok(vanishing && vanishing.severity === 'warning');
    // 1-based: line 11 of the example, the column of its `'sigmoid'` argument.
    const sourceLine = lines[vanishing.line - 1];
    assert.equal(sourceLine.slice(vanishing.column - 1, vanishing.endColumn - 1), "'sigmoid'");
    assert.equal(vanishing.line, 11);
    assert.ok(vanishing.fixes.some((fix) => fix.preferred && fix.edits.length > 0));
  });

  it('--format sarif reports the same findings as SARIF 2.1.0 results', async () => {
    const json = JSON.parse((await check(sick, '--format', 'json')).stdout) as JsonFinding[];
    const { code, stdout } = await check(sick, '--format', 'sarif');
    assert.equal(code, 1);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[];
    assert.deepEqual(
      results.map((result) => [result.ruleId, result.locations[0].physicalLocation.region.startLine, result.locations[0].physicalLocation.region.startColumn]),
      json.map((finding) => [finding.rule, finding.line, finding.column]),
    );
  });

  it('reports a finding that holds only for some values the code does not say as a hint naming them, which does not fail the check', async () => {
    const file = join(dir, 'width.ts');
    writeFileSync(file, `import * as tf from '@tensorflow/tfjs';
export function build(config: { inputs: number; hidden: number }): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [config.inputs], units: config.hidden, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: config.hidden, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: config.hidden, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`);
    try {
      const { code, stdout } = await check(file, '--format', 'json');
      assert.equal(code, 0);
      const [vanishing] = (JSON.parse(stdout) as JsonFinding[]).filter((finding) => finding.rule === 'vanishing-gradient');
      assert.equal(vanishing.severity, 'hint');
      assert.match(vanishing.message, /^With units of dense_3 ≥ 1024 \(not known statically\): Vanishing gradients/);
      assert.deepEqual(vanishing.dependsOn, ['units@2']);
      assert.ok(vanishing.fixes.every((fix) => !fix.preferred));
    } finally {
      rmSync(file);
    }
  });

  it('exits 0 and prints nothing (text) or [] (json) for a healthy file', async () => {
    assert.deepEqual(await check(healthy), { code: 0, stdout: '', stderr: '' });
    const json = await check(healthy, '--format', 'json');
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });

  it('prints ESLint-style text: file, aligned line:column severity message rule, and a total', async () => {
    const { code, stdout } = await check(sick);
    assert.equal(code, 1);
    const [blank, file, ...rest] = stdout.split('\n');
    assert.equal(blank, '');
    assert.equal(file, sick);
    const row = rest.find((line) => line.endsWith('vanishing-gradient'));
    assert.match(row ?? '', /^ {2}11:\d+ +warning {2}Vanishing gradients: .+ {2}vanishing-gradient$/);
    assert.match(stdout, /\n✖ \d+ problems? \(0 errors, \d+ warnings?\)\n$/);
  });

  it('--max-warnings N fails only above N warnings', async () => {
    const { stdout } = await check(sick, '--format', 'json');
    const warnings = (JSON.parse(stdout) as JsonFinding[]).filter((finding) => finding.severity === 'warning').length;
    assert.equal((await check(sick, '--max-warnings', String(warnings))).code, 0);
    assert.equal((await check(sick, '--max-warnings', String(warnings - 1))).code, 1);
  });

  it('exits 1 on any error-severity finding whatever --max-warnings says; info and hint never fail', () => {
    const file = (severity: 'error' | 'warning' | 'info' | 'hint'): CheckedFile => ({
      path: 'x.ts',
      text: '',
      findings: [{ rule: 'tfjs-api-trap', severity, message: 'm', span: { start: 0, end: 0 }, related: [], fixes: [] }],
    });
    assert.equal(exitCodeFor([file('error')], 100), 1);
    assert.equal(exitCodeFor([file('warning')], undefined), 1);
    assert.equal(exitCodeFor([file('warning')], 1), 0);
    assert.equal(exitCodeFor([file('info'), file('hint')], undefined), 0);
  });

  it('rejects bad usage with a UsageError (exit 2, see bin.test.ts) naming the problem', async () => {
    const usage = (pattern: RegExp) => (error: unknown) => error instanceof UsageError && pattern.test(error.message);
    await assert.rejects(check(join(dir, 'missing.ts')), usage(/no such file or directory/));
    await assert.rejects(check(sick, '--format', 'xml'), usage(/--format must be one of/));
    await assert.rejects(check(sick, '--max-warnings', 'many'), usage(/--max-warnings needs a whole number/));
    await assert.rejects(check(sick, '--fix'), usage(/Unknown option/));
  });
});

describe('cli check: call sites in the checked files that import a factory', () => {
  let dir: string;
  const models = `import * as tf from '@tensorflow/tfjs';
export function buildModel(kind: string) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 200 }));
  if (kind === 'lstm') model.add(tf.layers.lstm({ units: 32 }));
  else if (kind === 'simpleRNN') model.add(tf.layers.simpleRNN({ units: 32 }));
  else throw new Error('unknown kind');
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
`;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gd-check-importers-'));
    writeFileSync(join(dir, 'models.ts'), models);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const longRnnMessages = async (...paths: string[]) => {
    const { stdout } = await check(...paths, '--format', 'json');
    return (JSON.parse(stdout) as JsonFinding[]).filter((finding) => finding.rule === 'long-simple-rnn').map((finding) => `${finding.file.replace(/^.*[\\/]/, '')}: ${finding.message.slice(0, 50)}`);
  };

  it("train.ts calling buildModel('lstm') leaves models.ts only its lstm build: no simpleRNN finding", async () => {
    assert.equal((await longRnnMessages(join(dir, 'models.ts'))).length, 1, 'models.ts alone: the simpleRNN branch is a variant');
    writeFileSync(join(dir, 'train.ts'), "import { buildModel } from './models';\nexport const model = buildModel('lstm');\n");
    assert.deepEqual(await longRnnMessages(dir), []);
  });

  it("a checked file calling buildModel('simpleRNN') gets models.ts a finding that names that call", async () => {
    writeFileSync(join(dir, 'train.ts'), "import { buildModel } from './models';\n\nexport const model = buildModel('simpleRNN');\n");
    assert.deepEqual(await longRnnMessages(dir), ["models.ts: As called at train.ts:3 (buildModel('simpleRNN')):"]);
  });
});
