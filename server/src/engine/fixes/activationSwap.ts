/** Swapping a layer's activation together with the initializer that matches it. */
import type { TextEdit } from '../findings';
import type { FileIR, LayerIR } from '../ir';
import { kernelInitializerEdit } from './initializer';
import { setPropertyEdit } from './layerProps';
import { quoted } from './sourceStyle';
import { uniqueEdits } from './edits';

/** A kernel layer and the layer whose `activation` property it goes through (itself, or an activation layer after it). */
export interface ActivationSite {
  kernel: LayerIR;
  writtenOn: LayerIR;
}

/**
 * `activation: '<activation>'` where each site writes it, plus `kernelInitializer: '<initializer>'`
 * on its kernel layer (layers written once in a loop share their spans, so their edits are
 * merged). Undefined when a layer cannot be edited (core API, no config object).
 */
export function activationSwapEdits(
  text: string,
  file: FileIR,
  sites: readonly ActivationSite[],
  activation: string,
  initializer: string,
): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const { kernel, writtenOn } of sites) {
    if (kernel.placement.kind === 'core' || !kernel.configSpan || !writtenOn.configSpan) return undefined;
    const activationEdit = setPropertyEdit(text, writtenOn, 'activation', quoted(text, file, activation));
    const initializerEdit = kernelInitializerEdit(text, file, kernel, initializer);
    if (activationEdit && initializerEdit && activationEdit.start === initializerEdit.start && activationEdit.end === activationEdit.start && initializerEdit.end === initializerEdit.start) {
      // Both properties are new: one insertion, or the two would compete for the same offset.
      edits.push({ ...activationEdit, newText: activationEdit.newText + initializerEdit.newText });
      continue;
    }
    if (activationEdit) edits.push(activationEdit);
    if (initializerEdit) edits.push(initializerEdit);
  }
  return edits.length ? uniqueEdits(edits) : undefined;
}
