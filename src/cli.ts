import { processIO, CliCommand } from './cli/io';
import { run as list } from './cli/list';
import { run as mentions } from './cli/mentions';
import { run as search } from './cli/search';
import { run as validate } from './cli/validate';
import { run as render } from './cli/render';
import { run as importCmd } from './cli/import';
import { run as bundle } from './cli/bundle';
import { run as card } from './cli/card';

const commands: Record<string, { run: CliCommand; usage: string }> = {
  list: { run: list, usage: 'list                      JSON array of all digests\u2019 metadata' },
  mentions: { run: mentions, usage: 'mentions <file> | <path…> --jsonl  mentions as JSON (same recognizer as the hover)' },
  card: { run: card, usage: 'card <file> <line> <char> the hover card markdown at that position [--lang en|ru]' },
  search: { run: search, usage: 'search <query>            JSON array of digest ids, best first' },
  validate: { run: validate, usage: 'validate [folder\u2026]        problems found; exit 1 when any' },
  render: { run: render, usage: 'render <id | file.md>     the HTML body the digest view shows' },
  import: { run: importCmd, usage: 'import <raw files\u2026>       write draft digests into digests/' },
  bundle: { run: bundle, usage: 'bundle <folder> --out <dir>  compile digests into the bundled index' },
};

function usage(): string {
  return ['Usage: node dist/cli.js <command> [args]', '', ...Object.values(commands).map((c) => '  ' + c.usage)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    processIO.out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    processIO.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  return command.run(args, processIO);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    processIO.err(`digest-lens: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
