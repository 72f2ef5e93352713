// Roles are cluster-wide: a role a migration creates survives the scratch database it ran in, and on
// a given server the same pull request checked again then fails with "role already exists". At the
// end of the stage the gate drops the roles the run created: those that did not exist when it began
// and that a CREATE ROLE/USER/GROUP of the run's own SQL names (migrations, config `database.setup`),
// so that a role another client created meanwhile, or the gate's own, is never touched. A role made
// by dynamic SQL (EXECUTE format(...)) is not seen and stays.

import { readFile } from 'node:fs/promises';
import { withConnection, type ConnectOptions } from '../db/connect.js';
import { ensureParser, parseSource } from '../sql/parse.js';
import { decodeSource } from '../sql/source.js';

export async function readRoles(adminUrl: string, options: ConnectOptions): Promise<Set<string>> {
  return withConnection(adminUrl, async (admin) => new Set((await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles')).rows.map((row) => row.rolname)), options);
}

/** Role names that CREATE ROLE, USER or GROUP statements of these files create (DO blocks included). */
export async function rolesCreatedIn(files: ReadonlyArray<{ path: string; raw?: Buffer; absolutePath?: string }>): Promise<Set<string>> {
  await ensureParser();
  const names = new Set<string>();
  for (const file of files) {
    let raw = file.raw;
    if (!raw && file.absolutePath) raw = await readFile(file.absolutePath).catch(() => undefined);
    if (!raw) continue;
    const decoded = decodeSource(file.path, raw);
    if (!decoded.ok) continue;
    for (const statement of parseSource(decoded.source).statements) {
      const role = (statement.node as { CreateRoleStmt?: { role?: string } }).CreateRoleStmt?.role;
      if (role) names.add(role);
    }
  }
  return names;
}

/**
 * Drops the roles the run created; what cannot be dropped (it owns objects in a database the run
 * did not create) is said in one line per role, for the user to drop.
 */
export async function dropRunRoles(
  adminUrl: string,
  options: ConnectOptions,
  before: ReadonlySet<string>,
  created: ReadonlySet<string>,
  log: ((line: string) => void) | undefined,
): Promise<string[]> {
  const now = await readRoles(adminUrl, options);
  const ours = [...now].filter((role) => !before.has(role) && created.has(role));
  const dropped: string[] = [];
  if (ours.length === 0) return dropped;
  await withConnection(
    adminUrl,
    async (admin) => {
      for (const role of ours) {
        try {
          await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`);
          dropped.push(role);
        } catch (error) {
          log?.(`could not drop the role "${role}" that the migrations created: ${(error as Error).message}; drop it by hand`);
        }
      }
    },
    options,
  );
  return dropped;
}
