import * as vscode from 'vscode';
import { plainText } from '../core/text';
import { DigestLensSettings, effectiveExtraFolders, readSettings } from '../core/settings';
import { Logger } from './deps';
import { Disposable } from './dispose';

/**
 * Reads and validates `digestLens.*` once per change (not on every hover), warning once per
 * distinct bad value. In an untrusted workspace only user-level `extraFolders` count.
 */
export class SettingsReader extends Disposable {
  private current: DigestLensSettings;
  private readonly warned = new Set<string>();
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: Logger) {
    super();
    this.current = this.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('digestLens')) this.reload();
      }),
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
  }

  get = (): DigestLensSettings => this.current;

  private reload(): void {
    this.current = this.read();
    this.emitter.fire();
  }

  private read(): DigestLensSettings {
    const config = vscode.workspace.getConfiguration('digestLens');
    const { settings, warnings } = readSettings((key) => {
      // Restricted setting: a folder named by an untrusted workspace is not read.
      if (key === 'extraFolders') return effectiveExtraFolders(config.inspect<unknown>(key), vscode.workspace.isTrusted);
      return config.get<unknown>(key);
    });
    for (const w of warnings) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      this.log.warn(w);
      void vscode.window.showWarningMessage(vscode.l10n.t('Digest Lens: {0}', plainText(w)));
    }
    return settings;
  }
}
