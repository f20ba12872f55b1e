/**
 * Code actions for the findings under the cursor: each fix as a quick fix (the rule's preferred
 * one marked `isPreferred`), and a link to the rule's documentation.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocUrl, type Finding } from '../engine/findings';
import { SHOW_DOCUMENTATION_COMMAND } from '../engine/protocol';
import { toDiagnostic } from './diagnostics';
import { toWorkspaceEdit } from './workspaceEdit';

export interface CodeActionContext {
  document: TextDocument;
  findings: readonly Finding[];
  versionedEdits: boolean;
}

export function codeActions(params: CodeActionParams, context: CodeActionContext): CodeAction[] {
  const { document } = context;
  if (!kindRequested(params.context.only, CodeActionKind.QuickFix)) return [];
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const touched = context.findings.filter((finding) => finding.span.start <= end && start <= finding.span.end);

  const actions: CodeAction[] = [];
  for (const finding of touched) actions.push(...quickFixes(finding, context));
  for (const rule of new Set(touched.map((finding) => finding.rule))) {
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

/** LSP kinds are hierarchical: asking for `source` includes `source.fixAll.gradientDoctor`. */
export function kindRequested(only: string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
