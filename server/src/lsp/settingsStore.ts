/**
 * Settings per document. With `workspace/configuration` the client is asked for the
 * `gradientDoctor` section scoped to the document (answers are cached until the configuration
 * changes); without it, the last `didChangeConfiguration` payload applies to every document.
 * Whatever the client answers (null, garbage, a partial object) goes through `resolveSettings`.
 */
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from '../engine/settings';

export const SETTINGS_SECTION = 'gradientDoctor';

export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private global: Settings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly clientHasConfiguration: boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.clientHasConfiguration) return Promise.resolve(this.global);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(resolveSettings, (error) => {
        this.connection.console.warn(`workspace/configuration failed, using defaults: ${String(error)}`);
        return DEFAULT_SETTINGS;
      });
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** `didChangeConfiguration`: drop cached answers; a push-style payload becomes the global settings. */
  changed(payload: unknown): void {
    this.perDocument.clear();
    const section = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
    this.global = resolveSettings(section);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }
}
