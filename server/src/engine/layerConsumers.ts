/**
 * Which layers take a layer's output: the graph read forwards, as rules that follow a kernel
 * layer to what comes after it (its activation layer, the next kernel layer) need it.
 */
import type { LayerIR, ModelIR } from './ir';

/** Per model, the layers each layer feeds, each once: computed once, rules ask per layer. */
const consumersByModel = new WeakMap<ModelIR, number[][]>();

function consumers(model: ModelIR): number[][] {
  let lists = consumersByModel.get(model);
  if (!lists) {
    lists = model.layers.map(() => []);
    for (const layer of model.layers) {
      for (const input of layer.inputs) {
        const list = lists[input];
        // A layer that takes the same input twice (add([x, x])) is one consumer.
        if (list && list[list.length - 1] !== layer.index) list.push(layer.index);
      }
    }
    consumersByModel.set(model, lists);
  }
  return lists;
}

/** The one layer that takes `layer`'s output, if exactly one does. */
export function soleConsumer(model: ModelIR, layer: LayerIR): LayerIR | undefined {
  const next = consumers(model)[layer.index];
  return next?.length === 1 ? model.layers[next[0]] : undefined;
}
