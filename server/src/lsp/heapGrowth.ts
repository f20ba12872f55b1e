/**
 * The server lives as long as the editor and analyses on every keystroke: each analysis leaves
 * megabytes of garbage (syntax trees, IR) while the live heap stays ~50 MB. V8's default lets
 * the old generation grow to several times the live size before collecting it, so over a long
 * typing session the resident memory crept past 250 MB (bench: 10,000 edits). Capping the growth
 * factor at 1.3x the live heap keeps it near 160 MB at no measured latency cost; unlike
 * --max-old-space-size it sets no absolute limit, so a huge file still gets the memory it needs.
 * Set at run time (V8 reads the factor at each collection) so that every way of starting the
 * server (VS Code's IPC, dist/server.js --stdio, `gradient-doctor lsp`) gets it.
 */
import { setFlagsFromString } from 'node:v8';

const HEAP_GROWING_PERCENT = 30;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
