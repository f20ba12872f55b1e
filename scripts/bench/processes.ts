/**
 * Benchmarks of whole processes: the CLI over a generated workspace vs a parse-only pass over the
 * same files (both start a fresh node), and the extension's activation cost (bundle sizes, and the
 * time to require the client bundle with a stub `vscode`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateModelFile } from './generate';
import { median } from './measure';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

function timeProcess(args: string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  // The CLI exits 1 when it reports findings; anything else is a failure of the benchmark.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
  }
  return ms;
}

/** Parses every file under `dir` with the same TypeScript the repository uses, nothing else. */
const PARSE_ONLY = `
const ts = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'typescript'))});
const fs = require('fs'), path = require('path');
const dir = process.argv[1];
for (const name of fs.readdirSync(dir)) {
  const file = path.join(dir, name);
  ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
}`;

export interface WorkspaceRow {
  files: number;
  lines: number;
  cliMs: number;
  parseOnlyMs: number;
  ratio: number;
}

export function workspaceScale(files: number, linesPerFile: number, repetitions = 3): WorkspaceRow {
  const root = mkdtempSync(path.join(tmpdir(), 'gd-bench-'));
  const dir = path.join(root, 'src');
  mkdirSync(dir);
  try {
    for (let i = 0; i < files; i++) writeFileSync(path.join(dir, `model${i}.ts`), generateModelFile(linesPerFile, i * 10));
    const cli = [path.join(DIST, 'cli.js'), 'check', dir, '--format', 'json'];
    const parseOnly = ['-e', PARSE_ONLY, dir];
    timeProcess(cli, root);
    timeProcess(parseOnly, root);
    const cliTimes: number[] = [];
    const parseTimes: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      cliTimes.push(timeProcess(cli, root));
      parseTimes.push(timeProcess(parseOnly, root));
    }
    const cliMs = median(cliTimes);
    const parseOnlyMs = median(parseTimes);
    return { files, lines: files * linesPerFile, cliMs, parseOnlyMs, ratio: cliMs / parseOnlyMs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface ActivationRow {
  bundleKb: Record<'client' | 'server' | 'cli' | 'webview', number>;
  requireClientMs: number;
}

/** Requires dist/client.js in a fresh node with `vscode` resolved to a do-nothing stub. */
const REQUIRE_CLIENT = `
const Module = require('module');
const stub = new Proxy(function () {}, { get: (target, key) => key === '__esModule' ? false : stub, apply: () => stub, construct: () => stub });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
const start = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - start));`;

export function activationCost(repetitions = 7): ActivationRow {
  const kb = (name: string): number => statSync(path.join(DIST, name)).size / 1024;
  const times: number[] = [];
  for (let i = 0; i < repetitions + 1; i++) {
    const ms = Number(execFileSync(process.execPath, ['-e', REQUIRE_CLIENT, path.join(DIST, 'client.js')]).toString());
    if (i > 0) times.push(ms); // the first run warms the OS file cache
  }
  return {
    bundleKb: { client: kb('client.js'), server: kb('server.js'), cli: kb('cli.js'), webview: kb('webview.js') },
    requireClientMs: median(times),
  };
}
