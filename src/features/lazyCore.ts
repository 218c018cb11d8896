/**
 * Core surfaces the extension loads on first use rather than at activation: reading and writing
 * digest files (the YAML parser), the importer, and the digest view's HTML (markdown-it). The
 * bundler turns each `require` into a module initialised on its first call, so activation
 * evaluates neither library; `npm run bench` reports what activation costs against its lower
 * bound. Types come from `import type`, which loads nothing.
 */
type DigestFiles = typeof import('../core/digestFile');
type Importer = typeof import('../core/import');
type View = typeof import('../core/view');

let digestFilesModule: DigestFiles | undefined;
let importerModule: Importer | undefined;
let viewModule: View | undefined;

export function digestFiles(): DigestFiles {
  return (digestFilesModule ??= require('../core/digestFile') as DigestFiles);
}

export function importer(): Importer {
  return (importerModule ??= require('../core/import') as Importer);
}

export function view(): View {
  return (viewModule ??= require('../core/view') as View);
}
