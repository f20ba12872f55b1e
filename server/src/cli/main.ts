/**
 * The `gradient-doctor` command line (dist/cliMain.js, run by the launcher dist/cli.js that
 * bin/gradient-doctor.js requires, see launcher.ts). Each
 * subcommand returns its exit code; a UsageError or any unexpected exception exits 2 with a
 * one-line message, never a stack trace, and never with a findings exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../../package.json';
import { runCheck } from './check';
import { isCheckWorker, serveCheckRequests } from './checkWorkers';
import { runFix } from './fix';
import { EXIT_CLEAN, EXIT_ERROR, UsageError, type CliIO } from './io';

const HELP = `Gradient Doctor ${version}: predicts vanishing and exploding gradients in TensorFlow.js model code.

Usage:
  gradient-doctor check [paths...] [--format text|json|sarif] [--max-warnings N] [--concurrency N|auto|off]
      Analyse files (directories are searched for .ts .tsx .js .jsx .mjs .cjs, skipping node_modules).
      Exit 0 clean, 1 findings at or above warning (or more warnings than N), 2 usage or internal error.
      Files are checked on N threads, the main one and workers (auto, the default: one per ~400 files, at most one per physical core; 1 or off: the main thread).
  gradient-doctor fix [paths...] [--dry-run]
      Apply the preferred fixes (with --dry-run: print them as a diff).
  gradient-doctor simulate <file> [--model NAME] [--engine analytic|empirical|both] [--batch N] [--seeds N] [--json]
      Per-layer gradient norms of each model as a terminal chart (or JSON).
  gradient-doctor lsp --stdio
      Run the language server over stdio, for any LSP editor.
  gradient-doctor --help | --version
`;

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  // The launcher beside this bundle: workers run this bundle through the code cache too.
  workerScript: join(__dirname, 'cli.js'),
};

async function run(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'fix':
      return runFix(rest, io);
    case 'simulate':
      // A bundle of its own (dist/cliSimulate.js): only the simulation needs tfjs, 1.7 MB that every
      // `check` and each of its workers would otherwise read (and, without a code cache, compile).
      return (require(join(__dirname, 'cliSimulate.js')) as typeof import('./simulate')).runSimulate(rest, io);
    case 'lsp':
      return startLanguageServer(rest);
    case '--version':
    case '-v':
      io.stdout(`${version}\n`);
      return EXIT_CLEAN;
    case '--help':
    case '-h':
    case 'help':
      io.stdout(HELP);
      return EXIT_CLEAN;
    case undefined:
      throw new UsageError('missing command');
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

/** Never resolves: the server runs until the client sends exit (or closes stdin). */
function startLanguageServer(args: string[]): Promise<number> {
  const transports = ['--stdio', '--node-ipc'];
  if (!args.some((arg) => transports.includes(arg) || arg.startsWith('--socket=') || arg.startsWith('--pipe='))) process.argv.push('--stdio');
  // Required here, not imported: the LSP libraries' start-up is no part of `check`'s.
  const { createServerConnection } = require('../lsp/connection') as typeof import('../lsp/connection');
  const { startServer } = require('../lsp/server') as typeof import('../lsp/server');
  startServer(createServerConnection());
  return new Promise(() => undefined);
}

function runCommandLine(): void {
  // `gradient-doctor check | head` closes the pipe early: stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT_CLEAN);
  });

  run(process.argv.slice(2), processIO).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) processIO.stderr(`gradient-doctor: ${error.message}\nRun 'gradient-doctor --help' for usage.\n`);
      else processIO.stderr(`gradient-doctor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}

if (isCheckWorker()) serveCheckRequests();
else runCommandLine();
