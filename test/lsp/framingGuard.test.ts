/**
 * The FramingGuard on its own: well-formed frames pass byte for byte however they are chunked,
 * and after a malformed header block the next well-formed frame is the next thing out.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';
import { FramingGuard } from '../../server/src/lsp/framingGuard';

function frame(body: string, extraHeaders = ''): Buffer {
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`, 'utf8');
}

/** Everything the guard lets through for `chunks`, and the lines it logged. */
async function guard(chunks: Buffer[]): Promise<{ output: Buffer; logged: string[] }> {
  const logged: string[] = [];
  const stream = new FramingGuard((line) => logged.push(line));
  const out: Buffer[] = [];
  stream.on('data', (data: Buffer) => out.push(data));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await ended;
  return { output: Buffer.concat(out), logged };
}

/** The same bytes as one chunk, one byte per chunk, and split at every position in two. */
function chunkings(bytes: Buffer): Buffer[][] {
  const oneByOne = [...bytes].map((byte) => Buffer.from([byte]));
  const halves = Array.from({ length: bytes.length - 1 }, (_, at) => [bytes.subarray(0, at + 1), bytes.subarray(at + 1)]);
  return [[bytes], oneByOne, ...halves];
}

async function assertEveryChunking(input: Buffer, expected: Buffer, expectedLogLines: number): Promise<void> {
  for (const chunks of chunkings(input)) {
    const { output, logged } = await guard(chunks);
    assert.deepEqual(output, expected, `chunk sizes ${chunks.map((c) => c.length).join(',')}`);
    assert.equal(logged.length, expectedLogLines);
  }
}

const REQUEST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'shutdown' });
const UTF8_NOTIFICATION = JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { text: 'σ(x) → 0, 梯度消失 🙂' } });

describe('FramingGuard', () => {
  it('passes well-formed frames through byte for byte, split anywhere, UTF-8 bodies included', async () => {
    const input = Buffer.concat([
      frame(UTF8_NOTIFICATION),
      frame(REQUEST, 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'),
      Buffer.from(`content-length: 2\r\n\r\n{}`),
      frame(''),
    ]);
    assert.ok(Buffer.byteLength(UTF8_NOTIFICATION) > UTF8_NOTIFICATION.length, 'the body has multi-byte characters');
    await assertEveryChunking(input, input, 0);
  });

  it('drops a header block without Content-Length, and its body, up to the next frame', async () => {
    const good = frame(REQUEST);
    const input = Buffer.concat([frame(UTF8_NOTIFICATION), Buffer.from('Content-Type: application/vscode-jsonrpc\r\n\r\n{"a":"ü"}'), good]);
    await assertEveryChunking(input, Buffer.concat([frame(UTF8_NOTIFICATION), good]), 1);
  });

  it('drops a header block whose Content-Length is not a number', async () => {
    const good = frame(UTF8_NOTIFICATION);
    await assertEveryChunking(Buffer.concat([Buffer.from('Content-Length: twelve\r\n\r\n{}'), good]), good, 1);
  });

  it('drops garbage between frames, even with no blank line after it', async () => {
    const first = frame(REQUEST);
    const second = frame(UTF8_NOTIFICATION);
    await assertEveryChunking(Buffer.concat([first, Buffer.from('garbage \u0000 ü\r\n'), second]), Buffer.concat([first, second]), 1);
  });

  it('drops a header line without a colon, as the reader would reject it', async () => {
    const good = frame(REQUEST);
    await assertEveryChunking(Buffer.concat([Buffer.from('Content-Length: 2\r\nno colon\r\n\r\n{}'), good]), good, 1);
  });

  it('gives up on an endless header block and resumes at the next Content-Length', async () => {
    const good = frame(REQUEST);
    const { output, logged } = await guard([Buffer.alloc(100_000, 'x'), good]);
    assert.deepEqual(output, good);
    assert.equal(logged.length, 1);
  });

  it('lets vscode-jsonrpc read the messages after a frame without Content-Length', async () => {
    const stdin = new PassThrough();
    const received: Message[] = [];
    const reader = new StreamMessageReader(stdin.pipe(new FramingGuard(() => undefined)));
    reader.listen((message) => received.push(message));
    stdin.write('Content-Type: application/vscode-jsonrpc\r\n\r\n{}');
    stdin.write(frame(REQUEST));
    stdin.write(frame(UTF8_NOTIFICATION));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(received, [JSON.parse(REQUEST), JSON.parse(UTF8_NOTIFICATION)]);
    reader.dispose();
  });
});
