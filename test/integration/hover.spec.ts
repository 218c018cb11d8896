import * as assert from 'assert';
import * as vscode from 'vscode';
import { arxivLinks, isArxivId, normalizeArxivId } from '../../src/core/arxiv/arxiv';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import type { Corpus } from '../../src/core/corpus/corpus';
import type { DigestEntry, Topic } from '../../src/core/types';
import type { DigestLensApi } from '../../src/extension';
import { uiLang } from '../../src/core/render/localized';
import { getApi, waitFor, cardAt, cardTextAt } from './api';
import { digestText } from '../builders/digestText';

const openLink = (id: string): string => `command:digestLens.openDigest?${encodeURIComponent(JSON.stringify([id]))}`;

function validIds(e: DigestEntry): string[] {
  return [...new Set(e.arxiv.map(normalizeArxivId).filter(isArxivId))];
}

interface Sample {
  entry: DigestEntry;
  name: string;
  id: string;
}

/**
 * A digest with an arXiv ID and a method name spelled with a capital and only letters
 * (`RetNet`, `CoPE`): the recognizer finds such a spelling in code and prose alike.
 */
function pickSample(corpus: Corpus, recognizer: Recognizer): Sample {
  for (const entry of corpus.entries) {
    const ids = validIds(entry);
    if (ids.length === 0) continue;
    for (const name of entry.methods) {
      if (!/^[A-Za-z]{3,}$/.test(name) || !/[A-Z]/.test(name)) continue;
      const probe = `x ${name} y`;
      const found = recognizer.mentionsAt(probe, 0, 3);
      if (found.length === 1 && found[0].digests.includes(entry.id)) return { entry, name, id: ids[0] };
    }
  }
  throw new Error('the bundled corpus has no digest with an arXiv ID and a capitalized method name');
}

const TEMPLATES: Record<string, (s: Sample) => string> = {
  python: (s) => `import torch\n\nmodel = ${s.name}(config)  # see arXiv:${s.id}\n`,
  typescript: (s) => `// https://arxiv.org/abs/${s.id}\nconst layer = new ${s.name}Layer({ dim: 64 });\n`,
  markdown: (s) => `# Notes\n\nWe compare **${s.name}** with the baseline ([paper](https://www.alphaxiv.org/overview/${s.id})).\n`,
  latex: (s) => `\\section{Related work}\n\\textsc{${s.name}}~\\cite{key} (arXiv:${s.id}v1) is relevant.\n`,
};

function positionOf(doc: vscode.TextDocument, needle: string, offsetInNeedle: number): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in the document`);
  return doc.positionAt(at + offsetInNeedle);
}

async function setHover(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('digestLens').update(`hover.${key}`, value, vscode.ConfigurationTarget.Global);
}

suite('hover cards', () => {
  let corpus: Corpus;
  let recognizer: Recognizer;
  let sample: Sample;

  suiteSetup(async () => {
    const api = await getApi();
    corpus = api.corpus;
    recognizer = Recognizer.build(corpus.entries);
    sample = pickSample(corpus, recognizer);
  });

  suiteTeardown(async () => {
    for (const key of ['enabled', 'methodNames', 'unknownArxivIds', 'excludeLanguages', 'maxCards', 'ignoreNames', 'ignoreDigests']) await setHover(key, undefined);
  });

  /** The digests the card for `name` must list (several digests may share a method name). */
  function expectedDigests(name: string): string[] {
    return recognizer.mentionsAt(`x ${name} y`, 0, 3)[0].digests;
  }

  function assertDigestCard(value: string, digests: string[], maxCards: number): void {
    for (const id of digests.slice(0, maxCards)) assert.ok(value.includes(openLink(id)), `no link to digest ${id} in:\n${value}`);
    if (digests.length === 1) {
      const e = corpus.get(digests[0])!;
      const links = arxivLinks(validIds(e)[0]);
      for (const url of [links.abs, links.pdf, links.alphaxiv]) assert.ok(value.includes(`(${url})`), `no ${url} in:\n${value}`);
    } else if (digests.length > maxCards) {
      assert.ok(value.includes('command:digestLens.search?'), 'no "+N more" link');
    }
  }

  for (const [language, template] of Object.entries(TEMPLATES)) {
    test(`a known method name and arXiv ID in ${language}`, async function () {
      // A language server (tsserver in the Node host) may answer the first hover of its language
      // only once it has started; our card comes in the same response.
      this.timeout(90_000);
      const doc = await vscode.workspace.openTextDocument({ language, content: template(sample) });
      const maxCards = 3;

      const onName = await cardAt(doc, positionOf(doc, sample.name, 1));
      assert.ok(onName, `no card on ${sample.name} in ${language}`);
      assertDigestCard(onName.value, expectedDigests(sample.name), maxCards);
      const start = positionOf(doc, sample.name, 0);
      assert.ok(onName.hover.range?.start.isEqual(start), 'the hover range starts at the name');
      // It covers the whole identifier that holds the name (`RetNetLayer` in TypeScript).
      const covered = doc.getText(onName.hover.range);
      assert.ok(covered.startsWith(sample.name) && /^[\w$-]+$/.test(covered), `hover range "${covered}"`);

      const onId = await cardAt(doc, positionOf(doc, sample.id, 2));
      assert.ok(onId, `no card on ${sample.id} in ${language}`);
      const byId = corpus.byArxiv(sample.id).map((e) => e.id);
      assertDigestCard(onId.value, byId, maxCards);
    });
  }

  test('the card is trusted only for Digest Lens commands', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: TEMPLATES.python(sample) });
    const card = await cardAt(doc, positionOf(doc, sample.name, 1));
    assert.ok(card);
    const md = card.hover.contents.find((c): c is vscode.MarkdownString => typeof c !== 'string' && c.value === card.value);
    assert.ok(md);
    assert.notStrictEqual(md.isTrusted, true);
    if (md.isTrusted && typeof md.isTrusted === 'object') {
      for (const c of md.isTrusted.enabledCommands) assert.match(c, /^digestLens\./);
    }
    for (const m of card.value.matchAll(/\]\((command:[^?)]+)/g)) assert.match(m[1], /^command:digestLens\./);
  });

  test('works in a file of the workspace (file or virtual file system)', async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip();
    const uri = vscode.Uri.joinPath(folder!.uri, 'hover-fixture.py');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEMPLATES.python(sample)));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const card = await cardAt(doc, positionOf(doc, sample.name, 1));
      assert.ok(card, `no card in a ${uri.scheme} document`);
      assertDigestCard(card.value, expectedDigests(sample.name), 3);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('an arXiv ID that is not in the corpus gets a small card, unless turned off', async () => {
    let unknown = '';
    for (let n = 99999; n > 99000 && !unknown; n--) if (corpus.byArxiv(`2512.${n}`).length === 0) unknown = `2512.${n}`;
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `see arXiv:${unknown}v2 for details` });
    const pos = positionOf(doc, unknown, 3);
    const card = await cardAt(doc, pos);
    assert.ok(card, 'no card for an unknown arXiv ID');
    assert.ok(card.value.includes('not in the digest corpus'));
    assert.ok(card.value.includes(`(${arxivLinks(unknown).abs})`));
    assert.ok(!card.value.includes('command:digestLens.openDigest'));

    await setHover('unknownArxivIds', false);
    try {
      await waitFor(async () => ((await cardAt(doc, pos)) ? undefined : true), 'the unknown-ID card to go away');
    } finally {
      await setHover('unknownArxivIds', undefined);
    }
    await waitFor(async () => (await cardAt(doc, pos)) && true, 'the unknown-ID card to come back');
  });

  test('no card on hard negatives: ordinary words in prose, version numbers, digit runs', async () => {
    // Every capitalized method name that is also an English word, written in lower case in prose
    // (an unambiguous name such as RetNet counts there too, by design).
    const english = new Set(['cope', 'diamond', 'raptor', 'spectrum', 'fox', 'nat', 'opex']);
    const words = [...new Set(corpus.entries.flatMap((e) => e.methods).filter((m) => english.has(m.toLowerCase()) && /[A-Z]/.test(m)))];
    assert.ok(words.length >= 3, `only ${words.length} English-word names in the corpus`);
    const lines = words.map((w) => `we said ${w.toLowerCase()} in passing.`);
    lines.push('version 1.2405.18719 and build 2405.18719.3 and serial 12405.18719 and 2413.12345');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: lines.join('\n') });
    for (let line = 0; line < doc.lineCount; line++) {
      const text = doc.lineAt(line).text;
      // Guard: the rule the recognizer tests pin down says these lines mention nothing.
      assert.deepStrictEqual(recognizer.scanLine(text, line), [], `the recognizer finds something in "${text}"`);
      for (let c = 0; c < text.length; c += 4) {
        const card = await cardAt(doc, new vscode.Position(line, c));
        assert.strictEqual(card, undefined, `card at ${line}:${c} of "${text}"`);
      }
    }
  });

  test('"Don\'t show cards for" and "Mute this digest" hide the card, through the settings', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: `model = ${sample.name}(config)\n` });
    const pos = positionOf(doc, sample.name, 1);
    const card = await cardAt(doc, pos);
    assert.ok(card, 'no card to act on');
    const ignore = `command:digestLens.ignoreName?${encodeURIComponent(JSON.stringify([sample.name]))}`;
    assert.ok(card.value.includes(ignore), `no "Don't show cards" action in:\n${card.value}`);
    assert.ok(card.value.includes('command:digestLens.ignoreDigest?'), 'no "Mute this digest" action');
    const config = () => vscode.workspace.getConfiguration('digestLens');
    try {
      assert.strictEqual(await vscode.commands.executeCommand('digestLens.ignoreName', sample.name, 'user'), 'user');
      assert.deepStrictEqual(config().inspect('hover.ignoreNames')?.globalValue, [sample.name]);
      await waitFor(async () => ((await cardAt(doc, pos)) ? undefined : true), 'the card to go away');
      await setHover('ignoreNames', undefined);
      await waitFor(async () => (await cardAt(doc, pos)) && true, 'the card to come back');
      await vscode.commands.executeCommand('digestLens.ignoreDigest', sample.entry.id, 'user');
      await waitFor(async () => ((await cardAt(doc, pos)) ? undefined : true), 'the muted digest\'s card to go away');
    } finally {
      await setHover('ignoreNames', undefined);
      await setHover('ignoreDigests', undefined);
    }
    await waitFor(async () => (await cardAt(doc, pos)) && true, 'the card to come back after unmuting');
  });

  test('settings take effect without a reload', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: TEMPLATES.python(sample) });
    const onName = positionOf(doc, sample.name, 1);
    const onId = positionOf(doc, sample.id, 2);
    const shown = async (pos: vscode.Position) => ((await cardAt(doc, pos)) ? true : undefined);
    const hidden = async (pos: vscode.Position) => ((await cardAt(doc, pos)) ? undefined : true);
    try {
      await setHover('enabled', false);
      await waitFor(() => hidden(onName), 'hovers to turn off');
      assert.strictEqual(await cardAt(doc, onId), undefined);
      await setHover('enabled', undefined);
      await waitFor(() => shown(onName), 'hovers to turn back on');

      await setHover('methodNames', false);
      await waitFor(() => hidden(onName), 'method names to turn off');
      assert.ok(await cardAt(doc, onId), 'arXiv IDs still have cards');
      await setHover('methodNames', undefined);
      await waitFor(() => shown(onName), 'method names to turn back on');

      await setHover('excludeLanguages', ['python']);
      await waitFor(() => hidden(onName), 'python to be excluded');
      const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: TEMPLATES.markdown(sample) });
      assert.ok(await cardAt(md, positionOf(md, sample.name, 1)), 'other languages still have cards');
    } finally {
      for (const key of ['enabled', 'methodNames', 'excludeLanguages']) await setHover(key, undefined);
    }
    await waitFor(() => shown(onName), 'hovers in python to come back');
  });

  test('maxCards caps the sections and links the rest to search', async () => {
    // The arXiv IDs of several digests on one line do not share a mention; a shared method
    // name does. Use the name shared by the most digests, if any.
    const byName = new Map<string, Set<string>>();
    for (const e of corpus.entries) for (const m of e.methods) byName.set(m, (byName.get(m) ?? new Set()).add(e.id));
    const shared = [...byName].filter(([m, ids]) => ids.size >= 2 && /^[A-Za-z]{3,}$/.test(m) && /[A-Z]/.test(m));
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: shared.length ? `x ${shared[0][0]} y` : `x ${sample.name} y` });
    try {
      await setHover('maxCards', 1);
      const card = await waitFor(async () => {
        const c = await cardAt(doc, new vscode.Position(0, 3));
        return c && (shared.length === 0 || c.value.includes('command:digestLens.search?')) ? c : undefined;
      }, 'a capped card');
      const digests = recognizer.mentionsAt(doc.lineAt(0).text, 0, 3)[0].digests;
      assert.strictEqual(card.value.split(openLink(digests[0])).length > 1, true);
      if (digests.length > 1) assert.ok(!card.value.includes(openLink(digests[1])), 'a second section despite maxCards = 1');
    } finally {
      await setHover('maxCards', undefined);
    }
  });

  test('hovering a 5 MB line, a binary file or a 200,000-line file answers promptly', async function () {
    this.timeout(120_000);
    const huge = ' ;'.repeat(1_250_000) + sample.name + ' ;'.repeat(1_250_000);
    const binaryish = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('') + `\u0000\u0001 arXiv:${sample.id}`;
    const many = Array.from({ length: 200_000 }, (_, i) => (i === 150_000 ? `y = ${sample.name}(x)` : `line ${i}`)).join('\n');
    const cases: [string, string, (d: vscode.TextDocument) => vscode.Position, boolean][] = [
      ['5 MB line', huge, (d) => d.positionAt(2_500_000 + 1), true],
      ['5 MB line, far from any mention', huge, () => new vscode.Position(0, 4_000_000), false],
      ['binary', binaryish, (d) => positionOf(d, sample.id, 1), true],
      ['200,000 lines', many, () => new vscode.Position(150_000, 5), true],
    ];
    for (const [what, content, at, expectCard] of cases) {
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
      const pos = at(doc);
      await cardAt(doc, pos); // the first request also pays for syncing the document
      const t0 = Date.now();
      const card = await cardAt(doc, pos);
      const elapsed = Date.now() - t0;
      assert.strictEqual(!!card, expectCard, `${what}: card ${card ? 'shown' : 'missing'}`);
      assert.ok(elapsed < 2000, `${what}: hover took ${elapsed} ms`);
    }
  });
});

/**
 * The card's parts in the workbench's display language. The web lane runs this suite a second
 * time in a Russian UI (`test-web.mjs --locale ru --grep "UI language"`): the same assertions,
 * with the Russian texts of the extension's l10n bundle and the topic's Russian label.
 */
suite('hover card in the UI language', () => {
  const id = 'cardformer-ui-language';
  let api: DigestLensApi;
  let folder: vscode.Uri;
  let saved: unknown;
  let arxiv = '';
  let topic: Topic;

  const config = () => vscode.workspace.getConfiguration('digestLens');

  suiteSetup(async function () {
    this.timeout(60_000);
    api = await getApi();
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(ws, 'the test host opens a workspace folder');
    for (let n = 99998; n > 99000 && !arxiv; n--) if (api.corpus.byArxiv(`2511.${n}`).length === 0) arxiv = `2511.${n}`;
    topic = api.corpus.topics[0];
    assert.ok(topic, 'the bundled vocabulary is loaded');
    const rel = `tmp-ui-language-${Math.random().toString(36).slice(2, 10)}`;
    folder = vscode.Uri.joinPath(ws!, rel);
    await vscode.workspace.fs.createDirectory(folder);
    const text = digestText({
      id,
      title: 'Cardformer: Cards That Say What a Paper Does',
      title_ru: 'Кардформер: карточки, которые говорят, о чём статья',
      tldr: 'Cardformer shows what a paper proposes right where its name appears.',
      tldr_ru: 'Кардформер показывает, что предлагает статья, там, где упомянуто её имя.',
      authors: ['Ada Example', 'Bo Sample', 'Cy Test', 'Di Probe'],
      year: 2025,
      venue: 'Workshop on Cards 2025',
      code: ['https://github.com/example/cardformer'],
      arxiv: [arxiv],
      methods: ['Cardformer'],
      topics: [topic.id],
      source: { name: 'my-notes', url: 'https://example.org/notes/cardformer', date: '2025-02-03' },
      lang: 'en',
      body: 'The opening sentences of the body, which the card must not show when there is a TL;DR.',
    });
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${id}.md`), new TextEncoder().encode(text));
    saved = config().inspect('extraFolders')?.globalValue;
    await config().update('extraFolders', [rel], vscode.ConfigurationTarget.Global);
    await waitFor(() => api.corpus.get(id), 'the curated user digest in the corpus', 20_000);
  });

  suiteTeardown(async () => {
    await config().update('extraFolders', saved, vscode.ConfigurationTarget.Global);
    if (folder) await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  test('title, authors · year · venue, TL;DR, links with Code, topic, provenance and "Open digest" in the UI language', async () => {
    const lang = uiLang(vscode.env.language);
    // The Russian lane must really be a Russian workbench, not an English one passing for it.
    const lane = process.env.DIGEST_LENS_LOCALE;
    if (lane) assert.strictEqual(lang, uiLang(lane), `the workbench language is ${vscode.env.language}, not ${lane}`);
    const ru = lang === 'ru';
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'layer = Cardformer(dim=64)\n' });
    const card = await waitFor(() => cardAt(doc, new vscode.Position(0, 10)), 'the card on Cardformer');
    const blocks = card.value.split('\n\n');
    const [head, tldr, links, actions] = blocks;
    const title = ru ? 'Кардформер\\: карточки\\, которые говорят\\, о чём статья' : 'Cardformer\\: Cards That Say What a Paper Does';
    const other = ru ? 'Cardformer\\: Cards That Say What a Paper Does' : 'Кардформер\\: карточки\\, которые говорят\\, о чём статья';
    const lines = head.split('  \n');
    assert.ok(lines[0].startsWith(`$(book) **[${title}](${openLink(id)}`), lines[0]);
    assert.strictEqual(lines[1], `*${other}*`);
    assert.strictEqual(lines[2], 'Ada Example\\, Bo Sample\\, Cy Test et al\\. · 2025 · Workshop on Cards 2025');
    assert.strictEqual(tldr, ru ? 'Кардформер показывает\\, что предлагает статья\\, там\\, где упомянуто её имя\\.' : 'Cardformer shows what a paper proposes right where its name appears\\.');
    const l = arxivLinks(arxiv);
    const code = ru ? 'Код' : 'Code';
    assert.ok(links.startsWith(`arXiv [${arxiv.replace('.', '\\.')}](${l.abs}) · [PDF](${l.pdf}) · [alphaXiv](${l.alphaxiv}) · [${code}](https://github.com/example/cardformer)`), links);
    const label = (ru ? topic.label_ru : topic.label).replace(/[!-/:-@[-`{-~]/g, '\\$&');
    const provenance = ru ? 'дайджест' : 'digest';
    assert.ok(links.includes(`$(tag) ${label} · $(broadcast) ${provenance}\\: [my\\-notes](https://example.org/notes/cardformer) · 2025\\-02\\-03`), links);
    const actionLinks = actions.split(' · ');
    assert.strictEqual(actionLinks[0], `[$(go-to-file) ${ru ? 'Открыть дайджест' : 'Open digest'}](${openLink(id)})`);
    assert.ok(actionLinks[1].startsWith(`[$(star-empty) ${ru ? 'В избранное' : 'Star'}](command:digestLens.star?`), actionLinks[1]);
    assert.ok(actionLinks.at(-1)!.startsWith(`[$(mute) ${ru ? 'Скрыть этот дайджест' : 'Mute this digest'}](command:digestLens.ignoreDigest?`), actions);
    assert.ok(!card.value.includes('opening sentences'), 'the TL;DR replaces the opening sentences');
    assert.strictEqual(blocks.length, 4);
  });

  test('the arXiv ID gets the same card, its TL;DR in the UI language', async () => {
    const lang = uiLang(vscode.env.language);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `see arXiv:${arxiv}` });
    const card = await waitFor(() => cardAt(doc, new vscode.Position(0, 8)), 'the card on the arXiv ID');
    assert.strictEqual(card.value.split('\n\n')[1], lang === 'ru' ? 'Кардформер показывает\\, что предлагает статья\\, там\\, где упомянуто её имя\\.' : 'Cardformer shows what a paper proposes right where its name appears\\.');
  });
});

suite('citation keys through the workspace .bib', () => {
  let folder: vscode.Uri | undefined;

  suiteTeardown(async () => {
    if (folder) await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('\\parencite{key} of an entry whose eprint is a digest shows that digest, and a changed .bib is read again', async function () {
    this.timeout(60_000);
    const api = await getApi();
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!ws) this.skip();
    const withId = api.corpus.entries.filter((e) => e.arxiv.length > 0);
    const [first, second] = [withId[0], withId.find((e) => e.id !== withId[0].id)];
    assert.ok(first && second, 'two digests with arXiv IDs');
    folder = vscode.Uri.joinPath(ws!, `tmp-cite-${Math.random().toString(36).slice(2, 8)}`);
    await vscode.workspace.fs.createDirectory(folder);
    const bib = vscode.Uri.joinPath(folder, 'refs.bib');
    const entry = (eprint: string) => `@misc{probekey2025,\n  title = {A probe},\n  eprint = {${eprint}},\n  archivePrefix = {arXiv}\n}\n`;
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode(entry(first.arxiv[0])));
    const doc = await vscode.workspace.openTextDocument({ language: 'latex', content: 'As shown by \\parencite{probekey2025}, it works.\n' });
    const at = new vscode.Position(0, 'As shown by \\parencite{'.length + 3);
    const card = await waitFor(async () => {
      const text = await cardTextAt(doc, at);
      return text?.includes(encodeURIComponent(JSON.stringify([first.id]))) ? text : undefined;
    }, `a card for ${first.id} through the .bib`, 20_000);
    assert.ok(card);
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode(entry(second.arxiv[0])));
    await waitFor(async () => {
      const text = await cardTextAt(doc, at);
      return text?.includes(encodeURIComponent(JSON.stringify([second.id]))) ? true : undefined;
    }, `the card to follow the changed .bib to ${second.id}`, 20_000);
  });
});
