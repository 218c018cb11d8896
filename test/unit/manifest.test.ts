import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../src/core/commands';

// Tests run from out/test/unit; the repository root is three levels up.
const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));

interface Step {
  id: string;
  description: string;
  media: Record<string, unknown>;
}

const manifest = readJson('package.json');
const en: Record<string, string> = readJson('package.nls.json');
const ru: Record<string, string> = readJson('package.nls.ru.json');
const nlsKey = (value: string) => /^%(.+)%$/.exec(value)?.[1];

/** `[label](command:id?args)` links of a walkthrough text, with their decoded arguments. */
function commandLinks(text: string): { command: string; args: unknown[] }[] {
  return [...text.matchAll(/\]\(command:([\w.-]+)(?:\?([^)\s]+))?\)/g)].map((m) => ({
    command: m[1],
    args: m[2] ? JSON.parse(decodeURIComponent(m[2])) : [],
  }));
}

const version = (range: string) => (/(\d+)\.(\d+)\.(\d+)/.exec(range) ?? []).slice(1, 4).map(Number);
const compare = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

describe('manifest', () => {
  const steps: Step[] = manifest.contributes.walkthroughs.flatMap((w: { steps: Step[] }) => w.steps);
  const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const containers = new Set<string>(manifest.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id));
  const settings = new Set(Object.keys(manifest.contributes.configuration.properties));

  it('contributes exactly the commands the registry knows, each once', () => {
    const ids: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.equal(new Set(ids).size, ids.length, 'a command is contributed twice');
    assert.equal(new Set(COMMAND_IDS).size, COMMAND_IDS.length, 'COMMAND_IDS lists a command twice');
    assert.deepEqual([...ids].sort(), [...COMMAND_IDS].sort());
  });

  it('the walkthrough has 3 to 4 steps, each running a real command, in both languages', () => {
    assert.ok(steps.length >= 3 && steps.length <= 4, `${steps.length} steps`);
    for (const step of steps) {
      const key = nlsKey(step.description);
      assert.ok(key && key in en && key in ru, `step ${step.id}: description is not a localized string`);
      const links = commandLinks(en[key]);
      assert.ok(links.length > 0, `step ${step.id} runs no command`);
      assert.deepEqual(commandLinks(ru[key]), links, `step ${step.id}: the Russian text runs other commands`);
      for (const { command, args } of links) {
        if (command.startsWith('digestLens.')) assert.ok(contributed.has(command), `step ${step.id}: ${command} is not contributed`);
        else if (command.startsWith('workbench.view.extension.')) {
          assert.ok(containers.has(command.slice('workbench.view.extension.'.length)), `step ${step.id}: no view container for ${command}`);
        } else if (command === 'workbench.action.openSettings') {
          assert.ok(typeof args[0] === 'string' && settings.has(args[0]), `step ${step.id}: opens settings for an unknown ${String(args[0])}`);
        } else assert.fail(`step ${step.id}: ${command} is neither ours nor a known workbench command`);
        if (command === 'digestLens.openDigest') {
          assert.ok(fs.existsSync(path.join(root, 'digests', `${String(args[0])}.md`)), `step ${step.id}: no digest ${String(args[0])}`);
        }
      }
    }
  });

  it('every walkthrough step shows media that exists, with a Russian version of each markdown file', () => {
    for (const step of steps) {
      const file = step.media.markdown;
      assert.equal(typeof file, 'string', `step ${step.id} has no markdown media`);
      assert.ok(fs.existsSync(path.join(root, file as string)), `step ${step.id}: ${String(file)} is missing`);
      assert.ok(fs.existsSync(path.join(root, (file as string).replace(/\.md$/, '.nls.ru.md'))), `step ${step.id}: no Russian ${String(file)}`);
    }
  });

  it('its API types are not newer than the oldest VS Code it installs on', () => {
    const engine = version(manifest.engines.vscode);
    const types = version(manifest.devDependencies['@types/vscode']);
    assert.equal(engine.length, 3);
    assert.ok(compare(types, engine) <= 0, `@types/vscode ${types.join('.')} is newer than engines.vscode ${manifest.engines.vscode}`);
  });

  it('carries what the galleries show', () => {
    assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length <= 10, 'at most 10 keywords');
    for (const field of ['repository', 'bugs', 'homepage', 'galleryBanner', 'license', 'icon']) assert.ok(manifest[field], `${field} is missing`);
    assert.ok(fs.existsSync(path.join(root, 'LICENSE')));
    assert.ok(fs.existsSync(path.join(root, 'CHANGELOG.md')));
  });
});
