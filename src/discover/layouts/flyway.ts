// Flyway: `V<version>__<description>.sql` (versioned), `U<version>__<description>.sql` (undo of the
// V with the same version), `R__<description>.sql` (repeatable: run after all versioned ones, in
// description order). Flyway scans its locations recursively. Versions are numbers separated by `.`
// or `_` and compare part by part (`1.2.10` after `1.2.9`; `1` and `1.0` are one version).

import { baseName } from '../paths.js';
import { fileRef } from '../paths.js';
import { problemAt } from '../problems.js';
import { FLYWAY_NO_TRANSACTION_SCOPE, FLYWAY_SCOPE } from '../scopes.js';
import type { FileRef, Migration } from '../types.js';
import { byVersionThenPath, compareNames, compareVersionKeys, versionKeyOf } from '../version.js';
import type { DiscoverLayout, LayoutInput, LayoutOutput } from './layout.js';

const VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/s;
const REPEATABLE = /^R__(.+)\.sql$/s;
/** Anything else that still looks like a Flyway name, to explain what is wrong with it. */
const MALFORMED = /^[VUR].*__/s;
/** SQL callbacks (`beforeMigrate.sql`, `afterEachMigrate__x.sql`) live beside migrations but are not ones. */
const CALLBACK = /^(before|after)[A-Z][A-Za-z]*(__.*)?\.sql$/s;
/** Baseline migrations (Flyway Teams) only run on an empty database, never in the incremental set. */
const BASELINE = /^B\d+(?:[._]\d+)*__.+\.sql$/s;

export const discoverFlyway: DiscoverLayout = async (input) => {
  const output: LayoutOutput = { migrations: [], problems: [] };
  const versioned: Migration[] = [];
  const repeatable: Migration[] = [];
  const undos: Array<{ ref: FileRef; version: string; versionKey: string[] }> = [];

  for (const file of input.files) {
    if (!file.endsWith('.sql') || !input.includes(file)) continue;
    const name = baseName(file);
    if (CALLBACK.test(name) || BASELINE.test(name)) continue;
    const ref = fileRef(input.base, file);
    const match = VERSIONED.exec(name);
    if (match) {
      const [, prefix, version, description] = match as unknown as [string, 'V' | 'U', string, string];
      if (prefix === 'U') {
        undos.push({ ref, version, versionKey: versionKeyOf(version) });
        continue;
      }
      versioned.push(await flywayMigration(input, ref, 'versioned', version, description));
      continue;
    }
    const repeatableMatch = REPEATABLE.exec(name);
    if (repeatableMatch) {
      repeatable.push(await flywayMigration(input, ref, 'repeatable', '', repeatableMatch[1]!));
      continue;
    }
    output.problems.push(
      problemAt(
        'unrecognized-file',
        ref.path,
        MALFORMED.test(name)
          ? `${name} is not a valid Flyway name: the version must be numbers separated by . or _ (V1_2__desc.sql); rename it`
          : `Flyway does not run ${name}: it is not V<version>__<desc>.sql, U<version>__<desc>.sql or R__<desc>.sql; rename it or move it out of the migration locations`,
      ),
    );
  }

  for (const undo of undos) {
    const target = versioned.find((migration) => compareVersionKeys(migration.versionKey, undo.versionKey) === 0);
    if (!target) {
      output.problems.push(
        problemAt('orphan-rollback', undo.ref.path, `undo migration for version ${undo.version}, but there is no V${undo.version}__ migration; fix the version or remove the file`),
      );
    } else if (target.rollback.kind === 'file') {
      output.problems.push(
        problemAt('duplicate-rollback', undo.ref.path, `version ${undo.version} already has an undo migration (${target.rollback.path}); keep one`),
      );
    } else {
      target.rollback = { kind: 'file', ...undo.ref };
    }
  }

  versioned.sort(byVersionThenPath);
  repeatable.sort((a, b) => compareNames(a.name, b.name) || compareNames(a.relativePath, b.relativePath));
  output.migrations.push(...versioned, ...repeatable);
  return output;
};

async function flywayMigration(
  input: LayoutInput,
  ref: FileRef,
  kind: Migration['kind'],
  version: string,
  description: string,
): Promise<Migration> {
  const inTransaction = await executesInTransaction(input, ref.relativePath);
  return {
    ...ref,
    layout: 'flyway',
    kind,
    version,
    versionKey: versionKeyOf(version),
    name: description,
    rollback: { kind: 'none' },
    scope: inTransaction ? FLYWAY_SCOPE : FLYWAY_NO_TRANSACTION_SCOPE,
    statementSplit: 'parser',
  };
}

/** A script configuration file (`V1__x.sql.conf`) may turn the transaction off for its script. */
async function executesInTransaction(input: LayoutInput, relativePath: string): Promise<boolean> {
  const confPath = `${relativePath}.conf`;
  if (!input.has(confPath)) return true;
  const conf = (await input.tree.readFile(confPath))?.toString('utf8') ?? '';
  const setting = /^[ \t]*executeInTransaction[ \t]*=[ \t]*(\S+)/m.exec(conf);
  return setting?.[1]?.toLowerCase() !== 'false';
}
