/** `formatSarif`: SARIF 2.1.0 that validates against the official JSON schema (draft-04, via ajv). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { formatSarif } from '../../../server/src/cli/sarif';
import type { CheckedFile } from '../../../server/src/cli/checkedFile';
import { analyze } from '../../../server/src/engine/analyze';
import { RULE_IDS } from '../../../server/src/engine/findings';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function checked(relativePath: string): CheckedFile {
  const text = readFileSync(join(ROOT, relativePath), 'utf8');
  return { path: relativePath, text, findings: analyze(text, relativePath).findings };
}

function validator() {
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
  addFormats(ajv); // uri, uri-reference, date-time are checked too
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
}

describe('SARIF output', () => {
  const files = ['examples/sick/deep-sigmoid-classifier.ts', 'examples/sick/wide-init-regressor.js', 'examples/healthy/relu-he-mlp.ts'].map(checked);
  const log = JSON.parse(JSON.stringify(formatSarif(files)));

  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = validator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  });

  it('the schema check rejects a broken log (the validation is real)', () => {
    const validate = validator();
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete broken.version;
    assert.equal(validate(broken), false);
  });

  it('carries rule metadata with help URIs to docs/rules/<id>.md', () => {
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string; shortDescription: { text: string } }[];
    assert.deepEqual(rules.map((rule) => rule.id).sort(), [...RULE_IDS].sort());
    for (const rule of rules) {
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.ok(rule.shortDescription.text.length > 10);
    }
  });

  it('locates every finding with 1-based lines and columns and the right rule index', () => {
    const results = log.runs[0].results;
    const expected = files.flatMap((file) => file.findings.map((finding) => ({ file, finding })));
    assert.equal(results.length, expected.length);
    assert.ok(results.length > 0);
    results.forEach((result: any, i: number) => {
      const { file, finding } = expected[i];
      const region = result.locations[0].physicalLocation.region;
      const before = file.text.slice(0, finding.span.start);
      assert.equal(region.startLine, before.split('\n').length);
      assert.equal(region.startColumn, finding.span.start - before.lastIndexOf('\n'));
      assert.equal(result.ruleId, finding.rule);
      assert.equal(log.runs[0].tool.driver.rules[result.ruleIndex].id, finding.rule);
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, file.path);
    });
  });
});
