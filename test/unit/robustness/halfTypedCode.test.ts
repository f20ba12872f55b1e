/**
 * Half-typed code found to crash analysis, kept as it was typed: a quote typed into an object
 * literal makes the parser read the rest of the line as a string and recover with a JSDoc-style
 * function type whose parameters have no name.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/engine/analyze';

describe('half-typed code', () => {
  it("a quote typed into a preset's config object (the rest of the line read as a string) is analysed, not thrown on", () => {
    const fixture = readFileSync(path.join(__dirname, '../../fixtures/real-world/churn-package-deep-preset-sigmoid-stack.js'), 'utf8');
    const written = "    var config = { units: preset.width, activation: preset.activation };\n    if (preset.init) config.kernelInitializer = preset.init;\n";
    assert.ok(fixture.includes(written));
    const typed = fixture.replace(written, "    var config = { units: preset.width, activation: preset.activation' (preset.init) config.kernelInitializer = preset.init;\n");
    const result = analyze(typed, 'churn-package-deep-preset-sigmoid-stack.js', undefined, { cache: null });
    assert.ok(Array.isArray(result.findings));
  });
});
