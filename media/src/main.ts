/**
 * Entry point of dist/webview.js. The same bundle runs twice: as the panel page, and as the
 * page's simulation worker (so tfjs never blocks the page).
 */
import { startPanel } from './panel';
import { runSimulationWorker } from './simulationWorker';

if (typeof document === 'undefined') runSimulationWorker(self as unknown as Parameters<typeof runSimulationWorker>[0]);
else startPanel();
