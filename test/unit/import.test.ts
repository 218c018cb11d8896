import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { importSource, mergeWithExisting, planImport, findExisting, combineResults, detectFormat } from '../../src/core/import/index';
import { completeCopyLength } from '../../src/core/import/dedupe';
import { isReactionLine } from '../../src/core/import/noise';
import { arxivIdsIn } from '../../src/core/arxiv/arxiv';
import { slugify } from '../../src/core/import/text';
import { serializeDigest } from '../../src/core/digestFile/digestFile';
import type { Draft } from '../../src/core/import/types';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/import');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

const NOISE = [/Please open Telegram/, /VIEW IN TELEGRAM/, /👀\s?LINK/, /This media is not supported/, /Читать далее/, /Total votes/, /^Comments\d/m, /❤\d|🔥\d|👍\d/];

function assertClean(body: string): void {
  for (const re of NOISE) assert.doesNotMatch(body, re, `body still contains ${re}`);
}

describe('import: Telegram channel page (speech/audio channel excerpt)', () => {
  const r = importSource(fixture('telegram-speech.txt'), 'telegram-speech.txt');

  it('detects the format and keeps only the paper digest', () => {
    assert.equal(r.format, 'telegram-page');
    assert.deepEqual(r.drafts.map((d) => d.title), ['Diffusion beats Autoregressive in Data-Constrained Settings']);
  });

  it('skips the video recommendation and the job ad, saying why', () => {
    const reasons = r.skipped.map((s) => s.reason);
    assert.equal(reasons.length, 2);
    assert.match(reasons[0], /video/);
    assert.match(reasons[1], /job ad/);
    assert.match(r.skipped[1].excerpt, /Applied Science/);
  });

  it('keeps the complete copy of a post shown twice and drops the truncated one', () => {
    const body = r.drafts[0].body;
    assert.equal(r.merged.length, 1);
    assert.equal(body.split('Исследователи обучили 200 моделей').length - 1, 1, 'paragraph appears once');
    assert.match(body, /реальных размеченных корпусов крайне мало/, 'full ending kept');
    assert.doesNotMatch(body, /Например, аудио$/, 'cut-off ending dropped');
    assertClean(body);
  });
});

describe('import: rizzearch pages', () => {
  it('page 1: title line becomes the title, 👀LINK and reactions are gone, the announcement is skipped', () => {
    const r = importSource(fixture('rizzearch-page1.txt'), 'rizzearch-page1.txt', { sourceName: 'rizzearch' });
    assert.deepEqual(r.drafts.map((d) => d.id), ['contextual-position-encoding', 'unsupervised-learning-by-predicting-noise']);
    const cope = r.drafts[0];
    assert.equal(cope.title, "Contextual Position Encoding: Learning to Count What's Important");
    assert.equal(cope.source.name, 'rizzearch');
    assert.doesNotMatch(cope.body, /^Contextual Position Encoding/, 'title not repeated in body');
    // The full sentence survives, not the copy cut off after "могу ошибаться) -".
    assert.match(cope.body, /если мы удлиняем контекст с 512 до 1024/);
    assert.equal(cope.body.split('все, думаю, пользовались').length - 1, 1);
    for (const d of r.drafts) assertClean(d.body);
    assert.equal(r.skipped.length, 1);
    assert.match(r.skipped[0].reason, /announcement/);
  });

  it('page 2: the channel header names the source; the meme is skipped', () => {
    const r = importSource(fixture('rizzearch-page2.txt'), 'rizzearch-page2.txt');
    assert.deepEqual(r.drafts.map((d) => d.title), [
      'The Platonic Representation Hypothesis',
      'Deep Autoregressive Models for The Efficient Variational Simulation of Many-Body Quantum System',
    ]);
    assert.ok(r.drafts.every((d) => d.source.name === 'rizzearch'));
    assert.deepEqual(r.skipped.map((s) => s.reason), ['channel header', 'meme or media post without a paper']);
    // Bare counters ("432") left by the scraper are noise, not text.
    assert.doesNotMatch(r.drafts[0].body, /^432$/m);
    // Links to other posts in a list stay a list.
    assert.match(r.drafts[0].body, /- https:\/\/t\.me\/rizzearch\/217\n- https:\/\/t\.me\/rizzearch\/201/);
  });
});

describe('import: Habr author page', () => {
  const r = importSource(fixture('habr.txt'), 'habr.txt');

  it('finds every teaser with its title and skips the header and the interview', () => {
    assert.equal(r.format, 'habr');
    assert.deepEqual(r.drafts.map((d) => d.title), [
      'Как устроена языковая модель без перемножения матриц',
      'На каком языке думают языковые модели',
      'TransformerFam от Google и другие попытки улучшить память LLM',
    ]);
    assert.deepEqual(r.skipped.map((s) => s.reason), ['author page header', 'interview']);
    assert.ok(r.drafts.every((d) => d.source.name === 'Habr' && d.lang === 'ru'));
  });

  it('drops the counters, "Читать далее" and the difficulty / reading time / views lines', () => {
    for (const d of r.drafts) {
      assertClean(d.body);
      assert.doesNotMatch(d.body, /Level of difficulty|Reading time|Views\d/);
    }
    assert.match(r.drafts[0].body, /Scalable MatMul-free Language Modeling/);
  });
});

describe('import: alphaXiv overview list', () => {
  const r = importSource(fixture('alphaxiv.txt'), 'alphaxiv.txt');

  it('reads the English title, Russian title, arXiv ID and summary of each entry once', () => {
    assert.equal(r.format, 'alphaxiv');
    assert.deepEqual(
      r.drafts.map((d) => [d.title, d.arxiv.join()]),
      [
        ['Navigating the Latent Space Dynamics of Neural Models', '2505.22785'],
        ['Infinite-Width Limit of a Single Attention Layer: Analysis via Tensor Programs', '2506.00846'],
        ['Neural Cellular Automata for ARC-AGI', '2506.15746'],
        ['Fast and Simplex: 2-Simplicial Attention in Triton', '2507.02754'],
        ['SingLoRA: Low Rank Adaptation Using a Single Matrix', '2507.05566'],
        ['Forgetting Transformer: Softmax Attention with a Forget Gate', '2503.02130'],
      ],
    );
    assert.equal(r.drafts[0].title_ru, 'Навигация по динамике латентного пространства нейронных моделей');
    assert.equal(r.drafts[0].source.url, 'https://www.alphaxiv.org/ru/overview/2505.22785');
  });

  it('removes the link-preview card and skips the video caption', () => {
    const nca = r.drafts.find((d) => d.arxiv[0] === '2506.15746')!;
    assert.doesNotMatch(nca.body, /View recent discussion|\| alphaXiv/);
    assert.match(nca.body, /NCA решили 23 из 172/);
    assert.equal(nca.body.split('NCA решили').length - 1, 1);
    assert.deepEqual(r.skipped.map((s) => s.excerpt), ['CL-3 от LimX Dynamics']);
  });

  it('keeps a formula line as summary, not as the next title', () => {
    const fox = r.drafts.find((d) => d.arxiv[0] === '2503.02130')!;
    assert.equal(fox.title, 'Forgetting Transformer: Softmax Attention with a Forget Gate');
    assert.match(fox.body, /softmax\(𝐐𝐊ᵀ \+ 𝐃\)V/);
  });
});

describe('import: Telegram Desktop JSON export', () => {
  const text = fixture('result.json');

  it('imports paper messages with date and arXiv ID, skips service, meme, media-only and job messages', () => {
    const r = importSource(text, 'result.json');
    assert.equal(r.format, 'telegram-json');
    assert.deepEqual(r.drafts.map((d) => [d.id, d.arxiv.join(), d.source.date]), [
      ['contextual-position-encoding', '2405.18719', '2024-05-31'],
      ['reducing-transformer-key-value-cache-size', '2405.12981', '2024-06-05'],
    ]);
    assert.equal(r.drafts[0].source.name, 'ML Papers Club');
    assert.equal(r.skipped.length, 4);
    assert.match(r.skipped.map((s) => s.reason).join('\n'), /service message[\s\S]*meme[\s\S]*media without text[\s\S]*job ad/);
    assert.deepEqual(r.problems, []);
    assertClean(r.drafts[0].body);
  });

  it('recovers the complete messages of a truncated export and names the break', () => {
    const cut = text.slice(0, text.indexOf('"id": 4') + 30);
    const r = importSource(cut, 'result.json');
    assert.deepEqual(r.drafts.map((d) => d.id), ['contextual-position-encoding']);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'error');
    assert.equal(r.problems[0].file, 'result.json');
    assert.match(r.problems[0].message, /truncated or invalid JSON export.*recovered 3 complete message/);
    assert.ok((r.problems[0].line ?? 0) > 40);
  });

  it('rejects JSON that is not an export', () => {
    const r = importSource('{"foo": [1, 2]}', 'data.json');
    assert.equal(r.drafts.length, 0);
    assert.match(r.problems[0].message, /unknown format/);
  });
});

describe('import: bad input', () => {
  const one = (text: string, name = 'x.txt') => importSource(text, name);

  it('empty and whitespace-only files', () => {
    for (const t of ['', '  \n\n\t']) {
      const r = one(t, 'empty.txt');
      assert.deepEqual(r.problems.map((p) => [p.file, p.message]), [['empty.txt', 'empty file']]);
    }
  });

  it('binary files', () => {
    const r = one('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', 'image.txt');
    assert.match(r.problems[0].message, /binary/);
    const junk = one('\uFFFD'.repeat(200) + 'abc', 'junk.txt');
    assert.match(junk.problems[0].message, /binary/);
  });

  it('a page of an unknown format', () => {
    const r = one('Dear diary,\ntoday I read a paper.\nIt was good.\n', 'diary.txt');
    assert.equal(r.format, 'unknown');
    assert.match(r.problems[0].message, /unknown format/);
  });

  it('CRLF line endings give the same drafts as LF', () => {
    const lf = fixture('rizzearch-page2.txt');
    const a = importSource(lf, 'p.txt');
    const b = importSource(lf.replace(/\n/g, '\r\n'), 'p.txt');
    assert.deepEqual(b.drafts, a.drafts);
    assert.ok(b.drafts.every((d) => !d.body.includes('\r')));
  });

  it('a post without a title is still imported, with a warning naming the line', () => {
    const text = [
      'Please open Telegram to view this post',
      'VIEW IN TELEGRAM',
      '❤3',
      'В этой статье авторы предлагают новый способ оценивать языковые модели на длинных текстах. ' + 'Исследователи показывают, что привычные метрики врут. '.repeat(20),
      '🔥5',
    ].join('\n');
    const r = one(text, 'untitled.txt');
    assert.equal(r.drafts.length, 1);
    assert.match(r.drafts[0].title, /^В этой статье авторы/);
    const w = r.problems.find((p) => /no title/.test(p.message));
    assert.ok(w);
    assert.equal(w.line, 3);
    assert.equal(w.severity, 'warning');
  });

  it('a large page is parsed in reasonable time, every post kept', () => {
    const post = (i: number) =>
      [`Paper Number ${i}: A Study of Things`, `авторы ${i} предлагают метод номер ${i}, и он работает`, `вывод ${i}: стоит почитать`, '👀LINK', `🔥${i}`].join('\n');
    const big = Array.from({ length: 3000 }, (_, i) => post(i)).join('\n');
    const t0 = Date.now();
    const r = one(big, 'big.txt');
    assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms`);
    assert.equal(r.drafts.length, 3000);
  });
});

describe('import: duplicate posts across files', () => {
  it('a post in two files (full and truncated) becomes one draft with the complete text', () => {
    const page = fixture('rizzearch-page2.txt');
    const full = importSource(page, 'a.txt');
    const cutAt = page.indexOf('Для экспов берут');
    const truncated = importSource(page.slice(0, cutAt) + '\n👀 LINK\n5👍2🔥1\n', 'b.txt');
    const combined = combineResults([truncated, full]);
    const naqs = combined.drafts.filter((d) => d.title.startsWith('Deep Autoregressive'));
    assert.equal(naqs.length, 1);
    assert.match(naqs[0].body, /модели Изинга/);
  });
});

describe('import: helpers', () => {
  it('reaction counters, with or without their emoji', () => {
    for (const l of ['❤9🔥8👍2🗿1', '👍51🔥11', '13👍3', '432', '🔥4111', '🤯3🕊1🥴1']) assert.ok(isReactionLine(l), l);
    for (const l of ['👀LINK', '🔥 Unpacking Softmax', 'Views6.4K', '2024 год', '', '1234567']) assert.ok(!isReactionLine(l), l);
  });

  it('arXiv IDs from links and text, not from version numbers or longer digit runs', () => {
    assert.deepEqual(arxivIdsIn('see https://www.alphaxiv.org/ru/overview/2506.00846v1 and arXiv:2405.18719v2'), ['2506.00846', '2405.18719']);
    assert.deepEqual(arxivIdsIn('version 1.2405.18719 or 12405.18719 or 2405.1871 or 2413.12345'), []);
  });

  it('slugs: the part before the colon, transliterated when Russian', () => {
    assert.equal(slugify("Contextual Position Encoding: Learning to Count What's Important"), 'contextual-position-encoding');
    assert.equal(slugify('CPPO: Continual Learning for RLHF'), 'cppo');
    assert.equal(slugify('Как устроен RAPTOR'), 'kak-ustroen-raptor');
    assert.equal(slugify('🔥 ∞-gram'), 'infini-gram');
  });

  it('a repeated last sentence is not mistaken for a copy', () => {
    const lines = ['Title of a paper here', 'one long line of text a', 'two long line of text b', 'three long line of text c', 'four long line of text d', 'five', 'one long line of text a'];
    assert.equal(completeCopyLength(lines), lines.length);
    assert.equal(completeCopyLength([...lines.slice(0, 6), 'one long line of text a', 'two long line of te', 'three long line of text c']), 6);
  });

  it('detects formats by content, not by file name', () => {
    assert.equal(detectFormat(fixture('habr.txt'), 'page.json.txt'), 'habr');
    assert.equal(detectFormat(fixture('alphaxiv.txt'), 'x'), 'alphaxiv');
    assert.equal(detectFormat('just\ntext\n12\n34', 'x'), undefined);
  });
});

describe('import: re-running over curated digests', () => {
  const drafts = importSource(fixture('alphaxiv.txt'), 'alphaxiv.txt').drafts;
  const curate = (d: Draft): Draft => ({ ...d, title: d.title + ' (curated)', methods: ['X-Method'], topics: ['attention'], arxiv: d.arxiv.length ? d.arxiv : ['2401.00001'] });

  it('mergeWithExisting never overwrites title, arXiv IDs, methods, topics', () => {
    const existing = curate(drafts[0]);
    const merged = mergeWithExisting({ ...drafts[0], arxiv: ['2999.99999'] }, existing);
    assert.equal(merged.title, existing.title);
    assert.deepEqual(merged.arxiv, existing.arxiv);
    assert.deepEqual(merged.methods, ['X-Method']);
    assert.deepEqual(merged.topics, ['attention']);
  });

  it('keeps a hand-edited body, but takes a more complete version of the same text', () => {
    const edited = { ...drafts[0], body: 'Hand-written summary.' };
    assert.equal(mergeWithExisting(drafts[0], edited).body, 'Hand-written summary.');
    const cut = { ...drafts[0], body: drafts[0].body.slice(0, 120) };
    assert.equal(mergeWithExisting(drafts[0], cut).body, drafts[0].body);
  });

  it('finds the curated digest even after it was renamed', () => {
    const habr = importSource(fixture('habr.txt'), 'habr.txt').drafts[0];
    const renamed = { ...habr, id: 'matmul-free-language-modeling', title: 'Scalable MatMul-free Language Modeling', arxiv: ['2406.02528'] };
    assert.equal(findExisting(habr, [renamed]), renamed);
    const unrelated = { ...renamed, title_ru: 'Другое', body: 'Совсем другой текст о другой статье, который ни с чем не совпадает.' };
    assert.equal(findExisting(habr, [unrelated]), undefined);
  });

  it('a second run plans no change at all', () => {
    const same = (a: Draft, b: Draft) => serializeDigest(a, a.body) === serializeDigest(b, b.body);
    const first = planImport(drafts, [], same);
    assert.ok(first.every((p) => p.status === 'new'));
    const curated = first.map((p) => curate(p.digest));
    const second = planImport(drafts, curated, same);
    assert.deepEqual(second.map((p) => p.status), drafts.map(() => 'unchanged'));
    assert.deepEqual(second.map((p) => p.digest), curated);
  });

  it('a new post whose id is taken by a different digest gets a fresh id', () => {
    const same = () => false;
    const other = { ...curate(drafts[0]), title: 'Something else', title_ru: undefined, arxiv: ['2101.00001'], body: 'Unrelated text that shares nothing with the draft at all, long enough.' };
    const plan = planImport([drafts[0]], [other], same);
    assert.equal(plan[0].status, 'new');
    assert.equal(plan[0].digest.id, drafts[0].id + '-2');
  });
});
