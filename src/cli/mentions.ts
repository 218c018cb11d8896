import { CliIO } from './io';

export async function run(_args: string[], io: CliIO): Promise<number> {
  io.err('mentions: not implemented yet');
  return 2;
}
