import * as assert from 'node:assert/strict';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { ENTRIES } from '../builders/recognizer';

type Lang = 'python' | 'typescript' | 'markdown' | 'latex' | 'bibtex' | 'text' | 'russian';
/** Expected mentions, in order, as `text=>digest,digest` (nothing after `=>`: not in the corpus). */
type Row = [Lang, string, string[]];

const POSITIVE: Row[] = [
  // Unambiguous names count in any case, prose too.
  ['text', 'retnet is lowercase in prose here', ['retnet=>retnet']],
  ['text', 'Retnet is written in title case', ['Retnet=>retnet']],
  ['text', 'Singlora as a plain word', ['Singlora=>singlora']],
  ['python', 'print(retnet)', ['retnet=>retnet']],
  ['python', 'model: RetNet = load("yet-another-retnet")', ['RetNet=>retnet', 'retnet=>retnet']],
  ['markdown', 'Three RetNets and two MatMul-free models', ['RetNets=>retnet', 'MatMul-free=>matmul-free']],
  // Python
  ['python', 'class CoPEAttention(nn.Module):', ['CoPE=>cope']],
  ['python', 'x = retnet_block(x)', ['retnet=>retnet']],
  ['python', 'use_cla: bool = True', ['cla=>cla']],
  ['python', 'from models.delta_iris import DeltaIRIS', ['delta_iris=>delta-iris', 'DeltaIRIS=>delta-iris']],
  ['python', 'import retnet', ['retnet=>retnet']],
  ['python', 'model = RetNet(config)', ['RetNet=>retnet']],
  ['python', 'self.cope = CoPE(dim)', ['cope=>cope', 'CoPE=>cope']],
  ['python', 'def forward_fox(self, q, k):', ['fox=>fox']],
  ['python', 'gate = FoXGate(d_model)', ['FoX=>fox']],
  ['python', 'layer = SingLoRAAdapter(rank=1)', ['SingLoRA=>singlora']],
  ['python', '# see arXiv:2405.18719 for details', ['arXiv:2405.18719=>cope']],
  ['python', '"""Implements RAPTOR (arXiv:2401.18059)."""', ['RAPTOR=>raptor', 'arXiv:2401.18059=>raptor']],
  ['python', 'url = "https://arxiv.org/abs/2307.08621v3"', ['https://arxiv.org/abs/2307.08621v3=>retnet']],
  ['python', 'raptor_tree = build_tree(docs)', ['raptor=>raptor']],
  ['python', 'diamond_env = make_env()', ['diamond=>diamond']],
  ['python', 'MATMUL_FREE = True', ['MATMUL_FREE=>matmul-free']],
  ['python', 'mamba2_layer = Mamba2(d)', ['mamba2=>mamba2', 'Mamba2=>mamba2']],
  ['python', 'use_mup = True', ['mup=>mup']],
  ['python', 'n = cfg.xlstm.num_blocks', ['xlstm=>xlstm']],
  ['python', 'print(f"loaded {DIAMOND}")', ['DIAMOND=>diamond']],
  ['python', 'q = cope(q, k)', ['cope=>cope']],
  ['python', 'old = "hep-th/9901001"', ['hep-th/9901001=>old-string']],
  ['python', 'from cope import ContextualPositionEncoding', ['cope=>cope', 'ContextualPositionEncoding=>cope']],
  ['python', 'block = mamba.Mamba(d_model=64)', ['mamba=>mamba,ssm-survey', 'Mamba=>mamba,ssm-survey']],
  // TypeScript
  ['typescript', 'export class RetNetLayer implements Layer {}', ['RetNet=>retnet']],
  ['typescript', 'const useCla = options.useCla ?? false;', ['Cla=>cla', 'Cla=>cla']],
  ['typescript', "import { CoPE } from './cope';", ['CoPE=>cope', 'cope=>cope']],
  ['typescript', 'function applyFoX(q: Tensor): Tensor {', ['FoX=>fox']],
  ['typescript', "const paper = 'https://www.alphaxiv.org/abs/2406.02528';", ['https://www.alphaxiv.org/abs/2406.02528=>matmul-free']],
  ['typescript', 'type DiamondConfig = { steps: number };', ['Diamond=>diamond']],
  ['typescript', '// Based on https://huggingface.co/papers/2405.12981?utm_source=x', ['https://huggingface.co/papers/2405.12981=>cla']],
  ['typescript', 'const singLoraRank = 1;', ['singLora=>singlora']],
  ['typescript', "enum Method { Raptor = 'raptor' }", ['Raptor=>raptor', 'raptor=>raptor']],
  ['typescript', 'this.deltaIris = new DeltaIRIS();', ['deltaIris=>delta-iris', 'DeltaIRIS=>delta-iris']],
  ['typescript', "const ids = ['2405.18719', '2307.08621'];", ['2405.18719=>cope', '2307.08621=>retnet']],
  ['typescript', 'export const FOX_GATE_BIAS = -2;', ['FOX=>fox']],
  ['typescript', '@cope decorator', ['cope=>cope']],
  // Markdown
  ['markdown', 'We compare **RetNet** with Mamba.', ['RetNet=>retnet', 'Mamba=>mamba,ssm-survey']],
  ['markdown', 'See [CoPE](https://arxiv.org/abs/2405.18719).', ['CoPE=>cope', 'https://arxiv.org/abs/2405.18719=>cope']],
  ['markdown', 'The `cope` module implements it.', ['cope=>cope']],
  ['markdown', '## DIAMOND: diffusion world model', ['DIAMOND=>diamond']],
  ['markdown', '- RAPTOR builds a tree of summaries', ['RAPTOR=>raptor']],
  ['markdown', 'Paper: https://arxiv.org/pdf/2401.18059v2', ['https://arxiv.org/pdf/2401.18059v2=>raptor']],
  ['markdown', 'alphaXiv: https://alphaxiv.org/overview/2503.02130#comments', ['https://alphaxiv.org/overview/2503.02130=>fox']],
  ['markdown', '| FoX | 2503.02130 |', ['FoX=>fox', '2503.02130=>fox']],
  ['markdown', 'Δ-IRIS is a world model', ['Δ-IRIS=>delta-iris']],
  ['markdown', 'MatMul-free LMs scale well', ['MatMul-free=>matmul-free']],
  ['markdown', 'the Forgetting Transformer (FoX) adds a gate', ['Forgetting Transformer=>fox', 'FoX=>fox']],
  ['markdown', '[paper](https://www.alphaxiv.org/ru/abs/2406.19320v1)', ['https://www.alphaxiv.org/ru/abs/2406.19320v1=>delta-iris']],
  ['markdown', 'Mamba-2 and SSD', ['Mamba-2=>mamba2', 'SSD=>mamba2']],
  ['markdown', 'See https://arxiv.org/html/2405.12981v2#S3 for the figure', ['https://arxiv.org/html/2405.12981v2=>cla']],
  ['markdown', 'Use `FOX` in `config.yaml`', ['FOX=>fox']],
  // LaTeX
  ['latex', 'as shown in \\cite{sarthi2024raptor}', ['raptor=>raptor']],
  ['latex', 'We use \\textsc{RAPTOR}~\\cite{raptor}.', ['RAPTOR=>raptor', 'raptor=>raptor']],
  ['latex', 'RetNet~\\cite{sun2023retentive} replaces attention', ['RetNet=>retnet']],
  ['latex', 'arXiv preprint arXiv:2307.08621, 2023.', ['arXiv:2307.08621=>retnet']],
  ['latex', '\\href{https://arxiv.org/abs/2405.18719}{CoPE}', ['https://arxiv.org/abs/2405.18719=>cope', 'CoPE=>cope']],
  ['latex', 'Following CoPE~\\citep{golovneva2024cope}, we', ['CoPE=>cope', 'cope=>cope']],
  ['latex', '\\newcommand{\\retnet}{\\textsc{RetNet}}', ['retnet=>retnet', 'RetNet=>retnet']],
  ['latex', '\\section{Δ-IRIS}', ['Δ-IRIS=>delta-iris']],
  ['latex', 'old-style hep-th/9901001v2 reference', ['hep-th/9901001v2=>old-string']],
  ['latex', '\\citet{smith2020, fox}', ['fox=>fox']],
  // BibTeX
  ['bibtex', '  eprint = {2405.18719},', ['2405.18719=>cope']],
  ['bibtex', '  eprint = "2307.08621v1",', ['2307.08621v1=>retnet']],
  ['bibtex', '@article{sarthi2024raptor,', ['raptor=>raptor']],
  ['bibtex', '  title = {RAPTOR: Recursive Abstractive Processing},', ['RAPTOR=>raptor']],
  ['bibtex', '  eprint = {hep-th/9901001},', ['hep-th/9901001=>old-string']],
  ['bibtex', '  title = {{DIAMOND}: Diffusion for World Modeling},', ['DIAMOND=>diamond']],
  ['bibtex', '  url = {https://arxiv.org/abs/2503.02130},', ['https://arxiv.org/abs/2503.02130=>fox']],
  ['bibtex', '  note = {arXiv:2406.02528}', ['arXiv:2406.02528=>matmul-free']],
  ['bibtex', '  eprint = {math.GT/0309136},', ['math.GT/0309136=>']],
  // Plain text
  ['text', 'RetNet: Retentive Network', ['RetNet=>retnet', 'Retentive Network=>retnet']],
  ['text', 'Contextual Position Encoding (CoPE) counts tokens', ['Contextual Position Encoding=>cope', 'CoPE=>cope']],
  ['text', 'cross-layer attention saves KV cache', ['cross-layer attention=>cla']],
  ['text', '2405.18719v2', ['2405.18719v2=>cope']],
  ['text', 'Read 2401.18059.', ['2401.18059=>raptor']],
  ['text', 'IDs: 2307.08621, 2405.18719;', ['2307.08621=>retnet', '2405.18719=>cope']],
  ['text', 'unknown paper 2501.00001', ['2501.00001=>']],
  ['text', 'the first new-style ID: 0704.0001', ['0704.0001=>']],
  ['text', 'RETNET_BLOCK_SIZE = 4', ['RETNET=>retnet']],
  ['text', 'Hybrid MATMUL-FREE setup', ['MATMUL-FREE=>matmul-free']],
  ['text', 'μP transfer of hyperparameters', ['μP=>mup']],
  ['text', 'muP scaling rules', ['muP=>mup']],
  ['text', 'Retnet_block and RETNET(x)', ['Retnet=>retnet', 'RETNET=>retnet']],
  ['text', 'KV sharing via CLA.', ['CLA=>cla']],
  ['text', 'https://arxiv.org/abs/2405.18719?context=cs.LG', ['https://arxiv.org/abs/2405.18719=>cope']],
  ['text', 'https://arxiv.org/abs/2405.18719v2#section-3', ['https://arxiv.org/abs/2405.18719v2=>cope']],
  ['text', 'http://export.arxiv.org/abs/2307.08621', ['http://export.arxiv.org/abs/2307.08621=>retnet']],
  ['text', 'arxiv.org/abs/hep-th/9901001', ['arxiv.org/abs/hep-th/9901001=>old-string']],
  ['text', 'ARXIV:2401.18059 in capitals', ['ARXIV:2401.18059=>raptor']],
  ['text', 'file 2401.18059v1.pdf saved', ['2401.18059v1=>raptor']],
  ['text', 'we study task contamination in LLMs', ['task contamination=>contamination']],
  ['text', 'infini-gram counts n-grams; RAPTOR', ['infini-gram=>infini-gram', 'RAPTOR=>raptor']],
  ['python', 'from infini_gram import Engine', ['infini_gram=>infini-gram']],
  ['text', 'ΔIRIS, Delta-IRIS and DeltaIRIS', ['ΔIRIS=>delta-iris', 'Delta-IRIS=>delta-iris', 'DeltaIRIS=>delta-iris']],
  // Russian prose
  ['russian', 'В статье про RetNet авторы предлагают удержание', ['RetNet=>retnet']],
  ['russian', 'Мы используем CoPE вместо RoPE', ['CoPE=>cope']],
  ['russian', 'Подробнее: arXiv:2405.12981', ['arXiv:2405.12981=>cla']],
  ['russian', 'Модель DIAMOND обучается в диффузионном мире', ['DIAMOND=>diamond']],
  ['russian', 'RAPTOR строит дерево суммаризаций', ['RAPTOR=>raptor']],
  ['russian', 'Для RetNet-а хватает памяти', ['RetNet=>retnet']],
  ['russian', 'Статья про Δ-IRIS (2406.19320)', ['Δ-IRIS=>delta-iris', '2406.19320=>delta-iris']],
  ['russian', 'См. https://www.alphaxiv.org/ru/overview/2406.02528', ['https://www.alphaxiv.org/ru/overview/2406.02528=>matmul-free']],
  ['russian', 'Алгоритм SingLoRA использует одну матрицу', ['SingLoRA=>singlora']],
  ['russian', 'модель xLSTM обгоняет трансформер', ['xLSTM=>xlstm']],
  ['russian', 'Статья «Scalable MatMul-free Language Modeling»', ['MatMul-free=>matmul-free']],
  ['russian', 'FoX — это Forgetting Transformer', ['FoX=>fox', 'Forgetting Transformer=>fox']],
];

const NEGATIVE: Row[] = [
  ['text', 'we cope with noise', []],
  ['text', 'She wore a diamond ring.', []],
  ['text', 'The quick brown fox jumps over the lazy dog', []],
  ['text', 'Raptors are birds of prey; a raptor hunts.', []],
  ['text', 'Diamond rings are expensive.', []],
  ['text', 'Fox News reported it first', []],
  ['text', 'FOX NEWS', []],
  ['text', 'They could not cope.', []],
  ['text', 'Coping strategies and copes', []],
  ['text', 'clause and CLAUSE and declaration', []],
  ['text', 'The CLAUDE model', []],
  ['text', 'cladding and clarity', []],
  ['text', 'RAPTORS and FoXy', []],
  ['text', 'the ssd drive is fast', []],
  ['text', 'delta iris flowers bloom', []],
  // Encoded data spells names by accident: base64, hex, integrity hashes, data URIs.
  ['text', '"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="', []],
  ['text', 'integrity sha512-Ujjeba29NaT6txRetNetq0jLz4Dp7Fq1uB3cWmLmHx9p2Kx0tFvGqYb8sZcOw==', []],
  ['text', 'src="data:image/png;base64,RetNetAAAABJRU5ErkJggg"', []],
  ['text', '      "AAAUjjeba29NaT6txCLAoB3RtUUo2Q1c5bFhQRetNetk5Z2xqR3F0\n",', []],
  ['text', 'version 1.2405.18719', []],
  ['text', 'build 2405.18719.3', []],
  ['text', 'serial 12405.18719', []],
  ['text', 'id 2405.187190', []],
  ['text', 'pi is 3.14159', []],
  ['text', 'ip 192.168.1.1', []],
  ['text', 'date 2024.05.18', []],
  ['text', '2413.12345 is not a month', []],
  ['text', '2405.1871 has too few digits for 2024', []],
  ['text', '1999.12345 and 0612.1234', []],
  ['text', 'x2405.18719 and v2405.18719', []],
  ['text', '2405.18719abc and ratio 2405.18719e3', []],
  ['text', 'foo/9901001 is a path', []],
  ['text', 'RAP TOR and Dia mond are not names', []],
  ['text', 'Task Contamination Report', []],
  ['python', 'gram_matrix = x @ x.T  # LoRA and lora_rank', []],
  ['text', 'hep-th/9913001 has month 13', []],
  ['text', 'hep-th/990100 is too short', []],
  ['text', 'arxiv.org/list/cs.LG/2405', []],
  ['text', '0.2405.18719 is a version', []],
  ['text', 'tel: +7 (2405) 187-19', []],
  ['python', '# we cope with noisy labels here', []],
  ['python', '# a diamond-shaped mask', []],
  ['python', 'browser = "firefox --new-window"', []],
  ['typescript', '// the fox and the hound', []],
  ['typescript', 'const clause = parseClause(text);', []],
  ['markdown', '> Diamond is forever', []],
  ['markdown', '**Raptor** sightings in the park', []],
  ['latex', 'We cope with this by \\emph{averaging}.', []],
  ['latex', 'a \\textbf{diamond} lattice', []],
  ['bibtex', '  title = {How to cope with noise},', []],
  ['russian', 'Мы справляемся (cope) с шумом', []],
  ['russian', 'алмаз (diamond) и лиса (fox)', []],
  ['russian', 'Версия 1.2405.18719 вышла вчера', []],
];

/**
 * Positive rows are read as the first line of a document that supports them (the arXiv IDs of
 * the digests they name, and ML context), since ambiguous names count only with evidence
 * (mentionEvidence.ts); negative rows are read alone.
 */
function describeMentions(r: Recognizer, text: string, expected: readonly string[] = []): string[] {
  const ids = new Set(expected.flatMap((e) => e.split('=>')[1].split(',')).filter((id) => id));
  const arxiv = ENTRIES.filter((e) => ids.has(e.id)).flatMap((e) => e.arxiv);
  const lines = expected.length > 0 ? [text, '', `import torch  # softmax attention embeddings ${arxiv.join(' ')}`] : [text];
  return r
    .analyze(lines)
    .mentions.filter((m) => m.line === 0)
    .map((m) => `${m.text}=>${m.digests.join(',')}`);
}

describe('recognizer: table of cases', () => {
  const r = Recognizer.build(ENTRIES);

  it('the table is as large as the rule needs', () => {
    assert.ok(POSITIVE.length >= 80, `only ${POSITIVE.length} positive cases`);
    assert.ok(NEGATIVE.length >= 40, `only ${NEGATIVE.length} negative cases`);
    for (const lang of ['python', 'typescript', 'markdown', 'latex', 'bibtex', 'text', 'russian']) {
      assert.ok(POSITIVE.some((row) => row[0] === lang), `no positive ${lang} case`);
      assert.ok(NEGATIVE.some((row) => row[0] === lang), `no negative ${lang} case`);
    }
  });

  for (const [lang, text, expected] of POSITIVE) {
    it(`finds in ${lang}: ${text}`, () => {
      assert.deepStrictEqual(describeMentions(r, text, expected), expected);
    });
  }

  for (const [lang, text] of NEGATIVE) {
    it(`finds nothing in ${lang}: ${text}`, () => {
      assert.deepStrictEqual(describeMentions(r, text), []);
    });
  }

  it('every reported range is the reported text', () => {
    for (const [, text] of [...POSITIVE, ...NEGATIVE]) {
      for (const m of r.scanLine(text, 7)) {
        assert.strictEqual(text.slice(m.character, m.endCharacter), m.text);
        assert.strictEqual(m.line, 7);
        assert.ok(m.kind === 'arxiv' ? typeof m.arxiv === 'string' : m.arxiv === undefined);
      }
    }
  });
});
