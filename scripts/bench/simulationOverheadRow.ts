/**
 * Row 6 of the bench: the simulation overhead ratio, measured by the empirical engine's own
 * script (scripts/bench/simulationOverhead.ts, owned by the simulation work). Loaded at run time
 * so the rest of the bench runs while that script does not exist yet; the row then says so.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export interface SimulationRow {
  ratio?: number;
  description: string;
  details?: unknown;
}

export async function simulationOverhead(): Promise<SimulationRow> {
  const modulePath = path.join(__dirname, 'simulationOverhead.ts');
  if (!existsSync(modulePath)) return { description: 'scripts/bench/simulationOverhead.ts not present' };
  const loaded = (await import(modulePath)) as { measureSimulationOverhead?: () => Promise<{ ratio: number; description?: string }> };
  if (typeof loaded.measureSimulationOverhead !== 'function') {
    return { description: 'scripts/bench/simulationOverhead.ts exports no measureSimulationOverhead()' };
  }
  const measured = await loaded.measureSimulationOverhead();
  return { ratio: measured.ratio, description: measured.description ?? 'empirical simulation vs analytic', details: measured };
}
