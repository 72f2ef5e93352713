// The account the temporary server runs as when the gate runs as root: its uid and gid as the
// system reports them (one `id` call, parsed), never root's.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverAccount } from '../../src/db/server-account.js';

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
});
