/**
 * Fix helpers other parts of Gradient Doctor call (the LSP code actions, the CLI `fix` command,
 * the panel's "as fixed" view):
 *  - `applyEdits(text, edits)`: the text after non-conflicting offset edits (duplicates applied once);
 *  - `fixAllEdits(text, findings, rule?)`: the preferred fixes of all findings (of one rule when
 *    given) combined without conflicts, identical helper insertions kept once. Apply, re-analyse
 *    and repeat until nothing changes to get everything (`runFix` does).
 * The builders of individual fixes live beside this file, one concept per module.
 */
export { applyEdits } from './edits';
export { fixAllEdits } from './fixAll';
