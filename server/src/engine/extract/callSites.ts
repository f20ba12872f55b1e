/**
 * Where a definition was built from: the calls running when a model was created, outermost
 * first. A call is in the analysed file, or in a file that imports it (importerCalls.ts); builds
 * from different call sites are the candidate variants of the definition (finalize.ts).
 */
import type ts from 'typescript';
import type { Span } from '../ir';
import { codeExcerpt } from '../listPhrase';
import type { ModelState } from './values';

export interface CallSite extends Span {
  /**
   * Set for a call in an importing file: the span is then in that file's text. `item` names the
   * items of the importer's loops the call ran at ("topic = 'wire'"): each is a call of its own.
   */
  importer?: { name: string; line: number; text: string; item?: string };
}

export function sameCallSite(a: CallSite | undefined, b: CallSite | undefined): boolean {
  return a?.start === b?.start && a?.end === b?.end && a?.importer?.name === b?.importer?.name && a?.importer?.item === b?.importer?.item;
}

export function sameCallSites(a: readonly CallSite[], b: readonly CallSite[]): boolean {
  return a.length === b.length && a.every((site, i) => sameCallSite(site, b[i]));
}

/**
 * The build a model value belongs to: itself when it is the definition's first build or a kept
 * rebuild; past the limit of builds, the first build made from the same call sites.
 */
export function buildOf(state: ModelState): ModelState {
  const original = state.aliasOf;
  if (!original || original.rebuilds?.includes(state)) return state;
  if (sameCallSites(original.callSites, state.callSites)) return original;
  return original.rebuilds?.find((build) => sameCallSites(build.callSites, state.callSites)) ?? original;
}

/**
 * "as called at line 42 (buildModel('lstm'))", "as called at lines 42, 57 (...)", and for calls
 * in importing files "as called at train.ts:12 (buildModel('lstm', 64))", and in an importer's
 * loop "as called at run.ts:9 (buildModel(spec)) for topic = 'wire'".
 */
export function describeCallSites(sites: readonly CallSite[], sourceFile: ts.SourceFile): string {
  if (sites.length === 0) return 'as built outside any call';
  const lineOf = (site: CallSite) => sourceFile.getLineAndCharacterOfPosition(site.start).line + 1;
  const local = sites.every((site) => !site.importer);
  const places = local
    ? `line${sites.length > 1 ? 's' : ''} ${sites.map(lineOf).join(', ')}`
    : [...new Set(sites.map((site) => (site.importer ? `${site.importer.name}:${site.importer.line}` : `line ${lineOf(site)}`)))].join(', ');
  const first = sites[0];
  const items = [...new Set(sites.flatMap((site) => (site.importer?.item ? [site.importer.item] : [])))];
  return `as called at ${places} (${codeExcerpt(first.importer ? first.importer.text : sourceFile.text.slice(first.start, first.end))})${items.length > 0 ? ` for ${items.join(' or ')}` : ''}`;
}
