/** The client's restart policy for a dying language server (client/src/restartBackoff.ts). */
import assert from 'node:assert/strict';
import { RestartBackoff } from '../../client/src/restartBackoff';

describe('client restart backoff', () => {
  const options = { initialDelayMs: 1000, maxDelayMs: 5000, maxRestarts: 4, healthyAfterMs: 60_000 };

  it('doubles the delay after each crash up to the cap, then gives up', () => {
    let now = 0;
    const backoff = new RestartBackoff(options, () => now);
    const delays = [];
    for (let i = 0; i < 5; i++) {
      delays.push(backoff.nextDelay());
      now += 10; // crashes right after each restart
      backoff.started();
    }
    assert.deepEqual(delays, [1000, 2000, 4000, 5000, undefined]);
  });

  it('starts afresh after the server stayed up long enough, or after a manual restart', () => {
    let now = 0;
    const backoff = new RestartBackoff(options, () => now);
    backoff.nextDelay();
    backoff.nextDelay();
    assert.equal(backoff.nextDelay(), 4000);
    backoff.started();
    now += 60_000;
    assert.equal(backoff.nextDelay(), 1000);
    backoff.nextDelay();
    backoff.reset();
    assert.equal(backoff.nextDelay(), 1000);
  });
});
