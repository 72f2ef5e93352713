// The account the temporary server runs as when the gate runs as root: its uid and gid as the
// system reports them (one `id` call, parsed), never root's.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverAccount, serverAccountMissing } from '../../src/db/server-account.js';

describe('serverAccount', () => {
  it.runIf(process.getuid?.() === 0)('as root: an account other than root, with the uid and gid `id -u` and `id -g` give', () => {
    const account = serverAccount()!;
    expect(account.uid).not.toBe(0);
    expect(account.uid).toBe(Number(execFileSync('id', ['-u', account.name], { encoding: 'utf8' })));
    expect(account.gid).toBe(Number(execFileSync('id', ['-g', account.name], { encoding: 'utf8' })));
  });

  it.runIf(process.getuid?.() !== 0)('as any other user: none (the server runs as this process)', () => {
    expect(serverAccount()).toBeUndefined();
  });

  it('says an account is missing only as root without one: here it is present (or not needed), and the same one is then used', () => {
    const hasPostgres = (() => {
      try {
        execFileSync('id', ['postgres'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();
    expect(serverAccountMissing()).toBe(process.getuid?.() === 0 && !hasPostgres);
    if (process.getuid?.() === 0 && hasPostgres) expect(serverAccount()?.name).toBe('postgres');
  });
});
