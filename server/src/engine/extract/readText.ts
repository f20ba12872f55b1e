/** A workspace file's text through a reader that may throw (the CLI's does for a file that does not exist). */
import type { ReadFile } from './context';

/** The file's text; undefined when it cannot be read. */
export function readText(readFile: ReadFile, fileName: string): string | undefined {
  try {
    return readFile(fileName);
  } catch {
    return undefined;
  }
}
