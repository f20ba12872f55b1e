// Polls a condition until it holds. A timeout is a test failure that says what was awaited and
// what was last seen, so a red run explains itself without re-running.

/**
 * `probe` returns `{ ok, seen }`: `ok` ends the wait, `seen` describes the current state
 * (reported on timeout) and is what `waitUntil` resolves with.
 */
async function waitUntil(what, probe, { timeoutMs, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  let last = { ok: false, seen: '(never probed)' };
  for (;;) {
    try {
      last = await probe();
    } catch (error) {
      last = { ok: false, seen: `probe threw: ${error.message}` };
    }
    if (last.ok) return last.seen;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const seen = typeof last.seen === 'string' ? last.seen : JSON.stringify(last.seen, null, 2);
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last seen:\n${seen}`);
}

module.exports = { waitUntil };
