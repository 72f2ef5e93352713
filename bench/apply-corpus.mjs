// A generated history that applies cleanly, file after file, both the way a psql-style runner runs
// it (statement by statement) and as one query per file: tables created and indexed, columns and
// checked foreign keys added, triggers, views, backfills, and CONCURRENTLY index builds alone in
// their files. The last migrations come with rollback files, for the round trip.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = [
  (n) => [
    `CREATE TABLE t_${n} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL,\n  owner_id bigint,\n  created_at timestamptz NOT NULL DEFAULT now()\n)`,
    `CREATE INDEX t_${n}_owner ON t_${n} (owner_id)`,
    `CREATE UNIQUE INDEX t_${n}_name ON t_${n} (name)`,
    `COMMENT ON TABLE t_${n} IS 'table ${n}'`,
    `INSERT INTO t_${n} (name) SELECT 'row-' || g FROM generate_series(1, 20) AS g`,
  ],
  (n) => [
    `ALTER TABLE t_${n - 1} ADD COLUMN status text DEFAULT 'new'`,
    `ALTER TABLE t_${n - 1} ADD CONSTRAINT t_${n - 1}_owner_fk FOREIGN KEY (owner_id) REFERENCES t_${n - 1} (id) NOT VALID`,
    `ALTER TABLE t_${n - 1} VALIDATE CONSTRAINT t_${n - 1}_owner_fk`,
    `UPDATE t_${n - 1} SET status = 'active' WHERE status = 'new'`,
  ],
  (n) => [
    `CREATE FUNCTION touch_${n}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND;\n$fn$`,
    `CREATE TRIGGER touch_${n} BEFORE UPDATE ON t_${n - 2} FOR EACH ROW EXECUTE FUNCTION touch_${n}()`,
    `CREATE VIEW v_${n} AS SELECT id, name, status FROM t_${n - 2} WHERE status = 'active'`,
  ],
  (n) => [`CREATE INDEX CONCURRENTLY t_${n - 3}_created ON t_${n - 3} (created_at)`],
];

/** The round-trip migrations: each with a rollback that undoes it exactly. */
const WITH_ROLLBACK = [
  (n) => [[`CREATE TABLE r_${n} (id bigint PRIMARY KEY, t_id bigint REFERENCES t_1 (id))`, `CREATE INDEX r_${n}_t ON r_${n} (t_id)`], [`DROP TABLE r_${n}`]],
  (n) => [[`ALTER TABLE t_1 ADD COLUMN note_${n} text`], [`ALTER TABLE t_1 DROP COLUMN note_${n}`]],
  (n) => [[`CREATE TYPE kind_${n} AS ENUM ('a', 'b')`, `ALTER TABLE t_5 ADD COLUMN kind_${n} kind_${n}`], [`ALTER TABLE t_5 DROP COLUMN kind_${n}`, `DROP TYPE kind_${n}`]],
  (n) => [[`CREATE INDEX t_9_name_status_${n} ON t_9 (name, status)`], [`DROP INDEX t_9_name_status_${n}`]],
  (n) => [[`CREATE VIEW w_${n} AS SELECT count(*) AS c FROM t_13`], [`DROP VIEW w_${n}`]],
];

function sql(statements) {
  return `${statements.join(';\n\n')};\n`;
}

/** Writes `history` migrations and `rollbacks` more with rollback files; returns their names in order. */
export function writeApplyCorpus(directory, history, rollbacks = WITH_ROLLBACK.length) {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const names = [];
  let statements = 0;
  for (let i = 0; i < history + rollbacks; i++) {
    const n = i + 1;
    const name = `${String(n).padStart(4, '0')}_migration_${n}.sql`;
    if (i < history) {
      const body = TEMPLATES[i % TEMPLATES.length](n);
      statements += body.length;
      writeFileSync(join(directory, name), `-- Migration ${n}\n${sql(body)}`);
    } else {
      const [up, down] = WITH_ROLLBACK[(i - history) % WITH_ROLLBACK.length](n);
      statements += up.length;
      writeFileSync(join(directory, name), sql(up));
      writeFileSync(join(directory, name.replace(/\.sql$/, '_rollback.sql')), sql(down));
    }
    names.push(name);
  }
  return { names, statements };
}
