import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const text = (s: string) => nls[s.replace(/^%|%$/g, '')] ?? s;
type Command = { command: string; title: string; icon?: string };
type MenuItem = { command?: string; submenu?: string; when?: string; group?: string };
const commands: Command[] = pkg.contributes.commands;
const menus: Record<string, MenuItem[]> = pkg.contributes.menus;

describe('package.json: the reading workflow', () => {
  it('the group-by control in the Digests title shows the current mode (its icon and its name)', () => {
    for (const mode of ['topic', 'source', 'date']) {
      const shown = menus['view/title'].filter((m) => m.when?.includes('view == digestLens.topics') && m.when.includes(`digestLens.groupBy == ${mode}`));
      assert.strictEqual(shown.length, 1, `one control for ${mode}`);
      const submenu = pkg.contributes.submenus.find((s: { id: string }) => s.id === shown[0].submenu);
      assert.ok(submenu, `the control for ${mode} is a submenu`);
      const modeCommand = commands.find((c) => c.command === `digestLens.groupBy${mode[0].toUpperCase()}${mode.slice(1)}`)!;
      assert.strictEqual(submenu.icon, modeCommand.icon, `the ${mode} control has the ${mode} icon`);
      assert.match(text(submenu.label), new RegExp(mode, 'i'));
      // Its menu offers the other modes and the orders, not the current one.
      const items = menus[submenu.id];
      assert.ok(items.some((i) => i.command === modeCommand.command && i.when === `digestLens.groupBy != ${mode}`));
      assert.ok(items.some((i) => i.command === 'digestLens.sortByDate') && items.some((i) => i.command === 'digestLens.sortByTitle'));
    }
  });

  it('every command in a menu is declared, with a title and an icon', () => {
    const declared = new Map(commands.map((c) => [c.command, c]));
    for (const [where, items] of Object.entries(menus)) {
      for (const item of items) {
        if (!item.command) continue;
        const c = declared.get(item.command);
        assert.ok(c, `${where}: ${item.command} is not declared`);
        assert.ok(text(c.title).length > 0);
        if (where !== 'commandPalette') assert.ok(c.icon, `${item.command} has no icon`);
      }
    }
  });

  it('Back and Forward have the usual keys in the digest view; the new view and setting are declared', () => {
    const keys = pkg.contributes.keybindings as { command: string; key: string; when: string }[];
    assert.deepStrictEqual(
      keys.filter((k) => /digestLens\.(back|forward)/.test(k.command)).map((k) => [k.command, k.key, k.when]),
      [
        ['digestLens.back', 'alt+left', "activeWebviewPanelId == 'digestLens.digest'"],
        ['digestLens.forward', 'alt+right', "activeWebviewPanelId == 'digestLens.digest'"],
      ],
    );
    assert.ok(pkg.contributes.views.digestLens.some((v: { id: string }) => v.id === 'digestLens.workspacePapers'));
    const sortBy = pkg.contributes.configuration.properties['digestLens.topics.sortBy'];
    assert.deepStrictEqual(sortBy.enum, ['date', 'title']);
    assert.ok(text(sortBy.description).length > 0);
  });
});
