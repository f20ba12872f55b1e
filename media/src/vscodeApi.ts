/** The webview side of VS Code's message channel, typed. `acquireVsCodeApi` may be called only once. */
import type { PanelToExtensionMessage } from '../../server/src/engine/protocol';

export interface VsCodeApi<State> {
  postMessage(message: PanelToExtensionMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export function vscodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
