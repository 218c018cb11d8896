import * as assert from 'node:assert/strict';
import { arxivIdProblem, arxivIdsIn, arxivLinks, findArxivIds, isArxivId, normalizeArxivId, yearOfArxivId } from '../../src/core/arxiv/arxiv';

const ids = (text: string): string[] => findArxivIds(text).map((m) => m.id);
const forms = (text: string): string[] => findArxivIds(text).map((m) => text.slice(m.start, m.end));

describe('arXiv IDs: normalize, validate, link', () => {
  it('normalizes prefixes, versions and old-style archives', () => {
    assert.equal(normalizeArxivId('2405.18719'), '2405.18719');
    assert.equal(normalizeArxivId(' arXiv:2405.18719v3 '), '2405.18719');
    assert.equal(normalizeArxivId('ARXIV:2405.18719V2'), '2405.18719');
    assert.equal(normalizeArxivId('hep-th/9901001v1'), 'hep-th/9901001');
    assert.equal(normalizeArxivId('HEP-TH/9901001'), 'hep-th/9901001');
    assert.equal(normalizeArxivId('math.GT/0309136'), 'math/0309136');
  });

  it('tells well-formed IDs from lookalikes', () => {
    for (const ok of ['2405.18719', '2405.18719v2', '0704.0001', 'hep-th/9901001', 'math.GT/0309136v1']) assert.ok(isArxivId(ok), ok);
    for (const bad of ['2405.187', '24051.8719', 'hep-th/99010', '2405.18719 ', 'arxiv', '', '../2405.18719']) assert.ok(!isArxivId(bad), bad);
  });

  it('links to the abstract, the PDF and alphaXiv without the version', () => {
    assert.deepEqual(arxivLinks('arXiv:2405.18719v2'), {
      abs: 'https://arxiv.org/abs/2405.18719',
      pdf: 'https://arxiv.org/pdf/2405.18719',
      alphaxiv: 'https://www.alphaxiv.org/abs/2405.18719',
    });
    assert.equal(arxivLinks('hep-th/9901001').abs, 'https://arxiv.org/abs/hep-th/9901001');
  });
});

describe('arXiv IDs: one rule for the validator, the hover and the importer', () => {
  it('validates exactly what the finder finds', () => {
    for (const raw of ['0703.1234', 'foo/9901001', '1501.1234', '1412.12345', '2413.12345', 'hep-th/9913001', 'math.G/0309136']) {
      assert.ok(arxivIdProblem(raw), raw);
      assert.deepEqual(ids(`see ${raw} here`).filter((id) => id === normalizeArxivId(raw)), [], raw);
    }
    for (const raw of ['0704.0001', '2405.18719v2', 'cs/9901001', 'hep-th/9901001v1', 'math.GT/0309136']) {
      assert.equal(arxivIdProblem(raw), undefined, raw);
      assert.deepEqual(ids(`see ${raw} here`), [normalizeArxivId(raw)], raw);
    }
    assert.match(arxivIdProblem('2413.12345') ?? '', /month 13/);
    assert.match(arxivIdProblem('1501.1234') ?? '', /5 digits/);
  });

  it('finds the DOI form and covers all of it', () => {
    assert.deepEqual(forms('doi = {10.48550/arXiv.2205.06266},'), ['10.48550/arXiv.2205.06266']);
    assert.deepEqual(forms('https://doi.org/10.48550/ARXIV.2205.06266 x'), ['https://doi.org/10.48550/ARXIV.2205.06266']);
    assert.deepEqual(ids('10.48550/arXiv.2205.06266v2'), ['2205.06266']);
    assert.deepEqual(ids('10.1234/arXiv.2205.06266 110.48550/arXiv.2205.06266'), []);
  });

  it('gives the importer the same IDs, old style and any alphaXiv language included', () => {
    assert.deepEqual(arxivIdsIn('cs/9901001, https://www.alphaxiv.org/de/abs/2405.18719 and arXiv:2405.18719v2'), ['cs/9901001', '2405.18719']);
  });

  it('tells the year of an ID (the year a citation gets), new and old style', () => {
    assert.equal(yearOfArxivId('2405.18719'), '2024');
    assert.equal(yearOfArxivId('2307.08621'), '2023');
    assert.equal(yearOfArxivId('0704.0001'), '2007');
    assert.equal(yearOfArxivId('hep-th/9901001'), '1999');
    assert.equal(yearOfArxivId('math.AG/0309136'), '2003');
  });

  it('tells no year for impossible months or non-IDs', () => {
    assert.equal(yearOfArxivId('24051'), undefined);
    assert.equal(yearOfArxivId('2313.00001'), undefined);
    assert.equal(yearOfArxivId('nonsense'), undefined);
  });
});

describe('arXiv IDs: finding them in text', () => {
  it('keeps the version in the range but not in the ID', () => {
    const [m] = findArxivIds('see 2405.18719v12 now');
    assert.equal(m.id, '2405.18719');
    assert.equal(m.idStart, 4);
    assert.equal(m.idEnd, 17);
  });

  it('covers the whole URL or prefix, so hovering any part of it works', () => {
    assert.deepEqual(forms('x https://arxiv.org/abs/2405.18719 y'), ['https://arxiv.org/abs/2405.18719']);
    assert.deepEqual(forms('(www.alphaxiv.org/overview/2405.18719)'), ['www.alphaxiv.org/overview/2405.18719']);
    assert.deepEqual(forms('https://www.alphaxiv.org/ru/overview/2405.18719v1'), ['https://www.alphaxiv.org/ru/overview/2405.18719v1']);
    assert.deepEqual(forms('huggingface.co/papers/2405.18719'), ['huggingface.co/papers/2405.18719']);
    assert.deepEqual(forms('arXiv:2405.18719'), ['arXiv:2405.18719']);
    assert.deepEqual(forms('arXiv:hep-th/9901001'), ['arXiv:hep-th/9901001']);
  });

  it('reports a bare ID inside a URL of another site, without claiming the URL', () => {
    assert.deepEqual(forms('https://myarxiv.org/abs/2405.18719'), ['2405.18719']);
    assert.deepEqual(forms('https://example.com/arxiv.org/abs/2405.18719'), ['2405.18719']);
  });

  it('checks month and sequence length against the scheme in force at the time', () => {
    assert.deepEqual(ids('1412.1234 1501.12345'), ['1412.1234', '1501.12345']);
    assert.deepEqual(ids('1501.1234 1412.12345 0703.1234 2400.12345 2413.12345'), []);
  });

  it('rejects IDs inside longer digit runs and dotted versions', () => {
    assert.deepEqual(ids('12405.18719 2405.187190 1.2405.18719 2405.18719.1 2405.18719v'), []);
    assert.deepEqual(ids('v2405.18719 a2405.18719 2405.18719x'), []);
  });

  it('accepts IDs next to punctuation, underscores and file extensions', () => {
    assert.deepEqual(ids('(2405.18719), [2307.08621]; "2401.18059". 2406.02528_fig.png 2503.02130.pdf'), [
      '2405.18719',
      '2307.08621',
      '2401.18059',
      '2406.02528',
      '2503.02130',
    ]);
    assert.deepEqual(ids('arxiv2405.18719'), ['2405.18719']);
  });

  it('knows old-style archives and subject classes', () => {
    assert.deepEqual(ids('hep-th/9901001 cond-mat/0101001v2 math.GT/0309136 cs/0112017'), [
      'hep-th/9901001',
      'cond-mat/0101001',
      'math/0309136',
      'cs/0112017',
    ]);
    assert.deepEqual(ids('foo/9901001 math.GTX/0309136 xhep-th/9901001 hep-th/0813001 hep-th/99010011'), []);
  });

  it('scans only the requested range', () => {
    const text = '2405.18719 2307.08621 2401.18059';
    assert.deepEqual(
      findArxivIds(text, 11, 21).map((m) => m.id),
      ['2307.08621'],
    );
  });

  it('survives hostile text: empty, lone surrogates, NULs, very long digit runs', () => {
    assert.deepEqual(ids(''), []);
    assert.deepEqual(ids('\ud800 2405.18719 \u0000'), ['2405.18719']);
    assert.deepEqual(ids('9'.repeat(100_000)), []);
    assert.deepEqual(ids('2405.'.repeat(10_000)), []);
  });
});
