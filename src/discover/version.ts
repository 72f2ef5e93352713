// Migration versions compared the way runners compare them: as numbers, part by part. Parts are
// kept as digit strings (not JS numbers) because golang-migrate versions are uint64 and nanosecond
// timestamps pass 2^53, where numbers would silently round and tie two different versions.

/** `0010` -> `['10']`; Flyway `1.2.010` or `1_2_10` -> `['1', '2', '10']`. Non-digit parts are kept as written. */
export function versionKeyOf(version: string): string[] {
  if (version === '') return [];
  return version.split(/[._]/).map((part) => (/^\d+$/.test(part) ? part.replace(/^0+(?=\d)/, '') : part));
}

/**
 * Negative when `a` sorts first. Missing trailing parts count as zero, as in Flyway, where `1` and
 * `1.0` are one version.
 */
export function compareVersionKeys(a: readonly string[], b: readonly string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = comparePart(a[i] ?? '0', b[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

function comparePart(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) {
    if (a.length !== b.length) return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain code-unit order, independent of the machine's locale (what `sort` does in Go and Rust). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `0001_add_users` -> `{ version: '0001', name: 'add_users' }`. One `_` or `-` after the digits
 * separates them; whether the name is well formed is the naming rule's business, not discovery's.
 */
export function splitVersionPrefix(stem: string): { version: string; name: string } | undefined {
  const match = /^(\d+)[_-]?(.*)$/s.exec(stem);
  if (!match) return undefined;
  return { version: match[1]!, name: match[2]! };
}

/** Version order, then path order so that two files with one version still sort the same way every run. */
export function byVersionThenPath(
  a: { versionKey: readonly string[]; relativePath: string },
  b: { versionKey: readonly string[]; relativePath: string },
): number {
  return compareVersionKeys(a.versionKey, b.versionKey) || compareNames(a.relativePath, b.relativePath);
}
