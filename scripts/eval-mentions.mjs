// Evaluation of the recognizer on public repositories (docs/eval/README.md).
//
//   node scripts/eval-mentions.mjs scan <cli.js> <checkouts> <out.jsonl> [--per-file] [--corpus <dir>]
//       runs `mentions` over every repository of docs/eval/repos.json checked out under
//       <checkouts>/<owner+name>; --per-file calls the single-file form once per file (for a
//       CLI without --jsonl, such as main's before this change).
//   node scripts/eval-mentions.mjs report <label>=<scan.jsonl>… [--markdown]
//       precision / false cards / recall per repository from docs/eval/judgements.jsonl and
//       docs/eval/recall-sample.jsonl.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = join(root, 'docs/eval');
const repos = JSON.parse(readFileSync(join(evalDir, 'repos.json'), 'utf8'));
const readJsonl = (file) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l))
    : [];

function filesUnder(dir) {
  const out = [];
  const visit = (p) => {
    const st = lstatSync(p);
    if (st.isFile()) out.push(p);
    else if (st.isDirectory()) for (const n of readdirSync(p).sort()) if (n !== 'node_modules' && n !== '.git') visit(join(p, n));
  };
  visit(dir);
  return out;
}

function scan(cli, checkouts, outFile, perFile, corpus) {
  const extra = corpus ? ['--corpus', corpus] : [];
  const rows = [];
  for (const r of repos) {
    const dir = join(checkouts, r.repo.replace('/', '+'));
    if (!existsSync(dir)) throw new Error(`${dir}: not checked out (see docs/eval/README.md)`);
    let lines;
    if (!perFile) {
      lines = execFileSync('node', [cli, 'mentions', '--jsonl', '.', ...extra], { cwd: dir, maxBuffer: 1 << 30, encoding: 'utf8' })
        .split('\n')
        .filter((l) => l)
        .map((l) => JSON.parse(l));
    } else {
      lines = [];
      for (const f of filesUnder(dir)) {
        try {
          const text = execFileSync('node', [cli, 'mentions', f, ...extra], { maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
          lines.push({ file: relative(dir, f), mentions: JSON.parse(text) });
        } catch {
          // binary or unreadable: the CLI refused it
        }
      }
    }
    for (const l of lines) {
      for (const m of l.mentions) rows.push({ repo: r.repo, path: l.file.replace(/^\.\//, ''), line: m.line, text: m.text, kind: m.kind, digests: m.digests });
    }
    console.error(`${r.repo}: ${lines.length} files`);
  }
  writeFileSync(outFile, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

const key = (r, digest) => `${r.repo}\u0000${r.path}\u0000${r.line}\u0000${digest}`;

function report(args) {
  const markdown = args.includes('--markdown');
  const runs = args.filter((a) => a.includes('=')).map((a) => {
    const [label, file] = a.split('=');
    const all = readJsonl(file);
    // Precision is about method names (an arXiv ID names its paper); recall counts any card.
    return { label, rows: all.filter((r) => r.kind === 'method'), all };
  });
  // A judgement is of one digest card on one line: correct or wrong.
  // `path: "*"` judges every line of one name for one digest in a repository (a category the
  // judge inspected as a whole, e.g. SRT = Secure Reliable Transport throughout Haivision/srt).
  const verdicts = new Map();
  const byName = new Map();
  for (const j of readJsonl(join(evalDir, 'judgements.jsonl'))) {
    if (j.path === '*') byName.set(`${j.repo}\u0000${j.name.toLowerCase()}\u0000${j.digest}`, j.verdict);
    else verdicts.set(key(j, j.digest), j.verdict);
  }
  const verdictOf = (r, d) => verdicts.get(key(r, d)) ?? byName.get(`${r.repo}\u0000${r.text.toLowerCase()}\u0000${d}`);
  const sample = readJsonl(join(evalDir, 'recall-sample.jsonl')).filter((s) => s.real);
  const result = { repos: [], totals: {} };
  for (const run of runs) {
    const totals = { implementation: { cards: 0, correct: 0, wrong: 0, unjudged: 0 }, unrelated: { cards: 0, correct: 0, wrong: 0, unjudged: 0 } };
    const found = new Set();
    for (const r of run.all) for (const d of r.digests) found.add(key(r, d));
    for (const repo of repos) {
      const t = { cards: 0, correct: 0, wrong: 0, unjudged: 0 };
      for (const r of run.rows.filter((x) => x.repo === repo.repo)) {
        for (const d of r.digests) {
          t.cards++;
          const v = verdictOf(r, d);
          if (v === 'correct') t.correct++;
          else if (v === 'wrong') t.wrong++;
          else t.unjudged++;
        }
      }
      const real = sample.filter((s) => s.repo === repo.repo);
      const hit = real.filter((s) => found.has(key(s, s.digest))).length;
      for (const k of Object.keys(t)) totals[repo.kind][k] += t[k];
      result.repos.push({
        run: run.label,
        repo: repo.repo,
        kind: repo.kind,
        ...t,
        precision: t.correct + t.wrong > 0 ? t.correct / (t.correct + t.wrong) : null,
        recallSample: real.length,
        recallHit: hit,
      });
    }
    const hits = sample.filter((s) => found.has(key(s, s.digest))).length;
    result.totals[run.label] = {
      ...totals,
      precisionImplementations: totals.implementation.correct / Math.max(1, totals.implementation.correct + totals.implementation.wrong),
      falseCardsUnrelated: totals.unrelated.wrong + totals.unrelated.unjudged,
      recall: sample.length ? hits / sample.length : null,
      recallSample: sample.length,
    };
  }
  if (!markdown) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  const labels = runs.map((r) => r.label);
  const out = [];
  out.push(`| repository | kind | ${labels.map((l) => `${l}: cards (wrong) · precision · recall`).join(' | ')} |`);
  out.push(`|---|---|${labels.map(() => '---:').join('|')}|`);
  for (const repo of repos) {
    const cells = labels.map((l) => {
      const x = result.repos.find((r) => r.run === l && r.repo === repo.repo);
      const wrong = x.wrong + (repo.kind === 'unrelated' ? x.unjudged : 0);
      return `${x.cards} (${wrong}) · ${pct(x.precision)} · ${x.recallSample ? `${x.recallHit}/${x.recallSample}` : '—'}`;
    });
    out.push(`| ${repo.repo} | ${repo.kind} | ${cells.join(' | ')} |`);
  }
  out.push('');
  for (const l of labels) {
    const t = result.totals[l];
    out.push(`- **${l}**: precision on implementations ${pct(t.precisionImplementations)} (${t.implementation.correct} right, ${t.implementation.wrong} wrong, ${t.implementation.unjudged} unjudged); false cards on unrelated repositories ${t.falseCardsUnrelated}; recall on the judged sample ${pct(t.recall)} (${t.recallSample} real references).`);
  }
  console.log(out.join('\n'));
}

const [command, ...rest] = process.argv.slice(2);
const corpusAt = rest.indexOf('--corpus');
if (command === 'scan') scan(resolve(rest[0]), resolve(rest[1]), resolve(rest[2]), rest.includes('--per-file'), corpusAt >= 0 ? resolve(rest[corpusAt + 1]) : undefined);
else if (command === 'report') report(rest);
else {
  console.error('usage: eval-mentions.mjs scan <cli.js> <checkouts> <out.jsonl> [--per-file] | report <label>=<scan.jsonl>… [--markdown]');
  process.exitCode = 2;
}
