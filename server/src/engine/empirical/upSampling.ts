/**
 * upSampling2d for the empirical engine. tfjs's layer computes nearest-neighbour upsampling with
 * tf.image.resizeNearestNeighbor, whose gradient kernel in tfjs-backend-cpu 4.22
 * (ResizeNearestNeighborGrad) offsets dy by the INPUT's batch stride (`batchOffset` is
 * b · imagesStrides[0] where dy needs b · dyStrides[0]): with a batch of more than one example,
 * every example after the first receives another example's (or garbage) gradient. Measured
 * gradients through tfjs's own layer are therefore wrong; test/unit/empirical/upSampling.test.ts
 * shows it with a finite-difference check.
 *
 * The same forward values (alignCorners false, halfPixelCenters false: output row r reads input
 * row floor(r / size)) come from repeating every value `size` times along each axis with reshape
 * and rank-3 tiles, whose gradients are correct. Bilinear upsampling keeps tfjs's layer (its CPU
 * gradient indexes dy correctly).
 */
import * as tf from '@tensorflow/tfjs';

export class NearestUpSampling2D extends tf.layers.Layer {
  static className = 'GradientDoctorNearestUpSampling2D';

  constructor(private readonly size: [number, number]) {
    super({});
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, rows, cols, depth] = inputShape as tf.Shape;
    const scale = (n: number | null, k: number) => (n === null ? null : n * k);
    return [batch, scale(rows, this.size[0]), scale(cols, this.size[1]), depth];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [batch, rows, cols, depth] = x.shape;
      const [sr, sc] = this.size;
      // Rank-3 tiles (tfjs has no tile gradient above rank 5): columns first, then rows.
      const wide = x.reshape([batch * rows * cols, 1, depth]).tile([1, sc, 1]);
      const tall = wide.reshape([batch * rows, 1, cols * sc * depth]).tile([1, sr, 1]);
      return tall.reshape([batch, rows * sr, cols * sc, depth]);
    });
  }

  override getClassName(): string {
    return NearestUpSampling2D.className;
  }
}
