// A real VS Code for the end-to-end test: code-server 4.100.3 (VS Code 1.100.3), installed into a
// cache directory by scripts/install-code-server.js when it is missing, started on a free
// 127.0.0.1 port in its own process group so that stopping it also stops its extension host and
// language server.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const { ensureCodeServer, INSTALL_DIR_ENV } = require('../../scripts/install-code-server');

/** The code-server entry script, installed first when the cache directory has none that runs. */
function findCodeServer(log) {
  return ensureCodeServer(undefined, log);
}

function installExtension(codeServer, { vsix, userDataDir, extensionsDir }) {
  const result = spawnSync(
    process.execPath,
    [codeServer.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server and resolves once it answers /healthz. `stop()` ends the whole process
 * group (SIGTERM, then SIGKILL after a grace period) and is safe to call twice; it is handed to
 * `onSpawn` at once, so that an interrupted start can be cleaned up too.
 */
async function startCodeServer(codeServer, { userDataDir, extensionsDir, workspace, logFile, onSpawn, timeoutMs = 60_000 }) {
  const port = await freePort();
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      codeServer.entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      workspace,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    signalGroup(child.pid, 'SIGTERM');
    const graceful = await Promise.race([exitPromise.then(() => true), delay(5_000).then(() => false)]);
    if (!graceful) signalGroup(child.pid, 'SIGKILL');
    // Children (extension host, language server) may outlive the main process briefly.
    signalGroup(child.pid, 'SIGKILL');
    fs.closeSync(log);
  }
  onSpawn(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited during startup (${JSON.stringify(exited)}); log: ${logFile}\n${tail(logFile)}`);
    }
    if (await isHealthy(url)) return { url, port, pid: child.pid, stop };
    await delay(250);
  }
  await stop();
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000}s; log: ${logFile}\n${tail(logFile)}`);
}

async function isHealthy(url) {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { findCodeServer, installExtension, startCodeServer, INSTALL_DIR_ENV, tail };
