// Loaded by VS Code's extension host (--extensionTestsPath): runs the scenario suite with mocha
// and records the outcome in a file, so the runner can tell "tests failed" from "never ran".
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 120_000 });
  mocha.addFile(path.join(__dirname, 'scenarios.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultFile = process.env.GRADIENT_DOCTOR_ELECTRON_RESULT;
      if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(runner.stats ?? { failures }));
      if (failures > 0) reject(new Error(`${failures} scenario(s) failed`));
      else resolve();
    });
  });
}
