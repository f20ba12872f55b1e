#!/usr/bin/env node
// End-to-end test in a real VS Code: packages the extension, installs the .vsix into a fresh
// code-server, opens a copy of examples/ in headless Chromium and checks, through the UI only,
// what a user sees: our diagnostics in the Problems panel, the gradient-flow panel drawing its
// chart, the inlay hints and the hover card on a layer, and a quick fix from the Ctrl+. menu that
// makes its diagnostic go away. Screenshots go to test-artifacts/e2e/. Needs /usr/bin/chromium
// (Debian package `chromium`); code-server is installed on first use by
// scripts/install-code-server.js into ~/.cache/code-server-e2e (a few minutes, once).
//
//   npm run test:e2e          CODE_SERVER_E2E_DIR overrides the code-server install directory.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { findCodeServer, installExtension, startCodeServer, tail } = require('./codeServer');
const { Workbench } = require('./workbench');

const ROOT = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
const VSIX = path.join(ROOT, 'dist-vsix', 'gradient-doctor.vsix');
const EXTENSION_ID = 'gradient-doctor.gradient-doctor';
const CHROMIUM = '/usr/bin/chromium';

// The scenario (shared with test/electron): a sick example whose vanishing gradients the
// preferred fix cures. The Problems panel shows file names, Quick Open takes them.
const scenario = require('./scenario.json');
const SICK_FILE = path.basename(scenario.sickFile);
const SICK_RULE = scenario.rule;
const SOURCE = scenario.source;
const FIX_TITLE = new RegExp(scenario.fixTitlePattern, 'i');
const FIXED_TEXT = new RegExp(scenario.fixedTextPattern);
const INLAY_HINT = scenario.inlayHintPattern;

/** Settings for a quiet, deterministic workbench; TypeScript's own errors would crowd Problems. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'editor.lightbulb.enabled': 'on',
};

async function main() {
  const started = Date.now();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gradient-doctor-e2e-'));
  const dirs = {
    userDataDir: path.join(temp, 'user-data'),
    extensionsDir: path.join(temp, 'extensions'),
    workspace: path.join(temp, 'workspace'),
  };
  // Last registered, first undone. One shared run: a signal and the normal path may both ask.
  const cleanup = [];
  let cleaning = null;
  const runCleanup = () => {
    cleaning ??= (async () => {
      while (cleanup.length > 0) await cleanup.pop()().catch((error) => console.error(`cleanup: ${error.message}`));
      fs.rmSync(temp, { recursive: true, force: true });
    })();
    return cleaning;
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      interrupted = true;
      console.error(`\ne2e: ${signal}: stopping code-server and Chromium`);
      runCleanup().finally(() => process.exit(130));
    });
  }
  const steps = new StepRunner();
  let workbench = null;

  try {
    const codeServer = await steps.run('code-server 4.100.3 (installed into its cache directory when missing)', async () =>
      findCodeServer((line) => console.log(`      ${line}`)),
    );

    await steps.run('package the extension (npm run package)', async () => packageExtension());

    await steps.run('install the .vsix into a fresh extensions folder', async () => {
      fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
      fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
      fs.cpSync(path.join(ROOT, 'examples'), dirs.workspace, { recursive: true });
      installExtension(codeServer, { vsix: VSIX, ...dirs });
      const installed = fs.readdirSync(dirs.extensionsDir).filter((name) => name.startsWith(`${EXTENSION_ID}-`));
      if (installed.length !== 1) throw new Error(`expected one ${EXTENSION_ID} in ${dirs.extensionsDir}, found ${installed}`);
      return installed[0];
    });

    const server = await steps.run('start code-server on 127.0.0.1', async () =>
      startCodeServer(codeServer, {
        ...dirs,
        logFile: path.join(temp, 'code-server.log'),
        onSpawn: (stop) => cleanup.push(stop),
      }),
    );

    const page = await steps.run('open the examples workspace in headless Chromium', async () => {
      if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (as .ci/run does)`);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run'],
        // Our own handlers stop code-server too; Playwright's would exit right after Chromium.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      cleanup.push(() => browser.close());
      const opened = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      workbench = new Workbench(opened);
      await workbench.open(server.url, dirs.workspace);
      return opened;
    });

    await steps.run(`open ${SICK_FILE}; the Problems panel lists our diagnostics`, async () => {
      const t0 = Date.now();
      await workbench.openFile(SICK_FILE);
      const opened = Date.now();
      await workbench.showProblems();
      const problems = await workbench.waitForProblems(
        `a ${SOURCE} "${SICK_RULE}" diagnostic on ${SICK_FILE} in the Problems panel`,
        (all) => all.some((p) => p.file === SICK_FILE && p.source === SOURCE && p.code === SICK_RULE),
      );
      const ours = problems.filter((p) => p.source === SOURCE);
      const withoutCode = ours.filter((p) => !/^[a-z]+(-[a-z]+)+$/.test(p.code));
      if (withoutCode.length > 0) throw new Error(`diagnostics without a rule code: ${JSON.stringify(withoutCode)}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'problems.png') });
      const timing = `Quick Open took ${seconds(opened - t0)}, diagnostics shown ${seconds(Date.now() - opened)} later`;
      return [timing, ...ours.map((p) => `${p.file}:${p.line} ${p.code}: ${p.message.slice(0, 90)}`)].join('\n      ');
    });

    await steps.run(`inlay hints show the predicted ‖∇W‖ after the layer calls of ${SICK_FILE}`, async () => {
      const hints = await workbench.waitForEditorText(
        `an inlay hint matching ${INLAY_HINT} in the editor of ${SICK_FILE}`,
        (text) => text.match(new RegExp(INLAY_HINT, 'g')),
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'inlay-hints.png') });
      return `hints in the editor: ${hints.map((hint) => JSON.stringify(hint)).join(', ')}`;
    });

    await steps.run('hovering a layer call shows the card with its numbers', async () => {
      const card = await workbench.hoverToken(scenario.hoverLine, scenario.hoverToken, new RegExp(scenario.hoverCardPattern));
      await page.screenshot({ path: path.join(ARTIFACTS, 'hover.png') });
      await workbench.dismissHover();
      return `card: ${card.replace(/\s+/g, ' ').slice(0, 200)}`;
    });

    await steps.run('the Gradient Doctor panel opens and draws its chart', async () => {
      await workbench.runCommand(commandTitle(scenario.panelCommandId));
      const { result } = await workbench.findWebviewFrame('the panel webview to draw its chart', chartIn);
      const { result: summary } = await workbench.findWebviewFrame(
        'the panel summary to report the vanishing gradients of the sick model',
        async (frame) => {
          const text = await panelSummary(frame);
          return text && /vanish/i.test(text) ? text : null;
        },
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'panel.png') });
      return `${result}\n      summary: ${summary}`;
    });

    await steps.run(`quick fix from the Ctrl+. menu removes "${SICK_RULE}"; the panel follows`, async () => {
      const before = await workbench.readProblems();
      const target = before.find((p) => p.file === SICK_FILE && p.source === SOURCE && p.code === SICK_RULE);
      if (!target) throw new Error(`"${SICK_RULE}" is no longer in the Problems panel before the fix: ${JSON.stringify(before)}`);
      const offered = await workbench.applyQuickFix(target, FIX_TITLE);
      await workbench.waitForProblems(
        `"${SICK_RULE}" to disappear from ${SICK_FILE} after the quick fix`,
        (all) => !all.some((p) => p.file === SICK_FILE && p.code === SICK_RULE),
      );
      const text = await workbench.editorText();
      if (!FIXED_TEXT.test(text)) throw new Error(`the editor does not show ${FIXED_TEXT} after the fix:\n${text}`);
      // The panel follows the edited document: its summary stops reporting vanishing gradients.
      const { result: summary } = await workbench.findWebviewFrame(
        'the panel summary to stop saying the gradients vanish after the fix',
        async (frame) => {
          const text = await panelSummary(frame);
          return text && !/vanish/i.test(text) ? text : null;
        },
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'quick-fix.png') });
      const shown = offered.slice(0, 6).map((title) => JSON.stringify(title)).join(', ');
      return `menu offered ${offered.length} actions: ${shown}, ...\n      panel now says: ${summary}`;
    });

    await steps.run(`JavaScript too: ${path.basename(scenario.javascriptFile)} shows "${scenario.javascriptRule}"`, async () => {
      const file = path.basename(scenario.javascriptFile);
      await workbench.openFile(file);
      const problems = await workbench.waitForProblems(
        `a ${SOURCE} "${scenario.javascriptRule}" diagnostic on ${file} in the Problems panel`,
        (all) => all.some((p) => p.file === file && p.source === SOURCE && p.code === scenario.javascriptRule),
      );
      return problems.filter((p) => p.file === file).map((p) => `${p.line} ${p.code}`).join(', ');
    });
  } catch (error) {
    steps.failed = true;
    if (!interrupted) await reportFailure(steps, error, workbench, temp);
  } finally {
    await runCleanup();
  }

  const total = seconds(Date.now() - started);
  if (steps.failed) {
    console.error(`\ne2e: FAILED after ${total} (artifacts and logs in ${path.relative(ROOT, ARTIFACTS)}/)`);
    process.exit(1);
  }
  console.log(`\ne2e: all ${steps.count} steps passed in ${total}; screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Numbered, timed steps; the failing one is named in the report. */
class StepRunner {
  constructor() {
    this.count = 0;
    this.current = null;
    this.failed = false;
  }

  async run(name, body) {
    this.count += 1;
    this.current = `${this.count}. ${name}`;
    const t0 = Date.now();
    const result = await body();
    const detail = typeof result === 'string' ? result : summarize(result);
    console.log(`e2e: ok   ${this.current} (${seconds(Date.now() - t0)})${detail ? `\n      ${detail}` : ''}`);
    return result;
  }
}

function summarize(result) {
  if (result && typeof result === 'object' && !Array.isArray(result) && Object.keys(result).length <= 6) {
    const plain = Object.entries(result).filter(([, v]) => typeof v !== 'function' && typeof v !== 'object');
    return plain.map(([k, v]) => `${k}=${v}`).join(' ');
  }
  return '';
}

/** The palette title of a contributed command, as VS Code shows it: "Category: Title". */
function commandTitle(id) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const command = manifest.contributes?.commands?.find((c) => c.command === id);
  if (!command) throw new Error(`package.json contributes no command "${id}"`);
  return command.category ? `${command.category}: ${command.title}` : command.title;
}

function packageExtension() {
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  fs.writeFileSync(path.join(ARTIFACTS, 'package.log'), output);
  if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status}):\n${output.trim().split('\n').slice(-25).join('\n')}`);
  const sizeLine = output.split('\n').find((line) => line.startsWith('package: dist-vsix/'));
  return sizeLine ? sizeLine.replace(/^package: /, '') : path.relative(ROOT, VSIX);
}

/**
 * Runs inside each webview frame. The chart counts as drawn when the gradient chart's "as
 * written" analytic series has its line and a point per weight layer (data-series and
 * data-point are the panel's own hooks, see media/src/chart.ts).
 */
async function chartIn(frame) {
  return frame.evaluate(() => {
    const series = document.querySelector('svg [data-series="analytic-written"]');
    const line = series?.querySelector('path.line')?.getAttribute('d') ?? '';
    const points = series?.querySelectorAll('[data-point]').length ?? 0;
    if (!line || points < 2) return null;
    const all = [...document.querySelectorAll('svg [data-series]')].map((g) => g.getAttribute('data-series'));
    return `gradient chart drawn: ${points} points on the as-written line; series ${[...new Set(all)].join(', ')}`;
  });
}

/** The panel's one-sentence summary (its screen-reader status line), or null in other frames. */
async function panelSummary(frame) {
  return frame.evaluate(() => document.querySelector('#summary')?.textContent.trim() || null);
}

async function reportFailure(steps, error, workbench, temp) {
  console.error(`\ne2e: FAIL ${steps.current ?? '(before the first step)'}\n  ${String(error.message).split('\n').join('\n  ')}`);
  if (workbench) {
    await workbench.page.screenshot({ path: path.join(ARTIFACTS, 'failure.png') }).catch(() => {});
  }
  // Keep the logs a maintainer needs: code-server's, the extension host's, our output channel's.
  const logs = listFiles(temp).filter((file) => /code-server\.log$|exthost|Gradient|gradient/i.test(file) && file.endsWith('.log'));
  const kept = path.join(ARTIFACTS, 'logs');
  fs.mkdirSync(kept, { recursive: true });
  for (const file of logs) {
    fs.copyFileSync(file, path.join(kept, path.relative(temp, file).replace(/[\\/]/g, '__')));
    const text = tail(file, 15);
    if (/error|fail|exception/i.test(text)) console.error(`\n--- ${path.relative(temp, file)} (tail)\n${text}`);
  }
  // Whether VS Code activated the extension at all, and any activation error, from its own log.
  const hostLogs = logs.filter((file) => /exthost\.log$/.test(file));
  if (hostLogs.length === 0) return;
  const activation = hostLogs
    .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'))
    .filter((line) => line.includes(EXTENSION_ID));
  console.error(`\n--- extension host lines about ${EXTENSION_ID}:\n${activation.slice(0, 20).join('\n') || '(none: never activated)'}`);
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

main().catch((error) => {
  console.error(`e2e: internal error: ${error.stack ?? error}`);
  process.exit(1);
});
