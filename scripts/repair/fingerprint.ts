/**
 * What decides a case's training, hashed: the harness that trains (this folder and the empirical
 * engine), the backend, both models as built (their IRs with stated sizes), the task, batch,
 * steps and clipping thresholds. Two runs with one fingerprint train the same thing, so a saved
 * result can stand in for a new run (`npm run repair-check -- --reuse FILE`).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const HARNESS_DIRS = [__dirname, path.resolve(__dirname, '../../server/src/engine/empirical')];

let harness: string | undefined;

/** The hash of every source file of the harness, read once per process. */
function harnessHash(): string {
  if (harness === undefined) {
    const hash = createHash('sha256');
    for (const dir of HARNESS_DIRS) {
      for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) {
        hash.update(name).update(fs.readFileSync(path.join(dir, name)));
      }
    }
    harness = hash.digest('hex');
  }
  return harness;
}

export function caseFingerprint(inputs: object): string {
  return createHash('sha256').update(harnessHash()).update(JSON.stringify(inputs)).digest('hex').slice(0, 32);
}
