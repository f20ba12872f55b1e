/**
 * The push debounce (server/src/lsp/pushScheduler.ts): one validation per burst, the analysis
 * prepared halfway through the debounce so the push itself needs none, and nothing for versions a
 * newer change replaced. Assertions are on the order of calls, never on durations.
 */
import assert from 'node:assert/strict';
import { PushScheduler } from '../../../server/src/lsp/pushScheduler';

function recorder(): { calls: string[]; scheduler: PushScheduler; validated: Promise<void> } {
  const calls: string[] = [];
  let done: () => void = () => undefined;
  const validated = new Promise<void>((resolve) => (done = resolve));
  const scheduler = new PushScheduler(
    async (uri) => {
      calls.push(`validate ${uri}`);
      done();
    },
    async (uri) => {
      calls.push(`prepare ${uri}`);
    },
  );
  return { calls, scheduler, validated };
}

describe('push scheduler', () => {
  it('prepares the analysis before the debounce ends, then validates once', async () => {
    const { calls, scheduler, validated } = recorder();
    scheduler.schedule('a.ts', 40);
    await validated;
    assert.deepEqual(calls, ['prepare a.ts', 'validate a.ts']);
  });

  it('a burst of changes costs one preparation and one validation', async () => {
    const { calls, scheduler, validated } = recorder();
    for (let i = 0; i < 5; i++) scheduler.schedule('a.ts', 40);
    await validated;
    assert.deepEqual(calls, ['prepare a.ts', 'validate a.ts']);
  });

  it('validates at once without preparing when there is no debounce (open, save)', async () => {
    const { calls, scheduler, validated } = recorder();
    scheduler.schedule('a.ts', 0);
    await validated;
    assert.deepEqual(calls, ['validate a.ts']);
  });

  it('a cancelled document gets neither', async () => {
    const { calls, scheduler } = recorder();
    scheduler.schedule('a.ts', 20);
    scheduler.cancel('a.ts');
    const other = recorder();
    other.scheduler.schedule('b.ts', 60);
    await other.validated;
    assert.deepEqual(calls, []);
  });
});
