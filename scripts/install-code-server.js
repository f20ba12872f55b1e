#!/usr/bin/env node
// Installs the real VS Code of the end-to-end test: code-server 4.100.3 (VS Code 1.100.3, runs on
// Node 20) from the npm registry into a cache directory. code-server's own postinstall would
// download ripgrep and prebuilt native addons from GitHub; instead its scripts are skipped, the
// ripgrep binary comes from Debian (`ripgrep`) and the native addons are built locally by
// node-gyp (Debian build headers below). Idempotent: an install that already answers
// `--version` with 4.100.3 is left alone (about a second).
//
//   node scripts/install-code-server.js [DIR]     default: $CODE_SERVER_E2E_DIR or ~/.cache/code-server-e2e
//
// test/e2e/run.js calls ensureCodeServer() itself, so `npm test` needs no separate step.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VERSION = '4.100.3';
const INSTALL_DIR_ENV = 'CODE_SERVER_E2E_DIR';
/**
 * Debian packages the install needs: ripgrep replaces the download, the rest are headers of the
 * native addons VS Code's server builds (kerberos, native-keymap, @vscode/spdlog's deps...).
 */
const DEBIAN_PACKAGES = ['ripgrep', 'pkg-config', 'build-essential', 'python3', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

function defaultInstallDir() {
  return process.env[INSTALL_DIR_ENV] || path.join(os.homedir(), '.cache', 'code-server-e2e');
}

function entryOf(dir) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * The version line code-server prints, or undefined when it is missing or does not start. On a
 * fresh home, code-server's first run logs "Wrote default config file" before that line.
 */
function installedVersion(dir) {
  const entry = entryOf(dir);
  if (!fs.existsSync(entry)) return undefined;
  const result = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) return undefined;
  return result.stdout.split('\n').map((line) => line.trim()).find((line) => /^\d+\.\d+\.\d+ /.test(line));
}

/** Installs code-server into `dir` unless a working VERSION is there; returns {dir, entry, version, installed}. */
function ensureCodeServer(dir = defaultInstallDir(), log = (line) => console.log(line)) {
  const present = installedVersion(dir);
  if (present?.startsWith(VERSION)) return { dir, entry: entryOf(dir), version: present, installed: false };

  const started = Date.now();
  log(`code-server ${VERSION} is not in ${dir}${present ? ` (found ${present})` : ''}: installing (a few minutes)`);
  installDebianPackages(log);
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'code-server-e2e', private: true }, null, 2)}\n`);
  }
  log('  npm install code-server (scripts skipped)');
  npm(dir, ['install', '--no-audit', '--no-fund', '--ignore-scripts', `code-server@${VERSION}`]);
  // argon2 hashes passwords; code-server loads it even with --auth none.
  npm(dir, ['rebuild', 'argon2']);

  const vscode = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  log('  VS Code server dependencies (scripts skipped)');
  npm(vscode, ['install', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts']);
  // @vscode/ripgrep's postinstall downloads rg from GitHub unless its bin/ already holds one.
  const ripgrepBin = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(ripgrepBin, { recursive: true });
  fs.copyFileSync(commandPath('rg'), path.join(ripgrepBin, 'rg'));
  fs.chmodSync(path.join(ripgrepBin, 'rg'), 0o755);
  log('  building the native addons (node-gyp)');
  npm(vscode, ['rebuild']);
  // What code-server's postinstall links: the unpacked asar, and the platform's helper scripts.
  relink(path.join(vscode, 'node_modules.asar'), 'node_modules');
  relink(path.join(vscode, 'bin', 'remote-cli', 'code-server'), 'code-linux.sh');
  relink(path.join(vscode, 'bin', 'helpers', 'browser.sh'), 'browser-linux.sh');
  log('  built-in extensions');
  npm(path.join(vscode, 'extensions'), ['install', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts']);

  const version = installedVersion(dir);
  if (!version?.startsWith(VERSION)) throw new Error(`code-server in ${dir} does not run as ${VERSION} after the install (got ${version ?? 'nothing'})`);
  log(`code-server ${version.split(' ')[0]} installed in ${dir} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { dir, entry: entryOf(dir), version, installed: true };
}

/** apt-get installs what is missing; without root it says what to install instead. */
function installDebianPackages(log) {
  const missing = DEBIAN_PACKAGES.filter((name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) throw new Error(`code-server needs Debian packages that are missing; run as root: ${command}`);
  log(`  ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

function npm(cwd, args) {
  // npm_config_yes: some addons' build scripts call npx, which would otherwise prompt.
  run('npm', args, { cwd, env: { ...process.env, npm_config_yes: 'true' } });
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.error?.message}) in ${options.cwd ?? process.cwd()}:\n${output}`);
  }
}

function commandPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`${name} is not on PATH (Debian package ripgrep)`);
  return found;
}

function relink(link, target) {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(target, link);
}

module.exports = { ensureCodeServer, defaultInstallDir, INSTALL_DIR_ENV, VERSION };

if (require.main === module) {
  try {
    const { dir, version, installed } = ensureCodeServer(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
    if (!installed) console.log(`code-server ${version.split(' ')[0]} ready in ${dir}`);
  } catch (error) {
    console.error(`install-code-server: ${error.message}`);
    process.exit(1);
  }
}
