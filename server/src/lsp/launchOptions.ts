/**
 * How the server's node process is started, for memory: set where the process is launched (the
 * VS Code client, and the bench, which measures the server as VS Code runs it), because both
 * settings are read before any of the server's code runs.
 * - A young generation of 2 x 8 MB instead of V8's 2 x 16 MB: the server's steady garbage
 *   mostly dies young either way, and the semi-spaces, once grown, stay resident.
 * - glibc's malloc with 2 arenas instead of 8 per core: V8's compiler and GC threads each got an
 *   arena, and freed zone memory stayed in them.
 * - glibc's mmap and trim thresholds fixed at their 128 KB defaults: glibc otherwise raises both
 *   after the first large block is freed, so later large blocks (compiler zones, message buffers)
 *   come from the heap and their memory stays resident after they are freed. RSS after the long
 *   session: 144 and 142 MB with the dynamic thresholds, 133 and 132 MB with fixed ones
 *   (interleaved runs, 2026-12-03).
 * Measured over the bench's long session (2,000-line file, 200 typed edits then 10,000 more,
 * RSS after): see the numbers in the commit that set them.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=8'];

export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };
