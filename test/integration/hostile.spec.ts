import * as assert from 'assert';
import * as vscode from 'vscode';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import type { InFileService } from '../../src/features/inFileView';
import type { DigestNode, GroupNode } from '../../src/features/topicsTree';
import { getApi, serviceOf, waitFor, cardTextAt } from './api';
import { startTags } from '../builders/html';
import { digestText } from '../builders/digestText';

/**
 * Huge and odd documents in the real workbench: hover and the In This File view answer (no
 * exception, no hang) and give the right result. Documents are untitled, made from strings, so
 * the suite runs the same in the web worker host and the Node host. Times are not asserted.
 */


/** Opens `content`, shows it and waits for the In This File view's scan of it. */
async function scanned(inFile: InFileService, content: string | vscode.Uri): Promise<vscode.TextDocument> {
  const doc = typeof content === 'string' ? await vscode.workspace.openTextDocument({ language: 'plaintext', content }) : await vscode.workspace.openTextDocument(content);
  await vscode.window.showTextDocument(doc, { preview: false });
  await waitFor(() => (vscode.window.activeTextEditor?.document === doc ? true : undefined), 'the document to be the active editor');
  await inFile.refresh();
  // A scan started by the editor change itself may still be running: wait for the last one.
  await inFile.provider.settled;
  return doc;
}

/** Closes the (untitled, hence dirty) document without a save prompt. */
async function close(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await waitFor(() => (vscode.window.visibleTextEditors.some((e) => e.document === doc) ? undefined : true), 'the document to close');
}

suite('hostile documents: huge and odd text', function () {
  this.timeout(180_000);
  let inFile: InFileService;
  /** A method name the corpus maps to one digest, capitalized and ending in a lower-case letter. */
  let name: string;
  let digestId: string;

  suiteSetup(async () => {
    const api = await getApi();
    inFile = serviceOf(api, 'inFileView');
    assert.ok(inFile, 'the inFileView feature did not start');
    const recognizer = Recognizer.build(api.corpus.entries);
    for (const e of api.corpus.entries) {
      const m = e.methods.find((x) => /^[A-Z][A-Za-z]{2,}[a-z]$/.test(x) && /[a-z]/.test(x.slice(1, -1)));
      if (!m) continue;
      const found = recognizer.mentionsAt(`x ${m} y`, 0, 3);
      if (found.length === 1 && found[0].digests.length === 1 && found[0].digests[0] === e.id) {
        name = m;
        digestId = e.id;
        break;
      }
    }
    assert.ok(name, 'no method name that maps to exactly one digest');
  });

  test('astral-plane characters, emoji and combining marks around a method name', async () => {
    const cases: [string, boolean][] = [
      [`😀${name}😀`, true],
      [`𝒳 ${name} 𝒳 👩‍👩‍👧‍👦`, true],
      [`e\u0301 ${name} a\u0308`, true],
      [`中文${name}中文`, true],
      [`\u202e${name}\u202c`, true],
      // A mark or letters glued to the name make a longer word: no card.
      [`${name}\u0301 x`, false],
      [`${name}xyz`, false],
      [`abc${name}xyz`, false],
    ];
    const content = cases.map(([line]) => line).join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    for (let line = 0; line < cases.length; line++) {
      const [text, expected] = cases[line];
      const at = text.indexOf(name);
      const card = await cardTextAt(doc, new vscode.Position(line, at + 1));
      assert.strictEqual(!!card, expected, `${JSON.stringify(text)}: card ${card ? 'shown' : 'missing'}`);
      if (card) assert.ok(card.includes(encodeURIComponent(JSON.stringify([digestId]))), `the card for ${JSON.stringify(text)} is not ${digestId}'s`);
    }
  });

  test('binary-ish content: NULs, lone surrogates, controls, U+FFFD', async () => {
    // Line breaks are left out so the lines stay where the test expects them.
    const noise = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 0x3000)).join('').replace(/[\r\n]/g, ' ');
    const lines = [`\u0000\u0001\u0002 ${name} \uD800`, `\uDC00\uDBFF${noise}\uFFFD`, `\uD800 ${name} \u0007`, noise];
    const doc = await scanned(inFile, lines.join('\n'));
    try {
      assert.ok(await cardTextAt(doc, new vscode.Position(0, lines[0].indexOf(name) + 2)), 'no card next to NULs');
      assert.ok(await cardTextAt(doc, new vscode.Position(2, lines[2].indexOf(name) + 2)), 'no card next to a lone surrogate');
      for (let ch = 0; ch < 200; ch += 7) await cardTextAt(doc, new vscode.Position(1, ch)); // must not throw
      const node = inFile.provider.digests.find((d) => d.digest.id === digestId);
      assert.ok(node, `the In This File view does not list ${digestId}`);
      assert.deepStrictEqual(
        node.mentions.filter((m) => m.text === name).map((m) => m.line),
        [0, 2],
      );
    } finally {
      await close(doc);
    }
  });

  test('mixed line endings: lines are counted as the editor counts them', async () => {
    const content = `first\r\nsecond\rthird\n${name} on the fourth\r\n\r\nsixth ${name}\n`;
    const doc = await scanned(inFile, content);
    try {
      const lineOf = (needle: string) => doc.positionAt(doc.getText().indexOf(needle)).line;
      const fourth = lineOf(`${name} on`);
      const sixth = lineOf(`sixth`);
      assert.ok(await cardTextAt(doc, new vscode.Position(fourth, 1)));
      assert.ok(await cardTextAt(doc, new vscode.Position(sixth, 'sixth '.length + 1)));
      const node = inFile.provider.digests.find((d) => d.digest.id === digestId);
      assert.ok(node);
      assert.deepStrictEqual([...new Set(node.mentions.map((m) => m.line))], [fourth, sixth]);
      for (const item of inFile.provider.getChildren(node)) {
        const tree = inFile.provider.getTreeItem(item);
        assert.ok(!/[\r\n]/.test(String(tree.label)), 'a line item label spans several lines');
      }
    } finally {
      await close(doc);
    }
  });

  test('a 5 MB single line: hover answers, the In This File view finishes and finds the mention', async () => {
    const half = 'lorem ipsum; '.repeat(200_000);
    const content = half + name + ' ' + half;
    assert.ok(content.length > 5_000_000);
    const doc = await scanned(inFile, content);
    try {
      assert.strictEqual(inFile.provider.truncated, false);
      const node = inFile.provider.digests.find((d) => d.digest.id === digestId);
      assert.ok(node, `${digestId} not found in the 5 MB line`);
      assert.deepStrictEqual(node.mentions.map((m) => m.character), [half.length]);
      const [item] = inFile.provider.getChildren(node);
      const label = String(inFile.provider.getTreeItem(item).label);
      assert.ok(label.length < 200 && label.includes(name), `the line item shows ${label.length} characters`);
      assert.ok(await cardTextAt(doc, new vscode.Position(0, half.length + 1)));
      assert.strictEqual(await cardTextAt(doc, new vscode.Position(0, 1_000_000)), undefined);
    } finally {
      await close(doc);
    }
  });

  test('more than 200,000 lines: the view scans the first 200,000 and says it is truncated', async () => {
    const count = 200_010;
    const lines = Array.from({ length: count }, (_, i) => `row ${i}`);
    lines[199_990] = `inside ${name} limit`;
    lines[200_005] = `and ${name} beyond the limit`;
    // From a file on disk: an untitled document this large is sometimes opened empty by a busy host.
    const ws = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(ws, `tmp-huge-${Math.random().toString(36).slice(2, 8)}.txt`);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(lines.join('\n')));
    const doc = await scanned(inFile, file);
    try {
      assert.strictEqual(doc.lineCount, count);
      assert.strictEqual(inFile.provider.truncated, true, 'a 200,010-line document is not reported as truncated');
      const node = inFile.provider.digests.find((d) => d.digest.id === digestId);
      assert.ok(node, `${digestId} (line 199,990) not found`);
      assert.ok(node.mentions.every((m) => m.line < 200_000), 'a mention beyond the scanned lines');
      assert.deepStrictEqual(node.mentions.map((m) => m.line), [199_990]);
      // Hover has no line budget: the line beyond the scan still gets its card.
      assert.ok(await cardTextAt(doc, new vscode.Position(200_005, lines[200_005].indexOf(name) + 1)));
    } finally {
      await close(doc);
      await vscode.workspace.fs.delete(file, { useTrash: false }).then(undefined, () => undefined);
    }
    // A short document afterwards clears the flag.
    const small = await scanned(inFile, `${name}\n`);
    try {
      assert.strictEqual(inFile.provider.truncated, false);
      assert.ok(small.lineCount < 10);
    } finally {
      await close(small);
    }
  });

  test('editing a huge document while it is scanned: the last scan wins', async () => {
    const lines = Array.from({ length: 120_000 }, (_, i) => `row ${i}`);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: lines.join('\n') });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    try {
      const first = inFile.refresh();
      await editor.edit((b) => b.insert(new vscode.Position(119_999, 0), `${name} `));
      await first;
      await inFile.refresh();
      await inFile.provider.settled;
      const node = inFile.provider.digests.find((d) => d.digest.id === digestId);
      assert.ok(node, 'the edit made during a scan is not reflected');
      assert.deepStrictEqual(node.mentions.map((m) => m.line), [119_999]);
    } finally {
      await close(doc);
    }
  });
});

/** A digest a scraped page or a shared folder could carry: every field tries to inject. */
function hostileDigest(topic: string): string {
  return digestText({
    id: 'hostile-probe',
    title: "<script>alert('t')</script><img src=x onerror=alert(1)> [Run](command:workbench.action.terminal.new) $(terminal) \u202Eevil",
    title_ru: '<iframe src="javascript:alert(2)"></iframe>',
    arxiv: ['2405.18719'],
    methods: ['Hostiprobeformer'],
    topics: [topic],
    source: { name: '<b onmouseover=alert(3)>chan</b>', url: 'javascript:alert(4)' },
    lang: 'en',
    body: [
      "Hostiprobeformer <script>alert('body')</script> <iframe src=https://evil.example/></iframe>",
      '',
      '<img src=x onerror="alert(5)"> <div onclick="alert(6)">raw</div>',
      '',
      '[js](javascript:alert(7)) [data](data:text/html,x) [vs](vscode:extension/x) [cmd](command:workbench.action.terminal.new)',
      '[file](file:///etc/passwd) [rel](../x) [ok](https://ok.example/) ![img](https://evil.example/p.png)',
    ].join('\n'),
  });
}

suite('hostile documents: a hostile digest from a user folder', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('digestLens');
  let root: vscode.Uri | undefined;
  let saved: unknown;
  let rel: string;

  suiteSetup(async function () {
    const api = await getApi();
    const folders = api.services.userFolders;
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!ws) this.skip();
    await folders.ready;
    rel = `tmp-hostile-${Math.random().toString(36).slice(2, 8)}`;
    root = vscode.Uri.joinPath(ws!, rel);
    await vscode.workspace.fs.createDirectory(root);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'hostile-probe.md'), new TextEncoder().encode(hostileDigest(api.corpus.topics[0]?.id ?? 'attention')));
    saved = config().inspect('extraFolders')?.globalValue;
    await config().update('extraFolders', [rel], vscode.ConfigurationTarget.Global);
    await folders.reload();
    assert.ok(api.corpus.get('hostile-probe'), 'the hostile digest did not load');
  });

  suiteTeardown(async () => {
    if (!root) return;
    await config().update('extraFolders', saved, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the digest view page has one nonce script, no handlers and only http(s), in-corpus or media links', async () => {
    const api = await getApi();
    const view = serviceOf(api, 'digestView');
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('digestLens.openDigest', 'hostile-probe'), true);
    const html = await waitFor(() => (view.currentDigestId() === 'hostile-probe' ? view.currentHtml() : undefined), 'the hostile digest page');
    const tags = startTags(html);
    const csp = tags.find((t) => t.name === 'meta' && t.attrs.get('http-equiv') === 'Content-Security-Policy')?.attrs.get('content') ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    const scripts = tags.filter((t) => t.name === 'script');
    assert.strictEqual(scripts.length, 1, `scripts: ${scripts.map((s) => s.raw).join(' ')}`);
    assert.strictEqual(scripts[0].attrs.get('nonce'), nonce);
    assert.ok(scripts[0].attrs.get('src')?.endsWith('/media/digestView.js'), scripts[0].raw);
    for (const t of tags) {
      assert.ok(!['iframe', 'img', 'object', 'embed', 'svg', 'style', 'base', 'form'].includes(t.name), `forbidden element ${t.raw}`);
      for (const [name, value] of t.attrs) {
        assert.ok(!name.startsWith('on'), `event handler ${t.raw}`);
        if (name !== 'href' && name !== 'src') continue;
        if (t.name === 'link' || t.name === 'script') {
          assert.match(value, /\/media\/[\w.-]+$/, `resource outside media/: ${t.raw}`);
        } else if (value === '#') {
          assert.ok(api.corpus.get(t.attrs.get('data-digest-id') ?? ''), `in-panel link to a digest not in the corpus: ${t.raw}`);
        } else {
          assert.match(value, /^https?:\/\/[^\s@]+$/, `link that is not http(s): ${t.raw}`);
          assert.doesNotMatch(value, /evil\.example\/p\.png/, 'an image became a link');
        }
      }
    }
    assert.ok(html.includes('&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;'), 'the title is not shown as escaped text');
    assert.doesNotMatch(html, /[\u202a-\u202e\u2066-\u2069]/, 'a bidi override reached the page');
  });

  test('its Digests tree item shows the title as text: no icon syntax, no link syntax, no bidi override', async () => {
    const api = await getApi();
    const tree = serviceOf(api, 'topicsTree');
    const node = (tree.provider.getChildren() as GroupNode[])
      .flatMap((g) => tree.provider.getChildren(g) as DigestNode[])
      .find((n) => n.digest.id === 'hostile-probe');
    assert.ok(node, 'the hostile digest is not in the Digests tree');
    const item = tree.provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    assert.ok(label.includes('Run') && label.includes('terminal'), label);
    assert.doesNotMatch(label, /\$\(|\]\(/, 'icon or link syntax reached the tree label');
    assert.doesNotMatch(label, /[\u202a-\u202e\u2066-\u2069]/, 'a bidi override reached the tree label');
  });

  test('its hover card enables only Digest Lens commands and shows the title as text', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'layer = Hostiprobeformer(dim=8)\n' });
    const hover = await waitFor(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 10))) ?? [];
      return hovers.find((h) => h.contents.some((c) => typeof c !== 'string' && c.value.includes('hostile-probe')));
    }, 'a card for the hostile digest');
    const md = hover.contents.find((c): c is vscode.MarkdownString => typeof c !== 'string' && c.value.includes('hostile-probe'))!;
    assert.notStrictEqual(md.isTrusted, true);
    if (typeof md.isTrusted === 'object') for (const c of md.isTrusted.enabledCommands) assert.match(c, /^digestLens\./);
    assert.notStrictEqual(md.supportHtml, true);
    for (const m of md.value.matchAll(/\]\(([a-z-]+):([^)\s]*)/gi)) {
      if (m[1] === 'command') assert.match(m[2], /^digestLens\./, m[0]);
      else assert.match(m[1], /^https?$/, m[0]);
    }
    // Escaped means an odd number of backslashes before the character.
    assert.doesNotMatch(md.value, /(?:^|[^\\])(?:\\\\)*(?:<script|<img|\]\(command:workbench)/, 'unescaped corpus text in the card');
    assert.ok(md.value.includes('\\<script\\>'), 'the title is not in the card as escaped text');
    for (const icon of md.value.matchAll(/(\\*)\$\(([^)]*)\)/g)) {
      if (icon[1].length % 2 === 0) assert.notStrictEqual(icon[2], 'terminal', 'a theme icon from corpus text');
    }
  });
});
