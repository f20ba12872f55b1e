// `gradient-doctor-lsp` (dist/stdioServer.js): the language server over stdio for any LSP editor.
// It starts dist/server.js in a child node with the launch options VS Code's client uses
// (lsp/launchOptions.ts): V8 and glibc read them only when a process starts, so the server cannot
// set them on itself. The child shares this process's stdin/stdout, so the editor talks to it directly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SERVER_ENV, SERVER_NODE_ARGS } from './lsp/launchOptions';

const args = process.argv.slice(2);
if (!args.includes('--stdio')) args.push('--stdio');
const server = spawn(process.execPath, [...SERVER_NODE_ARGS, join(__dirname, 'server.js'), ...args], {
  stdio: 'inherit',
  env: { ...process.env, ...SERVER_ENV },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => server.kill(signal));
server.on('error', (error) => {
  process.stderr.write(`gradient-doctor-lsp: could not start the server: ${error.message}\n`);
  process.exit(1);
});
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
