// Located problems of a migration set. Discovery never throws for a bad file: the user gets every
// problem at once, each at its file, in the "what is wrong; what to do" form of STYLE.md.

import type { DiscoveryProblem, DiscoveryProblemCode } from './types.js';

export function problemAt(
  code: DiscoveryProblemCode,
  path: string,
  message: string,
  position: { line: number; column: number } = { line: 1, column: 1 },
): DiscoveryProblem {
  return { code, path, line: position.line, column: position.column, message };
}
