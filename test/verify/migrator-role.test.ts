// A pull request's migrations run as the gate's own role: not a superuser, owner of the scratch
// databases, dropped at the end. What only a superuser can do (run programs on the server, ALTER
// SYSTEM, make a SUPERUSER role) fails, with a remedy; what a database owner does (tables, trusted
// extensions, objects the setup made) works; `database.superuser: true` opts out, with a warning.

import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { MIGRATOR_ROLE_PREFIX } from '../../src/db/migrator-role.js';
import { ownerTag } from '../../src/db/scratch-owner.js';
import { runCase } from '../db-rule-tester.js';
import { testDatabaseUrl } from '../db/postgres.js';

const scratchDir = mkdtempSync(path.join(tmpdir(), 'pgmg-migrator-'));
// The server may run as an account of its own (when the tests run as root): it must be able to write here.
chmodSync(scratchDir, 0o777);
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

async function adminQuery<T extends Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = await connect(testDatabaseUrl());
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Migrator roles of this process: each test's run must leave none. */
async function ownMigratorRoles(): Promise<string[]> {
  const rows = await adminQuery<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE left(rolname, length($1)) = $1', [`${MIGRATOR_ROLE_PREFIX}${ownerTag()}`]);
  return rows.map((row) => row.rolname);
}

function applyFailure(stage: Awaited<ReturnType<typeof runCase>>) {
  return stage.findings.find((finding) => finding.rule === 'apply-failed');
}

describe('the migrations run as the gate\'s own role', () => {
  it('says who applied them: a role of the gate\'s, not a superuser; the role is gone afterwards', async () => {
    const result = await runCase({ name: 'plain', sql: 'CREATE TABLE accounts (id bigint PRIMARY KEY);\n' });
    expect(result.stage.summary.appliedAs).toMatchObject({ superuser: false, migratorRole: true, user: expect.stringMatching(/^pgmg_migrator_/) });
    expect(result.stage.summary.notes ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('superuser')]));
    expect(result.stage.files.get('migrations/0100_change.sql')?.apply.status).toBe('applied');
    expect(await ownMigratorRoles()).toEqual([]);
  });

  it('COPY ... TO PROGRAM cannot start a program on the server: refused, with the remedy, and nothing ran', async () => {
    const marker = path.join(scratchDir, 'copy-program-ran');
    const result = await runCase({ name: 'program', sql: `COPY (SELECT 1) TO PROGRAM 'touch ${marker}';\n` });
    const failure = applyFailure(result);
    expect(failure).toMatchObject({ line: 1, message: expect.stringContaining('pg_execute_server_program') });
    expect(failure?.help).toContain('database.superuser: true');
    expect(existsSync(marker)).toBe(false);
    expect(await ownMigratorRoles()).toEqual([]);
  });

  it('ALTER SYSTEM and a SUPERUSER role are refused too', async () => {
    const alterSystem = await runCase({ name: 'alter system', sql: "ALTER SYSTEM SET work_mem = '64MB';\n" });
    expect(applyFailure(alterSystem)?.message).toMatch(/permission denied|must be superuser/);
    const superRole = await runCase({ name: 'superuser role', sql: 'CREATE ROLE pgmg_test_escalate SUPERUSER;\n' });
    expect(applyFailure(superRole)?.message).toMatch(/permission denied|must be superuser/);
    expect(await adminQuery("SELECT 1 FROM pg_roles WHERE rolname = 'pgmg_test_escalate'")).toEqual([]);
    const settings = await adminQuery<{ setting: string }>("SELECT setting FROM pg_file_settings WHERE name = 'work_mem' AND sourcefile LIKE '%postgresql.auto.conf'");
    expect(settings).toEqual([]);
  });

  it('a trusted extension installs, as it does for a database owner (PostgreSQL 13+)', async () => {
    const result = await runCase({ name: 'citext', sql: 'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE emails (address citext PRIMARY KEY);\n' });
    expect(result.stage.files.get('migrations/0100_change.sql')?.apply.status).toBe('applied');
  });

  it('what database.setup made as the admin user is the role\'s to alter, as the platform\'s migrating user owns it', async () => {
    const result = await runCase({
      name: 'setup objects',
      baseSetup: ['CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid PRIMARY KEY);\nCREATE TYPE auth.factor AS ENUM (\'totp\');\nCREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql AS $$ SELECT NULL::uuid $$;\n'],
      sql:
        'CREATE TABLE profiles (id uuid PRIMARY KEY REFERENCES auth.users (id), factor auth.factor DEFAULT auth.uid()::text::auth.factor);\n' +
        'ALTER TABLE auth.users ADD COLUMN nickname text;\n' +
        "ALTER TYPE auth.factor ADD VALUE 'webauthn';\n",
    });
    expect(result.findings.filter((finding) => finding.rule === 'apply-failed')).toEqual([]);
    expect(result.stage.files.get('migrations/0100_change.sql')?.apply.status).toBe('applied');
  });

  it('database.superuser: true applies as the URL\'s superuser, and the report warns', async () => {
    const marker = path.join(scratchDir, 'copy-program-opted-in');
    // A program that reads what COPY writes: one that exits first (touch) makes the server's write
    // fail with a broken pipe now and then, and the migration with it.
    const result = await runCase({ name: 'opt in', database: { superuser: true }, sql: `COPY (SELECT 1) TO PROGRAM 'cat > ${marker}';\n` });
    expect(applyFailure(result)).toBeUndefined();
    expect(existsSync(marker)).toBe(true);
    expect(result.stage.summary.appliedAs).toMatchObject({ superuser: true, migratorRole: false });
    expect(result.stage.summary.notes).toEqual(expect.arrayContaining([expect.stringContaining('database.superuser: true')]));
    expect(await ownMigratorRoles()).toEqual([]);
  });

  it('a role a killed run left behind is swept by the next run; a live run\'s role is not', async () => {
    const host = ownerTag().split('_')[1];
    const abandoned = `${MIGRATOR_ROLE_PREFIX}999999_${host}_${(1).toString(36)}_deadbeef`;
    const otherHost = `${MIGRATOR_ROLE_PREFIX}999999_000000_${(1).toString(36)}_deadbeef`;
    await adminQuery(`CREATE ROLE "${abandoned}" LOGIN`);
    await adminQuery(`CREATE ROLE "${otherHost}" LOGIN`);
    try {
      await runCase({ name: 'sweep', sql: 'SELECT 1;\n' });
      const left = (await adminQuery<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [[abandoned, otherHost]])).map((row) => row.rolname);
      expect(left).toEqual([otherHost]);
    } finally {
      await adminQuery(`DROP ROLE IF EXISTS "${abandoned}"`);
      await adminQuery(`DROP ROLE IF EXISTS "${otherHost}"`);
    }
  });
});

describe('a database URL whose user is not a superuser', () => {
  it('is used as it is: no role of the gate\'s, and the report names the user', async () => {
    const user = `pgmg_test_owner_${process.pid}`;
    await adminQuery(`CREATE ROLE ${user} LOGIN CREATEDB PASSWORD 'owner-pass'`);
    try {
      const url = new URL(testDatabaseUrl());
      url.username = user;
      url.password = 'owner-pass';
      const result = await runCase({ name: 'given user', sql: "COPY (SELECT 1) TO PROGRAM 'true';\n", databaseUrl: url.href });
      expect(result.stage.summary.appliedAs).toEqual({ user, superuser: false, migratorRole: false });
      expect(applyFailure(result)?.help).toContain(`ran as "${user}"`);
      expect(await ownMigratorRoles()).toEqual([]);
    } finally {
      await adminQuery(`DROP ROLE IF EXISTS ${user}`);
    }
  });
});
