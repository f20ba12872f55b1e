/** Example model files used as documents by the LSP and CLI tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './ensureBuilt';

export function exampleText(relativePath: string): string {
  return readFileSync(join(REPO_ROOT, 'examples', relativePath), 'utf8');
}

/** Eight sigmoid layers with glorotUniform: vanishing-gradient on the hidden layers. */
export const SICK_SIGMOID = 'sick/deep-sigmoid-classifier.ts';
/** relu + heUniform MLP: no findings. */
export const HEALTHY_RELU = 'healthy/relu-he-mlp.ts';
/** Four relu layers with randomNormal(stddev 0.5): large-init-scale on each, exploding-gradient. */
export const WIDE_INIT = 'sick/wide-init-regressor.js';
