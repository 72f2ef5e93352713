// Issue 15, point 9: a lock_timeout the file or the runner (config runner.settings) already sets is
// never asked for again, statically (require-lock-timeout, lock-held-across-work) or by the database
// stage's lock notes (access-exclusive-lock), whose trace reads the setting the migration left; the
// gate's own limit on its session does not count.

import { afterEach, describe, expect, it } from 'vitest';
import { PrRepo } from '../pr-repo.js';

let repo: PrRepo | undefined;
afterEach(() => repo?.remove());

const history = { 'migrations/0001_create_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n' };
const ADD_NOTE = 'ALTER TABLE orders ADD COLUMN note text;\n';
const PATH = 'migrations/0002_orders_note.sql';

async function advice(files: Record<string, string>, pr: string): Promise<{ rules: string[]; lockHelp: string | undefined }> {
  repo = new PrRepo({ ...history, ...files });
  repo.change({ write: { [PATH]: pr } });
  const { report } = await repo.check();
  const findings = report.migrations.find((m) => m.path === PATH)!.findings;
  return { rules: findings.map((f) => f.rule), lockHelp: findings.find((f) => f.rule === 'access-exclusive-lock')?.help };
}

describe('lock_timeout advice', () => {
  it('without lock_timeout: both the static rule and the lock note ask for it', async () => {
    const { rules, lockHelp } = await advice({}, ADD_NOTE);
    expect(rules).toContain('require-lock-timeout');
    expect(lockHelp).toContain("set lock_timeout first (SET lock_timeout = '5s')");
  });

  it('the file sets it: neither asks, the lock note says it bounds the wait', async () => {
    const { rules, lockHelp } = await advice({}, `SET lock_timeout = '3s';\n${ADD_NOTE}`);
    expect(rules).not.toContain('require-lock-timeout');
    expect(lockHelp).toBe('Keep the lock short: lock_timeout (3s) already bounds the wait for it; do nothing slow while it is held.');
  });

  it('the runner sets it (runner.settings): neither asks', async () => {
    const { rules, lockHelp } = await advice({ '.migration-gate.yml': 'runner:\n  settings:\n    lock_timeout: 4s\n' }, ADD_NOTE);
    expect(rules).not.toContain('require-lock-timeout');
    expect(lockHelp).toContain('lock_timeout (4s) already bounds the wait');
  });

  it('the file turns it off again before the statement: both ask', async () => {
    const { rules, lockHelp } = await advice({ '.migration-gate.yml': 'runner:\n  settings:\n    lock_timeout: 4s\n' }, `SET lock_timeout = 0;\n${ADD_NOTE}`);
    expect(rules).toContain('require-lock-timeout');
    expect(lockHelp).toContain('set lock_timeout first');
  });
});

describe('lock_timeout advice follows the setting statement by statement', () => {
  it('SET LOCAL lasts for its transaction only: the lock note after its COMMIT asks again', async () => {
    repo = new PrRepo(history);
    repo.change({
      write: {
        [PATH]: "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;\nALTER TABLE orders ADD COLUMN memo text;\n",
      },
    });
    const { report } = await repo.check();
    const notes = report.migrations.find((m) => m.path === PATH)!.findings.filter((f) => f.rule === 'access-exclusive-lock');
    expect(notes.map((f) => `${f.line} ${f.help.includes('already bounds') ? 'set' : 'asks'}`)).toEqual(['3 set', '5 asks']);
  });
});
