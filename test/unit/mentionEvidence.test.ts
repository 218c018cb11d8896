import * as assert from 'node:assert/strict';
import { applyControls, inEncodedData, isMinifiedLine, nameKey } from '../../src/core/recognizer/mentionEvidence';
import { compileNames } from '../../src/core/recognizer/nameTable';
import { identifierRange, MAX_DIGESTS_PER_NAME, Recognizer, RecognizerEntry, splitLines } from '../../src/core/recognizer/recognizer';
import { Mention } from '../../src/core/types';
import { ENTRIES, recognizerEntry } from '../builders/recognizer';

const WORDS = new Set(['cope', 'diamond', 'fox', 'raptor', 'reft', 'nat', 'task', 'contamination', 'forward', 'spectrum']);
const isWord = (w: string): boolean => WORDS.has(w);

const entries: RecognizerEntry[] = [
  ...ENTRIES,
  { ...recognizerEntry('reft', { arxiv: ['2404.03592'], methods: ['ReFT', 'LoReFT'] }), aliases: ['pyreft'], title: 'ReFT: Representation Finetuning for Language Models' },
  { ...recognizerEntry('nat', { arxiv: ['1704.05310'], methods: ['NAT', 'Noise As Targets'] }), title: 'Unsupervised Learning by Predicting Noise' },
  { ...recognizerEntry('srt', { methods: ['SRT', 'Surgical Robot Transformer'] }), title: 'Surgical Robot Transformer (SRT): Imitation Learning for Surgical Tasks' },
];
const r = Recognizer.build(entries, { isWord });

/** `text=>ids` of each mention of a probe document (lines joined by `\n`). */
function found(doc: string): string[] {
  return r.scanText(doc).map((m) => `${m.line}:${m.text}=>${m.digests.join(',')}`);
}

describe('mention evidence: ambiguous names need support in the document', () => {
  it('classifies names: short acronyms, English words and other software are ambiguous', () => {
    const table = compileNames(entries, { isWord });
    const flags = new Map(table.keys.split('\n').map((k, i) => [k, Number(table.spellings.split('\n')[i].split('/')[0])]));
    // 4 = word, 8 = short.
    assert.equal(flags.get('cla')! & 8, 8);
    assert.equal(flags.get('raptor')! & 4, 4);
    assert.equal(flags.get('retnet')! & 12, 0);
    assert.equal(flags.get('loreft')! & 12, 0);
    assert.equal(flags.get('crosslayerattention')! & 12, 0);
    assert.equal(flags.get('taskcontamination')! & 4, 4, 'a lower-case phrase of English words');
  });

  it('a CONTRIBUTING file gets no card for CLA, NAT or SRT', () => {
    const doc = [
      '# Contributing',
      'Before we can merge, you need to sign the Contributor License Agreement ("CLA").',
      'Our tests cover NAT traversal and SRT streams.',
      'See MSR-VTT for the video benchmark.',
    ].join('\n');
    assert.deepEqual(found(doc), []);
  });

  it('never fires against a spelled-out expansion, even with ML context', () => {
    const doc = ['import torch  # softmax attention embeddings', 'class FairseqNATModel(nn.Module):', '    """Non-Autoregressive Transformer (NAT)."""'].join('\n');
    assert.deepEqual(found(doc), []);
  });

  it('an unambiguous mention of the same digest supports it anywhere in the document, in any case', () => {
    const doc = ['import pyreft', '', '# get reft model', 'x = NAT(y)'].join('\n');
    assert.deepEqual(found(doc), ['0:pyreft=>reft', '2:reft=>reft']);
  });

  it('an acronym spelled out as its digest\'s title is evidence; spelled out otherwise, it is not', () => {
    const ppo = Recognizer.build([{ ...recognizerEntry('ppo', { arxiv: ['1707.06347'], methods: ['PPO'] }), title: 'Proximal Policy Optimization Algorithms' }], { isWord });
    const scan = (doc: string) => ppo.scanText(doc).map((m) => `${m.line}:${m.text}=>${m.digests.join(',')}`);
    assert.deepEqual(scan('We fine-tune with PPO (Proximal Policy Optimization).'), ['0:PPO=>ppo']);
    assert.deepEqual(scan('Checkout fees: PPO (Pay Per Order).'), []);
    assert.deepEqual(scan('We fine-tune with PPO.'), []);
  });

  it('the digest\'s own spell-out is evidence, not contrary evidence', () => {
    assert.deepEqual(found('KV sharing via Cross-Layer Attention.\nuse_cla = True'), ['0:Cross-Layer Attention=>cla', '1:cla=>cla']);
    assert.deepEqual(found('Noise As Targets (NAT) learns features'), ['0:Noise As Targets=>nat', '0:NAT=>nat']);
  });

  it('an arXiv ID supports its digest only', () => {
    assert.deepEqual(found('CoPE and CLA\nhttps://arxiv.org/abs/2405.18719'), ['0:CoPE=>cope', '1:https://arxiv.org/abs/2405.18719=>cope']);
  });

  it('ML context supports English-word names in code, not in prose, and never short acronyms alone', () => {
    const ml = 'import torch\nfrom transformers import AutoModel  # attention, embeddings\n';
    assert.deepEqual(found(ml + 'tree = raptor_tree(docs)\nwe cope with a diamond of options\nuse_cla = 1'), ['2:raptor=>raptor']);
    assert.deepEqual(found('cd raptor\nraptor build --kmer 32\n`raptor search`'), [], 'no ML context: a bioinformatics tool');
  });

  it('the digest\'s own vocabulary supports a short name', () => {
    assert.deepEqual(found('The surgical robot learns imitation from demonstrations.\nsrt_policy = load()'), ['1:srt=>srt']);
    assert.deepEqual(found('WNNC_NET_SRT = 7'), []);
  });

  it('unambiguous names fire everywhere, in any case, as arguments and in kebab-case', () => {
    assert.deepEqual(found('print(retnet)\npip install yet-another-retnet\nRETNET and Retnet'), [
      '0:retnet=>retnet',
      '1:retnet=>retnet',
      '2:RETNET=>retnet',
      '2:Retnet=>retnet',
    ]);
  });

  it('finds plurals of names but not of English words', () => {
    assert.deepEqual(found('import pyreft\nTwo ReFTs and three RetNets'), ['0:pyreft=>reft', '1:ReFTs=>reft', '1:RetNets=>retnet']);
    assert.deepEqual(found('import torch, transformers  # attention\n`diamonds` = 3'), []);
  });

  it('reads command-line flags and kebab-case compounds with digits as code', () => {
    const doc = 'See arXiv:2405.18719 and arXiv:2503.02130\npython train.py --cope-sep-key 1 --config fox-pro-760m';
    assert.deepEqual(
      found(doc).filter((m) => m.startsWith('1:')),
      ['1:cope=>cope', '1:fox=>fox'],
    );
  });
});

describe('mention evidence: encoded data', () => {
  it('finds no names inside base64, integrity hashes, data URIs or notebook image outputs', () => {
    const doc = [
      'RetNet is real here',
      '"integrity": "sha512-Ujjeba29NaT6txRetNetq0jLz4Dp7Fq1uB3cWmLmHx9p2Kx0tFvGqYb8sZcOw=="',
      '<img src="data:image/png;base64,iVBORw0KGgoRetNetAAAANSUhEUgAAAAEAAAABCAY">',
      '      "AAAUjjeba29NaT6txCLAoB3RtUUo2Q1c5bFhQRetNetk5Z2xqR3F0\\n",',
    ].join('\n');
    assert.deepEqual(found(doc), ['0:RetNet=>retnet']);
  });

  it('tells random base64 from camelCase identifiers', () => {
    const id = 'MultiScaleRetentionLayer2D';
    assert.equal(inEncodedData(id, 10, 19), false);
    const b64 = 'q0jLz4Dp7Fq1uRetNetB3cWmLmHx9p2Kx0tFvGqYb8sZcOw';
    assert.equal(inEncodedData(b64, b64.indexOf('RetNet'), b64.indexOf('RetNet') + 6), true);
    assert.equal(inEncodedData('commit 4d1e0e82e5adf86dd424f1463192635b73fc8efc', 10, 14), true);
  });

  it('treats long lines with hardly any spaces as minified', () => {
    assert.equal(isMinifiedLine('a=1;b=2;'.repeat(500)), true);
    assert.equal(isMinifiedLine('word '.repeat(500)), false);
    assert.equal(isMinifiedLine('short'), false);
  });
});

describe('mention evidence: controls and ranges', () => {
  const m = (digests: string[], fields: Partial<Mention> = {}): Mention => ({ line: 0, character: 0, endCharacter: 3, text: 'cla', kind: 'method', name: 'CLA', digests, ...fields });

  it('hides ignored names in any spelling and muted digests, keeping the other digests', () => {
    assert.deepEqual(applyControls([m(['cla'])], { ignoreNames: ['cla'] }), []);
    assert.deepEqual(applyControls([m(['cla'], { name: 'Cross-Layer Attention' })], { ignoreNames: ['cross layer attention'] }), []);
    assert.deepEqual(applyControls([m(['a', 'b'])], { ignoreDigests: ['a'] }).map((x) => x.digests), [['b']]);
    const arxiv = m(['a'], { kind: 'arxiv', arxiv: '2405.12981', name: undefined });
    assert.deepEqual(applyControls([arxiv], { ignoreDigests: ['a'] }), [], 'no "unknown ID" card for a muted digest');
    const unknown = m([], { kind: 'arxiv', arxiv: '2501.00001', name: undefined });
    assert.deepEqual(applyControls([unknown], { ignoreDigests: ['a'], ignoreNames: ['x'] }), [unknown]);
    assert.equal(nameKey('Use-CLA'), 'usecla');
  });

  it('covers the whole identifier around a name', () => {
    for (const [text, name, whole] of [
      ['golovneva2024cope', 'cope', 'golovneva2024cope'],
      ['x = use_cla', 'cla', 'use_cla'],
      ['--config fox-pro-760m', 'fox', 'fox-pro-760m'],
    ] as const) {
      const at = text.lastIndexOf(name);
      const range = identifierRange(text, { character: at, endCharacter: at + name.length, kind: 'method' });
      assert.equal(text.slice(range.start, range.end), whole);
    }
  });

  it('the hover lookup finds the card anywhere on the identifier', () => {
    const doc = r.analyze(['import pyreft', 'cfg = loreft_config_v2']);
    const line = 'cfg = loreft_config_v2';
    assert.deepEqual(doc.at(1, line.indexOf('config'), line).map((x) => x.text), ['loreft']);
    assert.deepEqual(doc.at(1, 0, line), []);
  });
});

describe('mention evidence: one decision per document version', () => {
  it('answers a hover on an unambiguous name from its line, and decides the document for an ambiguous one', () => {
    const rec = Recognizer.build(entries, { isWord });
    let reads = 0;
    const text = ['import pyreft', 'model = RetNet(cfg)  # get reft model'];
    const lines = (): string[] => {
      reads++;
      return text;
    };
    const doc = {};
    assert.deepEqual(rec.hoverAt(doc, 1, lines, 1, 9, text[1]).map((m) => m.text), ['RetNet']);
    assert.equal(reads, 0, 'an unambiguous name needs no document pass');
    const at = text[1].indexOf('reft');
    assert.deepEqual(rec.hoverAt(doc, 1, lines, 1, at, text[1]).map((m) => m.text), ['reft']);
    assert.equal(reads, 1);
    assert.deepEqual(rec.hoverAt(doc, 1, lines, 1, 9, text[1]).map((m) => m.text), ['RetNet']);
    assert.equal(reads, 1, 'the decision is reused');
  });

  it('computes a document once per version and again for a new one', () => {
    const rec = Recognizer.build(entries, { isWord });
    let reads = 0;
    const lines = (): string[] => {
      reads++;
      return ['import pyreft', '# get reft model'];
    };
    const doc = {};
    const first = rec.document(doc, 1, lines);
    assert.equal(rec.document(doc, 1, lines), first);
    assert.equal(reads, 1);
    rec.document(doc, 2, lines);
    assert.equal(reads, 2);
    // Another document at the same version (an untitled URI reused) is decided afresh.
    rec.document({}, 2, lines);
    assert.equal(reads, 3);
    assert.deepEqual(first.mentions.map((x) => x.text), ['pyreft', 'reft']);
  });

  it('does work linear in the number of digests sharing a name, and caps the digests per mention', () => {
    const work = (digests: number): { work: number; shown: number } => {
      const many = Array.from({ length: digests }, (_, i) => recognizerEntry(`user-${i}`, { methods: ['forward', 'SharedNet'] }));
      const rec = Recognizer.build(many);
      const doc = splitLines(Array.from({ length: 200 }, (_, i) => `    def forward(self, x${i}):  # SharedNet`).join('\n'));
      const found = rec.analyze(doc).mentions;
      return { work: rec.work, shown: Math.max(...found.map((m) => m.digests.length)) };
    };
    const small = work(200);
    const large = work(2000);
    // A mention visits at most MAX_DIGESTS_PER_NAME of the digests sharing its name: ten times
    // the digests, no more work.
    assert.ok(large.work <= small.work, `${small.work} → ${large.work}`);
    assert.equal(large.shown, MAX_DIGESTS_PER_NAME);
  });
});
