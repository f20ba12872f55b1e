/** package.json `contributes.configuration` documents exactly the settings of settings.ts. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '../../../server/src/engine/findings';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/src/engine/settings';

interface ConfigProperty {
  type: string;
  default: unknown;
  scope: string;
  markdownDescription?: string;
  description?: string;
  enum?: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, ConfigProperty> = manifest.contributes.configuration.properties;

/** `severity.vanishing-gradient` -> 'warning', ... for every leaf of the settings object. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf);
  } else {
    out.set(prefix, value);
  }
  return out;
}

describe('settings contributed to VS Code', () => {
  it('one property per setting, same default, resource scope, a description', () => {
    const expected = leaves(DEFAULT_SETTINGS);
    assert.deepEqual(Object.keys(properties).sort(), [...expected.keys()].map((key) => `gradientDoctor.${key}`).sort());
    for (const [key, value] of expected) {
      const property = properties[`gradientDoctor.${key}`];
      assert.deepEqual(property.default, value, key);
      assert.equal(property.scope, 'resource', key);
      assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `${key} is described`);
    }
  });

  it('every rule has a severity setting that can be turned off', () => {
    for (const rule of RULE_IDS) assert.deepEqual(properties[`gradientDoctor.severity.${rule}`].enum, ['error', 'warning', 'info', 'hint', 'off']);
  });

  it('the defaults, nested as VS Code hands them to the server, resolve to DEFAULT_SETTINGS', () => {
    const nested: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(properties)) {
      const path = key.replace(/^gradientDoctor\./, '').split('.');
      let node = nested;
      for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
      node[path[path.length - 1]] = property.default;
    }
    assert.deepEqual(resolveSettings(nested), DEFAULT_SETTINGS);
  });
});
