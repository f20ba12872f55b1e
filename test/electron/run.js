#!/usr/bin/env node
// Desktop VS Code runner (@vscode/test-electron v2): runs test/electron/suite inside a real
// VS Code (Electron) on a copy of examples/. For machines that can download VS Code and show a
// window (or run under xvfb-run); this repository's CI uses test/e2e (code-server) instead.
//
//   node test/electron/run.js
//   VSCODE_EXECUTABLE_PATH=/path/to/code node test/electron/run.js   (skip the download)
//   VSCODE_VERSION=1.100.3 node test/electron/run.js                   (default: stable)
//
// It never passes without running the suite: when VS Code cannot be downloaded or started, it
// says so and exits 2; failing scenarios exit 1.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'out', 'electron');
const CANNOT_RUN = 2;

async function main() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return cannotRun('desktop VS Code needs a display and none is set (DISPLAY is empty).',
      'Run it under a virtual display: xvfb-run -a node test/electron/run.js');
  }

  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts'), path.join(__dirname, 'suite', 'scenarios.test.ts')],
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });

  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  if (vscodeExecutablePath && !fs.existsSync(vscodeExecutablePath)) {
    return cannotRun(`VSCODE_EXECUTABLE_PATH=${vscodeExecutablePath} does not exist.`);
  }
  if (!vscodeExecutablePath) {
    const version = process.env.VSCODE_VERSION || 'stable';
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 60_000 });
    } catch (error) {
      return cannotRun(`could not download VS Code ${version}: ${error.message}`,
        'This runner needs https://update.code.visualstudio.com (or VSCODE_EXECUTABLE_PATH).');
    }
  }

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradient-doctor-electron-'));
  const workspace = path.join(temp, 'workspace');
  const resultFile = path.join(temp, 'result.json');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    let exitCode;
    try {
      exitCode = await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.join(OUT, 'index.js'),
        extensionTestsEnv: { GRADIENT_DOCTOR_ELECTRON_RESULT: resultFile },
        launchArgs: [workspace, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
          '--user-data-dir', path.join(temp, 'user-data')],
      });
    } catch (error) {
      exitCode = error.code ?? 1;
    }
    // The suite writes its stats when it ends: no file means VS Code never ran it.
    if (!fs.existsSync(resultFile)) {
      return cannotRun(`VS Code (${vscodeExecutablePath}) exited with ${exitCode} without running the suite.`,
        'It may lack system libraries (libnss3, libgtk-3-0, libasound2...) or a display.');
    }
    const stats = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    if (exitCode !== 0 || stats.failures > 0 || !(stats.passes > 0)) {
      console.error(`electron: FAILED: ${stats.failures} of ${stats.tests} scenario(s) failed (VS Code exit ${exitCode})`);
      process.exit(1);
    }
    console.log(`electron: ${stats.passes} scenario(s) passed in desktop VS Code`);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function cannotRun(reason, hint) {
  console.error(`electron: CANNOT RUN desktop VS Code here: ${reason}${hint ? `\n  ${hint}` : ''}\n` +
    '  Nothing was tested. On this machine use `npm run test:e2e` (code-server).');
  process.exit(CANNOT_RUN);
}

main().catch((error) => {
  console.error(`electron: internal error: ${error.stack ?? error}`);
  process.exit(CANNOT_RUN);
});
