/**
 * The file name the engine sees for an open document. Extraction picks the TypeScript script
 * kind (ts, tsx, js, jsx) from the extension, so an untitled buffer borrows one from its language.
 */
import { fileURLToPath } from 'node:url';

const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

const KNOWN_EXTENSION = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

export function documentFileName(uri: string, languageId: string): string {
  const name = uriPath(uri);
  if (KNOWN_EXTENSION.test(name)) return name;
  return name + (EXTENSION_BY_LANGUAGE[languageId] ?? '.ts');
}

function uriPath(uri: string): string {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    return decodeURIComponent(url.pathname) || uri;
  } catch {
    return uri;
  }
}
