// The links an installed copy shows offline must point into the package itself: the README's
// and CHANGELOG's relative links and pictures, the walkthrough's media and the pictures those
// media files show.
//
// Usage: node scripts/lib/packageLinks.mjs <unpacked extension folder>
//   prints each broken link and exits 1, or prints how many links it checked.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Targets of Markdown links and images, and of <img src>, that are not URLs or anchors. */
export function relativeTargets(markdown) {
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const targets = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of text.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)) targets.push(m[1]);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
}

/** Where a relative target points, or undefined when it leaves `root`. */
function resolveInside(root, fromDir, target) {
  const path = decodeURIComponent(target.split('#')[0].split('?')[0]);
  const abs = path.startsWith('/') ? join(root, path) : resolve(fromDir, path);
  return abs === root || abs.startsWith(root + sep) ? abs : undefined;
}

const isFile = (p) => existsSync(p) && statSync(p).isFile();

/** The translations of a walkthrough markdown file: `<name>.nls.<language>.md` beside it. */
function localizedMarkdown(file) {
  const dir = dirname(file);
  const prefix = `${file.slice(dir.length + 1).replace(/\.md$/i, '')}.nls.`;
  return readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && /^[a-z]{2}(-[a-z]+)?\.md$/i.test(n.slice(prefix.length)))
    .map((n) => join(dir, n));
}

/**
 * Checks the links of the package unpacked at `extensionDir` (the folder holding its
 * package.json). @returns {{ checked: number, broken: string[] }}
 */
export function checkPackageLinks(extensionDir) {
  const root = resolve(extensionDir);
  const broken = [];
  let checked = 0;
  const checkMarkdown = (file) => {
    for (const target of relativeTargets(readFileSync(file, 'utf8'))) {
      checked++;
      const abs = resolveInside(root, dirname(file), target);
      if (!abs || !isFile(abs)) broken.push(`${relative(root, file)}: ${target}${abs ? '' : ' (outside the package)'}`);
    }
  };
  // vsce stores them as readme.md and changelog.md.
  for (const name of readdirSync(root)) if (/^(readme|changelog)\.md$/i.test(name)) checkMarkdown(join(root, name));

  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) {
      for (const kind of ['markdown', 'svg', 'image']) {
        const value = step.media?.[kind];
        // An image may name one file per theme.
        for (const target of typeof value === 'string' ? [value] : Object.values(value ?? {})) {
          checked++;
          const abs = resolveInside(root, root, target);
          if (!abs || !isFile(abs)) {
            broken.push(`package.json walkthrough step ${step.id}: ${target}`);
            continue;
          }
          if (kind !== 'markdown') continue;
          checkMarkdown(abs);
          // VS Code shows <name>.nls.<language>.md instead when the UI speaks that language.
          for (const file of localizedMarkdown(abs)) checkMarkdown(file);
        }
      }
    }
  }
  return { checked, broken };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/lib/packageLinks.mjs <unpacked extension folder>');
    process.exit(2);
  }
  const { checked, broken } = checkPackageLinks(dir);
  for (const b of broken) console.error(`broken link: ${b}`);
  console.log(`package links: ${checked} checked, ${broken.length} broken`);
  process.exit(broken.length ? 1 : 0);
}
