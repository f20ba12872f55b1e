/** Redux Toolkit: a thunk the file dispatches reads the store's state as its slices start it. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const program = (importLine: string, dispatch: string) => `${importLine}
import * as tf from '@tensorflow/tfjs';
const trainerSlice = createSlice({
  name: 'trainer',
  initialState: { hparams: { learningRate: 0.05, units: 48 } },
  reducers: {
    setRate(state, action) { state.hparams.learningRate = action.payload; },
    loaded(state, action) { Object.assign(state.hparams, action.payload); },
    reset: () => ({ hparams: { learningRate: 0.001, units: 8 } }),
  },
});
export const train = createAsyncThunk('trainer/train', async (_, { getState }) => {
  const hp = getState().trainer.hparams;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: hp.units })] });
  model.compile({ optimizer: tf.train.adam(hp.learningRate), loss: 'meanSquaredError' });
});
export const store = configureStore({ reducer: { trainer: trainerSlice.reducer } });
${dispatch}
`;

function built(text: string) {
  return extractFile(text, 'store.ts').models.map((model) => ({ lr: model.training?.optimizer?.learningRate, units: model.layers[0]?.units }));
}

describe('extraction of Redux Toolkit stores', () => {
  it('store.dispatch(thunk()) runs the creator with getState() giving the initial state', () => {
    assert.deepEqual(built(program("import { configureStore, createAsyncThunk, createSlice } from '@reduxjs/toolkit';", 'store.dispatch(train());')), [{ lr: 0.05, units: 48 }]);
  });

  it('through require, with a root reducer that is one slice', () => {
    const text = program("const { configureStore, createAsyncThunk, createSlice } = require('@reduxjs/toolkit');", 'store.dispatch(train());')
      .replace('getState().trainer.hparams', 'getState().hparams')
      .replace('reducer: { trainer: trainerSlice.reducer }', 'reducer: trainerSlice.reducer');
    assert.deepEqual(built(text), [{ lr: 0.05, units: 48 }]);
  });

  it('a thunk nobody dispatches here runs as code nobody calls: its state is not known', () => {
    assert.deepEqual(built(program("import { configureStore, createAsyncThunk, createSlice } from '@reduxjs/toolkit';", '')), [{ lr: undefined, units: undefined }]);
  });

  const IMPORT = "import { configureStore, createAsyncThunk, createSlice } from '@reduxjs/toolkit';";
  const ACTIONS = 'const { setRate, loaded, reset } = trainerSlice.actions;';

  it('a slice action dispatched before the thunk runs its reducer: the thunk reads the changed state', () => {
    assert.deepEqual(built(program(IMPORT, `${ACTIONS}\nstore.dispatch(setRate(0.2));\nstore.dispatch(train());`)), [{ lr: 0.2, units: 48 }]);
    assert.deepEqual(built(program(IMPORT, `${ACTIONS}\nstore.dispatch(loaded({ units: 96 }));\nstore.dispatch(train());`)), [{ lr: 0.05, units: 96 }]);
  });

  it('a reducer that returns a state replaces it', () => {
    assert.deepEqual(built(program(IMPORT, `${ACTIONS}\nstore.dispatch(reset());\nstore.dispatch(train());`)), [{ lr: 0.001, units: 8 }]);
  });

  it('a dispatch inside a user-event handler is undone after it, as its other writes', () => {
    const handler = `${ACTIONS}\ndocument.getElementById('fast').addEventListener('click', () => store.dispatch(loaded({ learningRate: 0.9 })));\nstore.dispatch(train());`;
    assert.deepEqual(built(program(IMPORT, handler)), [{ lr: 0.05, units: 48 }]);
  });
});
