import { Problem } from '../core/types';

/** `file:line:col: severity: message` (1-based, as compilers print it, so terminals link it). */
export function formatProblem(p: Problem): string {
  const pos = p.line !== undefined ? `:${p.line + 1}:${(p.column ?? 0) + 1}` : '';
  return `${p.file}${pos}: ${p.severity}: ${p.message}`;
}
