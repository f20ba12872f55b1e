/** Every rule has its docs/rules/<id>.md page (linked from each diagnostic) with the same sections. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../server/src/engine/rules';

const DOCS = join(__dirname, '..', '..', '..', 'docs', 'rules');

describe('rule documentation', () => {
  for (const rule of RULES) {
    it(`docs/rules/${rule.meta.id}.md: title, sections, severity setting`, () => {
      const page = readFileSync(join(DOCS, `${rule.meta.id}.md`), 'utf8');
      assert.ok(page.startsWith(`# ${rule.meta.id}\n`));
      for (const section of ['## What it reports', '## Why', '## Examples', '## Fixes', '## Settings']) assert.ok(page.includes(section), section);
      assert.ok(page.includes(`**Default severity:** ${rule.meta.defaultSeverity}`));
      assert.ok(page.includes(`gradientDoctor.severity.${rule.meta.id}`));
    });
  }
});
