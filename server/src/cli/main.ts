/**
 * The `gradient-doctor` command line (dist/cli.js, run by bin/gradient-doctor.js). Each
 * subcommand returns its exit code; a UsageError or any unexpected exception exits 2 with a
 * one-line message, never a stack trace, and never with a findings exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { version } from '../../../package.json';
import { createServerConnection } from '../lsp/connection';
import { startServer } from '../lsp/server';
import { runCheck } from './check';
import { isCheckWorker, serveCheckRequests } from './checkWorkers';
import { runFix } from './fix';
import { EXIT_CLEAN, EXIT_ERROR, UsageError, type CliIO } from './io';

const HELP = `Gradient Doctor ${version}: predicts vanishing and exploding gradients in TensorFlow.js model code.

Usage:
  gradient-doctor check [paths...] [--format text|json|sarif] [--max-warnings N] [--concurrency N|auto|off]
      Analyse files (directories are searched for .ts .tsx .js .jsx .mjs .cjs, skipping node_modules).
      Exit 0 clean, 1 findings at or above warning (or more warnings than N), 2 usage or internal error.
      Files are checked on N threads, the main one and workers (auto, the default: every core; 1 or off: the main thread).
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
  // The bundle (dist/cli.js) is its own worker script.
  workerScript: __filename,
};

async function run(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'fix':
      return runFix(rest, io);
    case 'simulate':
      // Loaded on demand: only the simulation needs tfjs, whose start-up would slow every `check`.
      return (await import('./simulate')).runSimulate(rest, io);
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
