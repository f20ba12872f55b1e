/**
 * A minimal LSP client over stdio for the server benchmark: starts dist/server.js, answers the
 * server's own requests (configuration, registrations) with defaults, opens one document, sends
 * incremental edits and waits for that document's diagnostics, pushed or pulled, whichever the
 * server offers. Also reads the server's resident memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { LineMap } from '../../server/src/engine/lineMap';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/lsp/launchOptions';

const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

export class LspSession {
  private text = '';
  private version = 0;
  private readonly waiters: Array<{ version: number; resolve: () => void }> = [];
  private pull = false;
  private publishedVersion = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    readonly uri: string,
  ) {}

  /**
   * `pull`: claim pull-diagnostic support, as VS Code does; `push`: a minimal client.
   * The server's node gets the flags and environment VS Code's client starts it with, and
   * `nodeArgs` (a profile, a V8 flag being measured).
   */
  static async start(uri: string, mode: 'pull' | 'push', nodeArgs: readonly string[] = []): Promise<LspSession> {
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...nodeArgs, SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...SERVER_ENV },
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection, uri);
    // Every configuration item gets null: the server must fall back to its defaults.
    connection.onRequest((method, params) =>
      method === 'workspace/configuration' ? ((params as { items?: unknown[] })?.items ?? []).map(() => null) : null,
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
      if (params.uri === uri) session.settle(params.version ?? session.version);
    });
    connection.listen();
    const initialized = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          synchronization: { didSave: true },
          ...(mode === 'pull' ? { diagnostic: { dynamicRegistration: false } } : {}),
        },
      },
    })) as { capabilities: { diagnosticProvider?: unknown } };
    session.pull = initialized.capabilities.diagnosticProvider !== undefined;
    await connection.sendNotification('initialized', {});
    return session;
  }

  /** 'pull' when the server answers textDocument/diagnostic, else 'push'. */
  get mode(): 'pull' | 'push' {
    return this.pull ? 'pull' : 'push';
  }

  get currentText(): string {
    return this.text;
  }

  private settle(version: number): void {
    this.publishedVersion = Math.max(this.publishedVersion, version);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].version <= version) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  /** Resolves when diagnostics for the current version (or a later one) arrive. */
  async diagnostics(timeoutMs = 10_000): Promise<void> {
    if (this.pull) {
      await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: this.uri } });
      return;
    }
    const version = this.version;
    if (this.publishedVersion >= version) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ version, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async open(text: string): Promise<void> {
    this.text = text;
    this.version = 1;
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: this.uri, languageId: 'typescript', version: this.version, text },
    });
  }

  /** Inserts `inserted` at `offset`, as an editor's incremental change. Returns when it was sent. */
  async insert(offset: number, inserted: string): Promise<number> {
    const position = new LineMap(this.text).positionAt(offset);
    this.text = this.text.slice(0, offset) + inserted + this.text.slice(offset);
    this.version++;
    const sentAt = performance.now();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges: [{ range: { start: position, end: position }, text: inserted }],
    });
    return sentAt;
  }

  /** Sends a request about the document and resolves with how long its answer took, in ms. */
  async timedRequest(method: string, params: Record<string, unknown>): Promise<{ ms: number; result: unknown }> {
    const sentAt = performance.now();
    const result = await this.connection.sendRequest(method, { textDocument: { uri: this.uri }, ...params });
    return { ms: performance.now() - sentAt, result };
  }

  positionAt(offset: number): { line: number; character: number } {
    return new LineMap(this.text).positionAt(offset);
  }

  memory(): Memory {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; it is killed below either way.
    }
    // A server that exits by itself has written whatever it writes at exit (a --cpu-prof profile).
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.connection.dispose();
    this.child.kill();
  }
}
