/**
 * Every fixed text type-checks against the real @tensorflow/tfjs types: the preferred-fix outputs
 * of every rule table, every other fix offered there (each applied alone), and the sick examples
 * after `fix`. One ts.createProgram over files written to a temporary folder inside the project
 * (so `@tensorflow/tfjs` resolves from node_modules).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { fixText } from '../../../server/src/cli/fix';
import { ALL_RULE_CASES } from '../rules/cases';
import { applyEdits } from '../../../server/src/engine/fixes';
import { DEFAULT_FILE_NAME, findingsOf } from '../rules/ruleTester';

const PROJECT_ROOT = join(__dirname, '..', '..', '..');
const SICK_EXAMPLES = join(PROJECT_ROOT, 'examples', 'sick');

interface FixedFile {
  label: string;
  extension: string;
  text: string;
}

function fixedFiles(): FixedFile[] {
  const files: FixedFile[] = [];
  for (const cases of ALL_RULE_CASES) {
    cases.invalid.forEach((testCase, i) => {
      const fileName = testCase.fileName ?? DEFAULT_FILE_NAME;
      const extension = fileName.replace(/^.*\./, '.');
      const label = `${cases.rule} #${i + 1} (${testCase.name})`;
      if (testCase.output !== undefined) files.push({ label, extension, text: testCase.output });
      // The other fixes offered (not preferred) must type-check too, each applied on its own.
      for (const finding of findingsOf(cases.rule, testCase.code, fileName, testCase.settings)) {
        for (const fix of finding.fixes.filter((candidate) => !candidate.preferred)) {
          files.push({ label: `${label}, fix "${fix.title}"`, extension, text: applyEdits(testCase.code, fix.edits) });
        }
      }
    });
  }
  for (const name of readdirSync(SICK_EXAMPLES)) {
    const path = join(SICK_EXAMPLES, name);
    files.push({ label: `examples/sick/${name} after fix`, extension: name.replace(/^.*\./, '.'), text: fixText(readFileSync(path, 'utf8'), path).text });
  }
  return files;
}

describe('fixed outputs type-check against @tensorflow/tfjs', () => {
  it('one program over every fixed text has no diagnostics', function () {
    this.timeout(120_000);
    const files = fixedFiles();
    assert.ok(files.length >= 25, `expected the fixed outputs of every table, got ${files.length}`);
    const dir = mkdtempSync(join(PROJECT_ROOT, '.typecheck-'));
    try {
      const labels = new Map<string, string>();
      const paths = files.map((file, i) => {
        const path = join(dir, `fixed${i}${file.extension}`);
        writeFileSync(path, file.text);
        labels.set(path, file.label);
        return path;
      });
      // The page of the script-tag cases loads tfjs as the global `tf`; every other file is a
      // module (moduleDetection Force) whose own import or require of tfjs shadows it.
      const pageGlobals = join(dir, 'script-tag-globals.d.ts');
      writeFileSync(pageGlobals, "declare const tf: typeof import('@tensorflow/tfjs');\n");
      paths.push(pageGlobals);
      const program = ts.createProgram(paths, {
        noEmit: true,
        strict: true,
        // JavaScript users write no parameter types; everything else stays strict.
        noImplicitAny: false,
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        moduleDetection: ts.ModuleDetectionKind.Force,
        esModuleInterop: true,
        allowJs: true,
        checkJs: true,
        skipLibCheck: true,
        lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
        types: ['node'],
      });
      const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
        const where = diagnostic.file ? labels.get(diagnostic.file.fileName) ?? diagnostic.file.fileName : 'program';
        const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
        return `${where}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
      assert.deepEqual(problems, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
