/**
 * The server over real stdio, fed what no well-behaved client sends: bytes that are not JSON,
 * JSON that is not JSON-RPC, odd headers, unknown methods, parameters of the wrong shape, edits
 * for documents that were never opened, ranges far outside the document, versions going backwards.
 * After each, it must still be alive and answer a normal request correctly.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { StreamMessageReader, type Message, type ResponseMessage, type NotificationMessage } from 'vscode-jsonrpc/node';
import { ensureBuilt } from './helpers/ensureBuilt';

const SICK = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [128], units: 128, activation: 'sigmoid' }));
for (let i = 0; i < 8; i++) model.add(tf.layers.dense({ units: 128, activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(5), loss: 'meanSquaredError' });
`;

/** A JSON-RPC peer that writes raw bytes, so it can also write broken ones. */
class RawClient {
  readonly received: Message[] = [];
  private nextId = 1;
  private readonly listeners: Array<() => void> = [];

  constructor(readonly child: ChildProcess) {
    new StreamMessageReader(child.stdout!).listen((message) => {
      this.received.push(message);
      for (const listener of this.listeners.splice(0)) listener();
    });
    child.stderr!.on('data', () => undefined);
  }

  static start(): RawClient {
    return new RawClient(spawn(process.execPath, [ensureBuilt('server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  raw(bytes: string): void {
    this.child.stdin!.write(bytes);
  }

  frame(body: string, headers = ''): void {
    this.raw(`Content-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`);
  }

  notify(method: string, params: unknown): void {
    this.frame(JSON.stringify({ jsonrpc: '2.0', method, params }));
  }

  async request(method: string, params: unknown, timeoutMs = 10_000): Promise<ResponseMessage> {
    const id = this.nextId++;
    this.frame(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return (await this.waitFor((m): m is ResponseMessage => (m as ResponseMessage).id === id, timeoutMs, `a response to ${method}`)) as ResponseMessage;
  }

  /** The first message (already received or future) that matches. */
  async waitFor(match: (message: Message) => boolean, timeoutMs: number, what: string): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms (server exit code ${this.child.exitCode})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.listeners.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  async initialize(): Promise<void> {
    const response = await this.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: { textDocument: { diagnostic: {}, publishDiagnostics: { versionSupport: true } } },
    });
    assert.ok(response.result, `initialize failed: ${JSON.stringify(response.error)}`);
    this.notify('initialized', {});
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
  }

  /** Diagnostics pulled for `uri`: the proof that the server still serves. */
  async diagnostics(uri: string): Promise<{ message: string; source?: string }[]> {
    const response = await this.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(response.error, undefined, `diagnostic request failed: ${JSON.stringify(response.error)}`);
    return (response.result as { items: { message: string }[] }).items;
  }

  stop(): void {
    this.child.kill();
  }
}

describe('server robustness over stdio', function () {
  this.timeout(60_000);
  let client: RawClient;
  let healthyCount: number;

  beforeEach(async () => {
    client = RawClient.start();
    await client.initialize();
    client.open('file:///work/sick.ts', SICK);
    healthyCount = (await client.diagnostics('file:///work/sick.ts')).length;
    assert.ok(healthyCount > 0, 'the sick model has diagnostics to begin with');
  });

  afterEach(() => client.stop());

  async function stillServes(): Promise<void> {
    assert.equal(client.child.exitCode, null, 'the server process is alive');
    assert.equal((await client.diagnostics('file:///work/sick.ts')).length, healthyCount);
  }

  it('ignores bodies that are not JSON or not JSON-RPC', async () => {
    for (const body of ['{not json', '', '[]', 'null', '42', '"text"', '{"foo":1}', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","id":{},"method":7}', '\u0000\uffff']) {
      client.frame(body);
    }
    await stillServes();
  });

  it('accepts unusual but valid headers (extra headers, lower case, content type)', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 9001, method: 'textDocument/diagnostic', params: { textDocument: { uri: 'file:///work/sick.ts' } } });
    client.raw(`content-length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Whatever: 1\r\n\r\n${body}`);
    const response = (await client.waitFor((m) => (m as ResponseMessage).id === 9001, 10_000, 'a response to the odd-header request')) as ResponseMessage;
    assert.equal((response.result as { items: unknown[] }).items.length, healthyCount);
    await stillServes();
  });

  it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
    client.notify('made/up', { anything: true });
    client.notify('$/someExtension', null);
    const response = await client.request('made/upRequest', { x: 1 });
    assert.equal(response.error?.code, -32601);
    await stillServes();
  });

  it('answers requests with parameters of the wrong shape without dying', async () => {
    for (const [method, params] of [
      ['textDocument/diagnostic', 5],
      ['textDocument/diagnostic', { textDocument: null }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///work/sick.ts' }, range: 'everything', context: null }],
      ['textDocument/codeLens', {}],
      ['gradientDoctor/analysis', { uri: 17 }],
      ['workspace/executeCommand', { command: 'gradientDoctor.showDocumentation', arguments: ['file:///etc/passwd'] }],
    ] as const) {
      const response = await client.request(method, params);
      assert.ok(response.error !== undefined || response.result !== undefined, `${method} got an answer`);
    }
    await stillServes();
  });

  it('ignores edits, saves and closes of documents that were never opened', async () => {
    const uri = 'file:///work/never-opened.ts';
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    client.notify('textDocument/didSave', { textDocument: { uri } });
    client.notify('textDocument/didClose', { textDocument: { uri } });
    const items = await client.diagnostics(uri);
    assert.deepEqual(items, []);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.equal(actions.error, undefined);
    await stillServes();
  });

  it('survives ranges out of bounds and versions going backwards', async () => {
    const uri = 'file:///work/edited.ts';
    client.open(uri, SICK);
    const far = { line: 1_000_000, character: 1_000_000 };
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: far, end: far }, text: '// appended far away\n' }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: -5, character: -5 }, end: { line: -1, character: 0 } }, text: '' }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 2, character: 0 } }, text: '' }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: SICK }] });
    const codeLens = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(codeLens.error, undefined);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: far, end: far }, context: { diagnostics: [] } });
    assert.equal(actions.error, undefined);
    await client.diagnostics(uri);
    await stillServes();
  });

  // vscode-jsonrpc's reader alone would keep this body in its buffer and misread every later
  // frame; the server's FramingGuard (server/src/lsp/framingGuard.ts) drops it.
  it('keeps serving after a frame without a Content-Length header', async () => {
    client.raw('Content-Type: application/vscode-jsonrpc\r\n\r\n{}');
    await stillServes();
  });

  it('says why a file above maxFileSize is not analysed', async () => {
    const uri = 'file:///work/huge.ts';
    client.open(uri, `${SICK}\n// ${'x'.repeat(1_100_000)}\n`);
    assert.deepEqual(await client.diagnostics(uri), []);
    const status = (await client.waitFor(
      (m) => (m as NotificationMessage).method === 'gradientDoctor/status' && JSON.stringify((m as NotificationMessage).params).includes('huge.ts'),
      10_000,
      'a status notification for the huge file',
    )) as NotificationMessage;
    assert.match(JSON.stringify(status.params), /maxFileSize/);
    await stillServes();
  });
});
