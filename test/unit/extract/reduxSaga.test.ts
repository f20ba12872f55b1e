/** redux-saga: the effects a saga yields are run as the middleware runs them (extract/reduxSaga.ts). */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The learning rate and first units of each model a saga builds, after `setup` (store and sagas). */
function built(saga: string, start: string): { lr: unknown; units: unknown }[] {
  const text = `import * as tf from '@tensorflow/tfjs';
import { createStore, applyMiddleware } from 'redux';
import createSagaMiddleware from 'redux-saga';
import { all, apply, call, fork, put, select, take, takeLatest } from 'redux-saga/effects';

const initialState = { hparams: { learningRate: 0.05, units: 48 } };
function reducer(state = initialState, action: { type: string }) {
  return state;
}

function buildModel(units: number, learningRate: number) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' });
  return model;
}
${saga}
const sagaMiddleware = createSagaMiddleware();
const store = createStore(reducer, applyMiddleware(sagaMiddleware));
${start}
`;
  return extractFile(text, 'sagas.ts').models.map((model) => ({ lr: model.training?.optimizer?.learningRate, units: model.layers[0]?.units }));
}

describe('extraction of redux-saga flows', () => {
  it("select reads the store's initial state and call runs the builder with it", () => {
    const saga = `function* train() {
  const hp = yield select((state: typeof initialState) => state.hparams);
  yield call(buildModel, hp.units, hp.learningRate);
}
function* rootSaga() {
  yield all([fork(function* watch() { yield take('train'); yield call(train); })]);
}`;
    assert.deepEqual(built(saga, 'sagaMiddleware.run(rootSaga);'), [{ lr: 0.05, units: 48 }]);
  });

  it('a watcher runs its saga; apply(context, fn, args) and call([context, fn]) run fn on the context', () => {
    const saga = `const trainer = { build: buildModel };
function* train() {
  const { units } = yield select((state: typeof initialState) => state.hparams);
  yield apply(trainer, trainer.build, [units, 0.002]);
  const model = yield call([trainer, trainer.build], 16, 0.003);
  yield put({ type: 'trained', model });
}
function* rootSaga() {
  yield takeLatest('train', train);
}`;
    assert.deepEqual(built(saga, 'sagaMiddleware.run(rootSaga);'), [{ lr: 0.002, units: 48 }, { lr: 0.003, units: 16 }]);
  });

  it('a yield of no effect sends back nothing known', () => {
    const saga = `function* train() {
  const hp = yield initialState.hparams;
  yield call(buildModel, 8, hp.learningRate);
}
function* rootSaga() {
  yield call(train);
}`;
    assert.deepEqual(built(saga, 'sagaMiddleware.run(rootSaga);'), [{ lr: undefined, units: 8 }]);
  });
});
