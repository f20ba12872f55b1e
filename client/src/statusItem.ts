/**
 * The status bar item: the server's state (starting, running, restarting, stopped) and the time
 * of the last analysis, with why a document was skipped or failed in the tooltip. Clicking it
 * shows the server's output.
 */
import * as vscode from 'vscode';
import type { ServerStatus } from '../../server/src/engine/protocol';

export const SHOW_OUTPUT_COMMAND = 'gradientDoctor.showOutput';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gradientDoctor.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Gradient Doctor';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.show('$(sync~spin) Gradient Doctor', 'Gradient Doctor: starting the language server');
  }

  running(): void {
    this.show('$(pulse) Gradient Doctor', 'Gradient Doctor: language server running');
  }

  restarting(delayMs: number): void {
    this.show('$(sync~spin) Gradient Doctor', `Gradient Doctor: the language server stopped; restarting in ${Math.round(delayMs / 1000)} s`, true);
  }

  stopped(reason: string): void {
    this.show('$(error) Gradient Doctor', `Gradient Doctor: ${reason}`, true);
  }

  /** A `gradientDoctor/status` notification from the server. */
  analysed(status: ServerStatus): void {
    const time = status.lastAnalysisMs === undefined ? '' : ` ${formatMs(status.lastAnalysisMs)}`;
    const file = status.uri ? ` of ${vscode.Uri.parse(status.uri).path.split('/').pop()}` : '';
    const detail = status.message ? `\n${status.message}` : '';
    if (status.state === 'error') {
      this.show(`$(warning) Gradient Doctor${time}`, `Gradient Doctor: last analysis${file} failed (see output)${detail}`, true);
    } else {
      this.show(`$(pulse) Gradient Doctor${time}`, `Gradient Doctor: last analysis${file} took${time}${detail}`);
    }
  }

  dispose(): void {
    this.item.dispose();
  }

  private show(text: string, tooltip: string, warn = false): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
