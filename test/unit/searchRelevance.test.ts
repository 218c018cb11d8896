/**
 * Relevance on the real corpus (digests/): each query must bring its digest into the top 3.
 * Every case names the text in that digest that makes it the right answer (`because`), and the
 * test checks the digest really says it: the expectations follow the digests, not the engine.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildBundle } from '../../src/core/corpus/bundle';
import { Corpus } from '../../src/core/corpus/corpus';
import { bundleSearch, DigestSearch } from '../../src/core/search/search';
import { loadDigestFolder } from '../../src/cli/validate';

// Tests run from out/test/unit; the repository root is three levels up.
const root = path.resolve(__dirname, '..', '..', '..');
const folder = path.join(root, 'digests');

interface Case {
  q: string;
  expect: string;
  /** Text of the expected digest (front matter or body) that answers the query. */
  because: string;
}

const CASES: Case[] = [
  // Concepts, in English, as a reader types them; the digests say them in Russian ML slang.
  { q: 'linear attention', expect: 'retnet', because: 'в линейном аттеншне' },
  { q: 'state space', expect: 'locost-and-spectrum', because: 'State-Space' },
  { q: 'state space', expect: 'retnet', because: 'стейт спейс модели' },
  { q: 'mixture of experts', expect: 'experts-and-models-shrinking-llms', because: 'Experts and models all mixed up' },
  { q: 'ternary weights', expect: 'matmul-free-language-modeling', because: 'ternary weights (−1, 0, +1)' },
  { q: 'тернарные веса', expect: 'matmul-free-language-modeling', because: 'тернарные веса (−1, 0, +1)' },
  { q: 'rlhf', expect: 'cppo', because: 'из рлхф' },
  { q: 'reward model', expect: 'cppo', because: 'научили ревард модельку' },
  { q: 'retrieval augmented generation', expect: 'raptor', because: 'новый подход для RAG' },
  { q: 'кэш', expect: 'cross-layer-attention', because: 'KV Cache поистине прекрасная идея' },
  { q: 'KV-кэш', expect: 'cross-layer-attention', because: 'Key-Value Cache' },
  { q: 'knowledge graph', expect: 'knowledge-graphs-and-llms', because: 'How knowledge graphs and LLMs' },
  { q: 'low rank adaptation', expect: 'singlora', because: 'Low Rank Adaptation Using a Single Matrix' },
  { q: 'forget gate', expect: 'forgetting-transformer', because: 'Softmax Attention with a Forget Gate' },
  { q: 'world model', expect: 'diamond-diffusion-world-model', because: 'Diffusion for World Modeling' },
  { q: 'n-gram language model', expect: 'infini-gram', because: 'Unbounded n-gram Language Models' },
  { q: 'offline rl', expect: 'offline-rl-bottleneck', because: 'Bottleneck in Offline RL' },
  { q: 'representation collapse', expect: 'unpacking-softmax', because: 'Representation Collapse' },
  { q: 'softmax temperature', expect: 'unpacking-softmax', because: 'How Temperature Drives' },
  { q: 'imitation learning surgery', expect: 'surgical-robot-transformer', because: 'Imitation Learning for Surgical Tasks' },
  { q: 'many-body quantum systems', expect: 'neural-autoregressive-quantum-states', because: 'Many-Body Quantum Systems' },
  { q: 'abrupt learning', expect: 'loss-plateau-abrupt-learning', because: 'Understanding Abrupt Learning in Transformers' },
  { q: 'data-constrained diffusion', expect: 'diffusion-beats-autoregressive', because: 'Diffusion Beats Autoregressive in Data-Constrained Settings' },
  { q: 'feedback attention working memory', expect: 'transformerfam', because: 'Feedback attention is working memory' },
  { q: 'random networks', expect: 'neural-redshift', because: 'Random Networks are not Random Functions' },
  { q: 'latent space dynamics', expect: 'latent-space-dynamics', because: 'Latent Space Dynamics' },
  { q: 'Schmidhuber', expect: 'data-selection-small-language-models', because: 'what Schmidhuber has to do with it' },
  // Russian, inflected differently from the digest.
  { q: 'позиционное кодирование', expect: 'contextual-position-encoding', because: 'Contextual Position Encoding' },
  { q: 'вентиль забывания', expect: 'forgetting-transformer', because: 'с вентилем забывания' },
  { q: 'низкоранговая адаптация', expect: 'singlora', because: 'Низкоранговая адаптация' },
  { q: 'граф знаний', expect: 'knowledge-graphs-and-llms', because: 'Как графы знаний и LLM' },
  { q: 'синтаксис', expect: 'how-llms-learn-syntax', because: 'Как LLM учат понимать синтаксис' },
  { q: 'цифровой клон свиньи', expect: 'pig-digital-clone', because: 'Цифровой клон свиньи' },
  { q: 'клеточный автомат', expect: 'nca-arc-agi', because: 'Нейронные клеточные автоматы' },
  { q: 'плато потерь', expect: 'loss-plateau-abrupt-learning', because: 'во время плато потерь' },
  { q: 'суммаризация', expect: 'locost-and-spectrum', because: 'два подхода к суммаризации' },
  { q: 'на каком языке думают модели', expect: 'what-language-llms-think-in', because: 'На каком языке думают языковые модели' },
  { q: 'перемножение матриц', expect: 'matmul-free-language-modeling', because: 'без перемножения матриц' },
  { q: 'Шмидхубер', expect: 'data-selection-small-language-models', because: 'причём здесь Шмидхубер' },
  // Names and IDs, exact or in another spelling.
  { q: 'RetNet', expect: 'retnet', because: 'RetNet' },
  { q: 'CoPE', expect: 'contextual-position-encoding', because: 'CoPE' },
  { q: 'Multi-Scale Retention', expect: 'retnet', because: 'Multi-Scale Retention' },
  { q: 'delta iris', expect: 'delta-iris', because: 'Δ-IRIS' },
  { q: 'matmul free', expect: 'matmul-free-language-modeling', because: 'MatMul-free' },
  { q: 'AlphaGeometry', expect: 'wus-method-imo-geometry', because: 'AlphaGeometry' },
  { q: 'hierarchical reasoning model', expect: 'hrm-arc-agi-analysis', because: 'Hierarchical Reasoning Model' },
  { q: '2405.12981', expect: 'cross-layer-attention', because: '2405.12981' },
  { q: 'https://arxiv.org/abs/2405.12981', expect: 'cross-layer-attention', because: '2405.12981' },
  { q: 'arXiv:2307.08621v2', expect: 'retnet', because: '2307.08621' },
  { q: 'https://www.alphaxiv.org/ru/overview/2404.03592', expect: 'reft', because: '2404.03592' },
  { q: 'https://huggingface.co/papers/2507.05566', expect: 'singlora', because: '2507.05566' },
  { q: 'https://arxiv.org/pdf/2401.18059v1', expect: 'raptor', because: '2401.18059' },
  // Typos, transpositions included.
  { q: 'retnte', expect: 'retnet', because: 'RetNet' },
  { q: 'Retentvie Netwrok', expect: 'retnet', because: 'Retentive Network' },
  { q: 'forgeting transfomer', expect: 'forgetting-transformer', because: 'Forgetting Transformer' },
  { q: 'knowlegde graphs', expect: 'knowledge-graphs-and-llms', because: 'knowledge graphs' },
  { q: 'antidistilation', expect: 'antidistillation-sampling', because: 'Antidistillation Sampling' },
  { q: 'синтакиса', expect: 'how-llms-learn-syntax', because: 'синтаксис' },
  { q: 'platonic reprsentation', expect: 'platonic-representation-hypothesis', because: 'The Platonic Representation Hypothesis' },
];

describe('search relevance on the corpus', function () {
  this.timeout(20_000);
  let search: DigestSearch;
  const texts = new Map<string, string>();

  before(() => {
    const { digests, topics } = loadDigestFolder(folder);
    for (const file of fs.readdirSync(folder)) if (file.endsWith('.md')) texts.set(file.slice(0, -3), fs.readFileSync(path.join(folder, file), 'utf8'));
    const { index } = buildBundle(digests, topics);
    const corpus = new Corpus(index.digests, index.topics, async () => undefined);
    search = bundleSearch({ ids: index.digests.map((d) => d.id), searchIndex: index.searchIndex, entries: { length: index.digests.length, at: (i) => index.digests[i] } }, corpus);
  });

  it(`has at least 40 queries, each justified by its digest's text`, () => {
    assert.ok(new Set(CASES.map((c) => c.q)).size >= 40);
    for (const c of CASES) {
      const text = texts.get(c.expect);
      assert.ok(text, `no digest ${c.expect}`);
      assert.ok(text.toLowerCase().includes(c.because.toLowerCase()), `${c.expect} does not say "${c.because}"`);
    }
  });

  for (const c of CASES) {
    it(`"${c.q}" → ${c.expect} in the top 3`, () => {
      const top = search.search(c.q, 10).map((h) => h.id);
      assert.ok(top.slice(0, 3).includes(c.expect), `top: ${top.slice(0, 5).join(', ')}`);
    });
  }

  it('an arXiv link puts its digest first', () => {
    assert.strictEqual(search.search('see https://arxiv.org/abs/2405.12981 for details')[0].id, 'cross-layer-attention');
  });

  it('"retention" ranks RetNet first, above the CPPO loss of the same name', () => {
    assert.strictEqual(search.search('retention')[0].id, 'retnet');
  });

  it('"lora" does not bring 2-Simplicial or NCA through typo matches', () => {
    const ids = search.search('lora').map((h) => h.id);
    assert.strictEqual(ids[0], 'singlora');
    assert.ok(!ids.includes('2-simplicial-attention') && !ids.includes('nca-arc-agi'), ids.join(', '));
  });

  it('a hit lists first the words of the field it is labelled with', () => {
    const hit = search.search('replace attention with retention')[0];
    assert.strictEqual(hit.id, 'retnet');
    assert.strictEqual(hit.field, 'name');
    assert.strictEqual(hit.words[0], 'retention', hit.words.join(', '));
  });

  it('a word that is in no digest finds nothing', () => {
    assert.deepStrictEqual(search.search('zzqqxxwwvvjj'), []);
  });
});
