import { CliIO } from './io';

export async function run(_args: string[], io: CliIO): Promise<number> {
  io.err('import: not implemented yet');
  return 2;
}
