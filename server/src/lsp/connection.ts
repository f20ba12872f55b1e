/**
 * The server's connection, for both entry points (dist/server.js and `gradient-doctor lsp`).
 * Over stdio, stdin goes through the FramingGuard first, so a malformed frame cannot leave the
 * server deaf. VS Code's IPC (and socket, pipe) keep createConnection's own command-line choice.
 */
import { Console } from 'node:console';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { FramingGuard } from './framingGuard';

export function createServerConnection(): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  // Given streams (not readers), createConnection still exits when stdin ends, as it does for
  // --stdio; it wraps them in StreamMessageReader and StreamMessageWriter itself.
  const connection = createConnection(ProposedFeatures.all, process.stdin.pipe(new FramingGuard(log)), process.stdout);
  // stdout carries the protocol: a stray console.log (a dependency's, say) would corrupt it.
  // createConnection redirects the console only when it opens stdio itself.
  Object.assign(console, new Console({ stdout: process.stderr, stderr: process.stderr }));
  return connection;
}
