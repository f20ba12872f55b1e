/** Findings (engine offsets) -> LSP diagnostics (positions of the exact document version analysed). */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocUrl, type Finding, type Severity } from '../engine/findings';
import type { Span } from '../engine/ir';

export const DIAGNOSTIC_SOURCE = 'gradient-doctor';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function spanToRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  return {
    range: spanToRange(document, finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocUrl(finding.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    relatedInformation: finding.related.map((related) => ({
      location: { uri: document.uri, range: spanToRange(document, related.span) },
      message: related.message,
    })),
  };
}
