// A deterministic corpus of migration files that looks like real histories: tables created and
// indexed in the same file, columns added later, indexes on existing tables, constraints, backfills.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = [
  (n) => [
    `CREATE TABLE IF NOT EXISTS "table_${n}" (\n  "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  "name" text NOT NULL,\n  "owner_id" bigint,\n  "created_at" timestamptz NOT NULL DEFAULT now()\n)`,
    `CREATE INDEX IF NOT EXISTS "table_${n}_owner_idx" ON "table_${n}" ("owner_id")`,
    `CREATE UNIQUE INDEX "table_${n}_name_key" ON "table_${n}" ("name")`,
    `COMMENT ON TABLE "table_${n}" IS 'created by migration ${n}'`,
    `ALTER TABLE "table_${n}" ADD CONSTRAINT "table_${n}_name_len" CHECK (char_length("name") <= 200)`,
    `INSERT INTO "table_${n}" ("name") VALUES ('seed-${n}-a'), ('seed-${n}-b')`,
  ],
  (n) => [
    `ALTER TABLE "table_${n - 1}" ADD COLUMN "status" varchar(32) DEFAULT 'new'`,
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS "table_${n - 1}_status_idx" ON "table_${n - 1}" ("status")`,
    `ALTER TABLE "table_${n - 1}" ADD CONSTRAINT "table_${n - 1}_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "table_${n - 1}" ("id") NOT VALID`,
    `ALTER TABLE "table_${n - 1}" VALIDATE CONSTRAINT "table_${n - 1}_owner_fk"`,
    `UPDATE "table_${n - 1}" SET "status" = 'active' WHERE "status" IS NULL`,
    `DO $$ BEGIN\n  CREATE TYPE "kind_${n}" AS ENUM ('a', 'b', 'c');\nEXCEPTION\n  WHEN duplicate_object THEN null;\nEND $$`,
    `ALTER TABLE "table_${n - 1}" ALTER COLUMN "name" SET NOT NULL`,
  ],
  (n) => [
    `SET lock_timeout = '5s'`,
    `CREATE INDEX "table_${n - 2}_created_idx" ON "table_${n - 2}" ("created_at")`,
    `ALTER TABLE "table_${n - 2}" RENAME COLUMN "name" TO "title"`,
    `CREATE OR REPLACE FUNCTION touch_${n}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND;\n$fn$`,
    `CREATE TRIGGER "touch_${n}" BEFORE UPDATE ON "table_${n - 2}" FOR EACH ROW EXECUTE FUNCTION touch_${n}()`,
    `DELETE FROM "table_${n - 2}" WHERE "created_at" < now() - interval '1 year'`,
  ],
];

/** Writes `files` migrations into `directory`; returns the number of statements written. */
export function writeCorpus(directory, files) {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  let statements = 0;
  for (let i = 0; i < files; i++) {
    const n = i + 3;
    const body = TEMPLATES[i % TEMPLATES.length](n);
    statements += body.length;
    const name = `${String(i + 1).padStart(4, '0')}_migration_${n}.sql`;
    writeFileSync(join(directory, name), `-- Migration: ${name}\n-- Created: 2025-01-01\n\n${body.join(';\n\n')};\n`);
  }
  return statements;
}
