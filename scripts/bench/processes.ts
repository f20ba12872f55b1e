/**
 * Benchmarks of whole processes: the CLI over a generated workspace vs a parse-only pass over the
 * same files with the same number of worker threads (both start a fresh node), and the
 * extension's activation cost (bundle sizes, and the time to require the client bundle with a stub
 * `vscode`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateModelFile } from './generate';
import { median } from './measure';

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

/** Preloaded into each timed process: writes the CPU time of all its threads to the file named by GD_BENCH_CPU_FILE at exit. */
const REPORT_CPU = `
const fs = require('fs');
const file = process.env.GD_BENCH_CPU_FILE;
if (file && require('worker_threads').isMainThread) process.on('exit', () => { const { user, system } = process.cpuUsage(); fs.writeFileSync(file, String((user + system) / 1000)); });`;

interface ProcessTime {
  wallMs: number;
  cpuMs: number;
}

function timeProcess(args: string[], cwd: string, preload: string, cpuFile: string, env: NodeJS.ProcessEnv): ProcessTime {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env, GD_BENCH_CPU_FILE: cpuFile },
  });
  const wallMs = performance.now() - start;
  // The CLI exits 1 when it reports findings; anything else is a failure of the benchmark.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
  }
  return { wallMs, cpuMs: Number(readFileSync(cpuFile, 'utf8')) };
}

/**
 * Parses every file under a directory with the same TypeScript the repository uses, nothing else,
 * on as many threads as the CLI: the main thread and `threads - 1` workers, each parsing its share
 * (with 1, the main thread alone, as the CLI's --concurrency 1).
 */
const PARSE_ONLY = `
const fs = require('fs'), path = require('path');
const { Worker } = require('worker_threads');
const [dir, threadsText] = process.argv.slice(1);
const threads = Number(threadsText);
const files = fs.readdirSync(dir).sort().map((name) => path.join(dir, name));
const share = (thread) => files.filter((_, index) => index % threads === thread);
const parseAll = (files) => {
  const ts = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'typescript'))});
  for (const file of files) ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
};
for (let thread = 1; thread < threads; thread++) {
  const worker = new Worker(\`const fs = require('fs'); (\${parseAll})(require('worker_threads').workerData);\`, { eval: true, workerData: share(thread) });
  // Exit 1 would pass for the CLI's "findings": a failed baseline must not.
  worker.on('error', (error) => { console.error(error); process.exit(3); });
}
parseAll(share(0));`;

export interface WorkspaceRow {
  files: number;
  lines: number;
  /** Threads (main and workers) of both the CLI (--concurrency) and the parse-only baseline: the cores node may use. */
  threads: number;
  cliMs: number;
  parseOnlyMs: number;
  /** cliMs / parseOnlyMs, wall-clock medians. */
  ratio: number;
  /** CPU time of all threads of each process (medians): what the parallel run costs in total. */
  cliCpuMs: number;
  parseOnlyCpuMs: number;
  /** The CLI on one thread (--concurrency 1), for the speed-up the threads give. */
  cliOneThreadMs: number;
  /** The CLI without its code cache (as on a fresh CI machine), same threads as cliMs. */
  cliNoCodeCacheMs: number;
}

export function workspaceScale(files: number, linesPerFile: number, repetitions = 5): WorkspaceRow {
  const root = mkdtempSync(path.join(tmpdir(), 'gd-bench-'));
  const dir = path.join(root, 'src');
  mkdirSync(dir);
  const preload = path.join(root, 'report-cpu.js');
  const cpuFile = path.join(root, 'cpu.txt');
  writeFileSync(preload, REPORT_CPU);
  const threads = availableParallelism();
  try {
    for (let i = 0; i < files; i++) writeFileSync(path.join(dir, `model${i}.ts`), generateModelFile(linesPerFile, i * 10));
    const check = (concurrency: number): string[] => [path.join(DIST, 'cli.js'), 'check', dir, '--format', 'json', '--concurrency', String(concurrency)];
    // The CLI's code cache in a directory of this run's: written by the warm-up run, used by the others.
    const withCache = { GRADIENT_DOCTOR_CODE_CACHE: path.join(root, 'code-cache') };
    const contenders = {
      cli: { args: check(threads), env: withCache },
      parseOnly: { args: ['-e', PARSE_ONLY, dir, String(threads)], env: {} },
      cliOneThread: { args: check(1), env: withCache },
      cliNoCodeCache: { args: check(threads), env: { GRADIENT_DOCTOR_CODE_CACHE: 'off' } },
    };
    const times = { cli: [] as ProcessTime[], parseOnly: [] as ProcessTime[], cliOneThread: [] as ProcessTime[], cliNoCodeCache: [] as ProcessTime[] };
    // Interleaved, after one warm-up run each (the OS file cache), so that load spikes hit all alike.
    for (let i = 0; i <= repetitions; i++) {
      for (const name of ['cli', 'parseOnly', 'cliOneThread', 'cliNoCodeCache'] as const) {
        const time = timeProcess(contenders[name].args, root, preload, cpuFile, contenders[name].env);
        if (i > 0) times[name].push(time);
      }
    }
    const wall = (name: keyof typeof times): number => median(times[name].map((time) => time.wallMs));
    const cpu = (name: keyof typeof times): number => median(times[name].map((time) => time.cpuMs));
    return {
      files,
      lines: files * linesPerFile,
      threads,
      cliMs: wall('cli'),
      parseOnlyMs: wall('parseOnly'),
      ratio: wall('cli') / wall('parseOnly'),
      cliCpuMs: cpu('cli'),
      parseOnlyCpuMs: cpu('parseOnly'),
      cliOneThreadMs: wall('cliOneThread'),
      cliNoCodeCacheMs: wall('cliNoCodeCache'),
    };
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
    bundleKb: { client: kb('client.js'), server: kb('server.js'), cli: kb('cliMain.js'), webview: kb('webview.js') },
    requireClientMs: median(times),
  };
}
