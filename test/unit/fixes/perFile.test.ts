/** answerOncePerFile: whole-text answers the fixes share across the models of one analysed file. */
import assert from 'node:assert/strict';
import { answerOncePerFile } from '../../../server/src/engine/fixes/perFile';
import type { FileIR } from '../../../server/src/engine/ir';

const fileIR = (): FileIR => ({ fileName: 'a.ts', models: [], afterImports: 0, hasSyntaxErrors: false });

describe('answerOncePerFile', () => {
  it('scans once per file and question', () => {
    const file = fileIR();
    let scans = 0;
    const scan = (text: string) => {
      scans++;
      return text.includes('tidy');
    };
    assert.equal(answerOncePerFile('tf.tidy()', file, 'uses tidy', scan), true);
    assert.equal(answerOncePerFile('tf.tidy()', file, 'uses tidy', scan), true);
    assert.equal(scans, 1);
    assert.equal(answerOncePerFile('tf.tidy()', file, 'uses train', (text) => text.includes('train')), false);
  });

  it('scans again for another analysis (a new FileIR) or another text', () => {
    const first = fileIR();
    assert.equal(answerOncePerFile('tidy', first, 'uses tidy', (text) => text.includes('tidy')), true);
    assert.equal(answerOncePerFile('none', fileIR(), 'uses tidy', (text) => text.includes('tidy')), false);
    assert.equal(answerOncePerFile('none', first, 'uses tidy', (text) => text.includes('tidy')), false);
  });

  it('keeps undefined answers too', () => {
    const file = fileIR();
    let scans = 0;
    const scan = () => {
      scans++;
      return undefined;
    };
    answerOncePerFile('x', file, 'span of x', scan);
    answerOncePerFile('x', file, 'span of x', scan);
    assert.equal(scans, 1);
  });
});
