/** Loading the fixture models (test/fixtures/models), with the fixture directory as the workspace. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFile } from '../../../server/src/engine/extract';
import type { FileIR } from '../../../server/src/engine/ir';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/models');

/** The workspace as the server would expose it to `options.readFile`: the fixture directory. */
export function readWorkspaceFile(fileName: string): string | undefined {
  return fileName.startsWith(FIXTURES) && fs.existsSync(fileName) && fs.statSync(fileName).isFile() ? fs.readFileSync(fileName, 'utf8') : undefined;
}

export function extractFixture(name: string, withWorkspace = true): { text: string; file: FileIR } {
  const fileName = path.join(FIXTURES, name);
  const text = fs.readFileSync(fileName, 'utf8');
  return { text, file: extractFile(text, fileName, withWorkspace ? { readFile: readWorkspaceFile } : {}) };
}

export function fixtureNames(): string[] {
  return fs.readdirSync(FIXTURES).filter((name) => /\.(ts|js|mjs|cjs|tsx|jsx)$/.test(name));
}

