/**
 * A byte stream between stdin and vscode-jsonrpc's reader that keeps the reader in step with the
 * frames. The reader, given a header block without a usable Content-Length, reports an error but
 * leaves the body in its buffer and then misreads every later frame: the server stays alive but
 * deaf. This guard passes well-formed frames (header block + Content-Length bytes of body)
 * through unchanged, byte for byte, however the input is chunked; when a header block is not
 * well formed it drops input up to the next "Content-Length:" so the next frame reads correctly.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** Where resynchronisation resumes; compared case-insensitively, as the reader reads headers. */
const CONTENT_LENGTH_HEADER = 'content-length:';
/** Real header blocks are a line or two; input this long without a blank line is not one. */
const MAX_HEADER_BLOCK_BYTES = 64 * 1024;

export class FramingGuard extends Transform {
  /** Input not yet passed on or dropped: a partial header block, or bytes being skipped. */
  private pending: Buffer = Buffer.alloc(0);
  /** Body bytes of the current frame still to pass through. */
  private bodyBytesLeft = 0;
  /** After a malformed header block: skipping input until the next Content-Length header. */
  private resynchronising = false;

  /** @param log told once per malformed header block (one line, no trailing newline). */
  constructor(private readonly log: (line: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length > 0 && this.step()) {
      // each step consumed or classified some input; go on while there is something to do
    }
    callback();
  }

  /** Handles the start of `pending`; false when more input is needed first. */
  private step(): boolean {
    if (this.bodyBytesLeft > 0) {
      const body = this.pending.subarray(0, this.bodyBytesLeft);
      this.push(body);
      this.bodyBytesLeft -= body.length;
      this.pending = this.pending.subarray(body.length);
      return true;
    }
    if (this.resynchronising) return this.skipToContentLength(0);
    const headerEnd = this.pending.indexOf(HEADER_END);
    if (headerEnd === -1) {
      if (this.pending.length <= MAX_HEADER_BLOCK_BYTES) return false;
      this.reject(this.pending);
      return true;
    }
    const headerBlock = this.pending.subarray(0, headerEnd + HEADER_END.length);
    const contentLength = contentLengthOf(headerBlock.toString('latin1'));
    if (contentLength === undefined) {
      this.reject(headerBlock);
      return true;
    }
    this.push(headerBlock);
    this.bodyBytesLeft = contentLength;
    this.pending = this.pending.subarray(headerBlock.length);
    return true;
  }

  private reject(headerBlock: Buffer): void {
    const shown = JSON.stringify(headerBlock.subarray(0, 80).toString('latin1'));
    this.log(`Gradient Doctor: ignored a JSON-RPC header block without a valid Content-Length (${shown}); skipping to the next Content-Length header.`);
    this.resynchronising = true;
    // From the second byte: a rejected block may itself start with a bad "Content-Length:".
    this.skipToContentLength(1);
  }

  /** Drops `pending` up to the next Content-Length header at or after `from`; false if none yet. */
  private skipToContentLength(from: number): boolean {
    const at = this.pending.toString('latin1').toLowerCase().indexOf(CONTENT_LENGTH_HEADER, from);
    if (at === -1) {
      // Keep a tail that may be the start of a header name split across chunks.
      this.pending = this.pending.subarray(Math.max(from, this.pending.length - (CONTENT_LENGTH_HEADER.length - 1)));
      return false;
    }
    this.pending = this.pending.subarray(at);
    this.resynchronising = false;
    return true;
  }
}

/**
 * The body length a header block announces, or undefined unless every line is "name: value" (as
 * the reader requires) and Content-Length is a decimal number. `block` ends with the blank line.
 */
function contentLengthOf(block: string): number | undefined {
  let contentLength: number | undefined;
  for (const line of block.slice(0, -HEADER_END.length).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) return undefined;
    if (line.slice(0, colon).toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return undefined;
    contentLength = Number(value);
  }
  return contentLength;
}
