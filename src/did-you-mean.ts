// "did you mean ...?" for a mistyped flag, config key or rule id: the closest known name by edit
// distance, when it is close enough to be a typo (at most a third of the name's length, and 3).

export function closest(input: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(input.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(input.length, best.name.length) / 3)));
  return best.distance <= limit ? best.name : undefined;
}

/** ` (did you mean --database-url?)` or '' */
export function didYouMean(input: string, known: readonly string[], prefix = ''): string {
  const match = closest(input, known);
  return match === undefined ? '' : ` (did you mean ${prefix}${match}?)`;
}

/** Levenshtein distance, with a transposition counted as one edit (a common typo). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
