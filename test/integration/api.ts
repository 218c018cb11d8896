import * as vscode from 'vscode';
import type { DigestLensApi, DigestLensServices } from '../../src/extension';

export const EXTENSION_ID = 'digest-lens.digest-lens';

/** Activates the extension under test and waits for its corpus. */
export async function getApi(): Promise<DigestLensApi> {
  const ext = vscode.extensions.getExtension<DigestLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

/** The named service of the extension API, typed; fails the test when the feature did not start. */
export function serviceOf<K extends keyof DigestLensServices>(api: DigestLensApi, name: K): NonNullable<DigestLensServices[K]> {
  const s = api.services[name];
  if (s === undefined) throw new Error(`the extension exposes no "${name}" service (it failed to start)`);
  return s as NonNullable<DigestLensServices[K]>;
}

/** Polls `probe` until it returns a value other than undefined (UI updates are asynchronous). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True in the browser's web-worker extension host (false in a Node extension host). */
export const isWebHost = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';

/**
 * The Digest Lens card at `position`, or undefined. Other providers (language servers) may
 * answer too; ours is the one carrying its commands or its "not in the corpus" text.
 */
export async function cardAt(doc: vscode.TextDocument, position: vscode.Position): Promise<{ value: string; hover: vscode.Hover } | undefined> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  for (const hover of hovers) {
    for (const c of hover.contents) {
      const value = typeof c === 'string' ? c : c.value;
      if (value.includes('command:digestLens.') || value.includes('not in the digest corpus')) return { value, hover };
    }
  }
  return undefined;
}

/** The markdown of the Digest Lens card at `position`, or undefined. */
export async function cardTextAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string | undefined> {
  return (await cardAt(doc, position))?.value;
}
