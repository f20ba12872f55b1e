/** jQuery plugins: `$.fn.x` called as `$(selector).x(options)`, settings merged with `$.extend`. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const plugin = (call: string) => `/* global jQuery, tf */
(function ($) {
  $.fn.trainer = function (options) {
    var settings = $.extend({}, $.fn.trainer.defaults, options);
    var model = tf.sequential();
    model.add(tf.layers.simpleRNN({ inputShape: [settings.steps, 3], units: 8 }));
    model.compile({ optimizer: tf.train.adam(settings.rate), loss: 'meanSquaredError' });
    return this;
  };
  $.fn.trainer.defaults = { steps: 120, rate: 0.001 };
  $(function () { ${call} });
})(jQuery);
`;

function built(text: string) {
  return extractFile(text, 'plugin.js').models.map((model) => ({ lr: model.training?.optimizer?.learningRate, steps: model.layers[0]?.inputShape?.[0] }));
}

describe('extraction of jQuery plugins', () => {
  it('$(selector).plugin(options) runs the plugin with the defaults merged under the options', () => {
    assert.deepEqual(built(plugin("$('.panel').trainer({ rate: 0.004 });")), [{ lr: 0.004, steps: 120 }]);
  });

  it('$.extend(true, ...) merges deeply', () => {
    const text = plugin("$('.panel').trainer({ rate: 0.002 });").replace('$.extend({}, ', '$.extend(true, {}, ');
    assert.deepEqual(built(text), [{ lr: 0.002, steps: 120 }]);
  });
});
