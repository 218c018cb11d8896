import { CliIO } from './io';

export async function run(_args: string[], io: CliIO): Promise<number> {
  io.err('render: not implemented yet');
  return 2;
}
