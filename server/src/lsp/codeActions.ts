/**
 * Code actions. Under the cursor: each fix of each finding as a quick fix (the rule's preferred
 * one marked `isPreferred`), "fix all <rule> problems" when the file has several, "disable
 * <rule>" for the line or the file, and the rule's documentation. On request (`editor.codeActionsOnSave`): `source.fixAll.gradientDoctor`.
 * Every edit carries the document version it was computed for.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocUrl, type Finding, type RuleId } from '../engine/findings';
import { fixAllEdits } from '../engine/fixes';
import { FIX_ALL_CODE_ACTION_KIND, SHOW_DOCUMENTATION_COMMAND } from '../engine/protocol';
import { disableEdit } from '../engine/suppressions';
import { toDiagnostic } from './diagnostics';
import { toWorkspaceEdit } from './workspaceEdit';

export interface CodeActionContext {
  document: TextDocument;
  findings: readonly Finding[];
  versionedEdits: boolean;
}

export function codeActions(params: CodeActionParams, context: CodeActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (kindRequested(only, CodeActionKind.QuickFix)) actions.push(...actionsUnderCursor(params, context));
  // Source actions only when asked for by kind, as VS Code does on save.
  if (only !== undefined && kindRequested(only, FIX_ALL_CODE_ACTION_KIND)) actions.push(...fixAllInFile(context));
  return actions;
}

function actionsUnderCursor(params: CodeActionParams, context: CodeActionContext): CodeAction[] {
  const { document } = context;
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const touched = context.findings.filter((finding) => finding.span.start <= end && start <= finding.span.end);

  const actions = touched.flatMap((finding) => quickFixes(finding, context));
  // One "fix all", "disable" and "documentation" per rule, however many of its findings are touched.
  const firstOfRule = new Map<RuleId, Finding>();
  for (const finding of touched) if (!firstOfRule.has(finding.rule)) firstOfRule.set(finding.rule, finding);
  for (const [rule, finding] of firstOfRule) {
    const fixable = context.findings.filter((other) => other.rule === rule && other.fixes.some((fix) => fix.preferred));
    if (fixable.length > 1) actions.push(fixAllOfRule(rule, context));
    actions.push(disable(finding, 'line', context), disable(finding, 'file', context));
    actions.push({
      title: `Show documentation for ${rule}`,
      kind: CodeActionKind.QuickFix,
      command: { title: `Show documentation for ${rule}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [ruleDocUrl(rule)] },
    });
  }
  return actions;
}

function quickFixes(finding: Finding, context: CodeActionContext): CodeAction[] {
  const diagnostic = toDiagnostic(context.document, finding);
  return finding.fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
    edit: toWorkspaceEdit(context.document, fix.edits, context.versionedEdits),
  }));
}

function fixAllOfRule(rule: RuleId, context: CodeActionContext): CodeAction {
  const edits = fixAllEdits(context.document.getText(), context.findings, rule);
  return { title: `Fix all ${rule} problems in file`, kind: CodeActionKind.QuickFix, edit: toWorkspaceEdit(context.document, edits, context.versionedEdits) };
}

function disable(finding: Finding, scope: 'line' | 'file', context: CodeActionContext): CodeAction {
  const edit = disableEdit(context.document.getText(), finding, scope);
  return {
    title: `Disable ${finding.rule} for this ${scope}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toDiagnostic(context.document, finding)],
    edit: toWorkspaceEdit(context.document, [edit], context.versionedEdits),
  };
}

function fixAllInFile(context: CodeActionContext): CodeAction[] {
  const edits = fixAllEdits(context.document.getText(), context.findings);
  if (edits.length === 0) return [];
  return [{ title: 'Fix all Gradient Doctor problems', kind: FIX_ALL_CODE_ACTION_KIND, edit: toWorkspaceEdit(context.document, edits, context.versionedEdits) }];
}

/** LSP kinds are hierarchical: asking for `source` includes `source.fixAll.gradientDoctor`. */
export function kindRequested(only: string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
