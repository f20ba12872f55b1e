/** Source ranges start at a node's first token whatever precedes it (blanks, comments, line breaks). */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const TRIVIA: Record<string, string> = {
  'nothing': '',
  'one space': ' ',
  'two spaces': '  ',
  'a tab': '\t',
  'a block comment': ' /* a note */ ',
  'a comment without blanks': '/*c*/',
  'a line comment': ' // note\n',
  'CRLF and indentation': '\r\n    ',
  'a no-break space': '\u00a0',
  'a line separator': ' \u2028',
  'a vertical tab': '\v',
};

describe('extraction spans', () => {
  for (const [label, trivia] of Object.entries(TRIVIA)) {
    it(`start at the token after ${label}`, () => {
      const text = `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({ layers: [tf.layers.dense({${trivia}units:${trivia}4,${trivia}activation: 'relu' })] });\n`;
      const layer = extractFile(text, 'spans.ts').models[0].layers[0];
      const units = text.indexOf('units:');
      assert.deepEqual(layer.props.units.span, { start: units, end: text.indexOf(',', units) });
      assert.equal(layer.props.units.valueSpan.start, text.indexOf('4', units));
      assert.equal(layer.props.activation.span.start, text.indexOf('activation'));
      assert.equal(layer.span.start, text.indexOf('tf.layers.dense'));
    });
  }
});
