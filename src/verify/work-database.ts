// The databases one migration set is verified in: a base (the merged history, built once) and a
// work database cloned from it with CREATE DATABASE ... TEMPLATE. Both are scratch databases that
// are dropped whatever happens; the database the URL names only hosts the CREATE/DROP. With a
// migrator role (migrator-role.ts) the role owns both and the sessions migrations run in are its own.
// Two exceptions for the temporary server's cache: a base that came with the server (a saved state)
// is only used as the template, and a base the stage saves afterwards is kept (`keepBase`). And a
// base that nothing needs as it is once the work starts (neither kept nor cloned again) becomes the
// work database itself (`adoptBaseAsWork`): no clone at all. That holds for a prebuilt base too, on
// a temporary server that is removed with its databases when the set is done (a rerun from the cache).

import type pg from 'pg';
import { closeConnection, connect, withConnection, type ConnectOptions } from '../db/connect.js';
import type { MigratorRole } from '../db/migrator-role.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch.js';
import { withDatabase } from '../db/url.js';
import { SnapshotSessions } from './snapshot-sessions.js';

export class WorkDatabases {
  private base: ScratchDatabase | undefined;
  private work: ScratchDatabase | undefined;
  private client: pg.Client | undefined;
  /** The work database's snapshot sessions (snapshot-sessions.ts), closed with its session. */
  private snapshots: SnapshotSessions | undefined;

  /** A base that exists already: the template of the work databases, never dropped here. */
  private readonly prebuiltBase: string | undefined;
  private readonly keepBase: boolean;
  /** The base became the work database (adoptBaseAsWork). */
  private adopted = false;
  private readonly role: MigratorRole | undefined;
  /** Create the base and clone work databases with STRATEGY FILE_COPY (scratch.ts): the temporary server on PostgreSQL 15+. */
  private readonly fileCopy: boolean;

  constructor(
    private readonly adminUrl: string,
    private readonly options: ConnectOptions,
    bases: { prebuilt?: string; keep?: boolean; role?: MigratorRole; fileCopy?: boolean } = {},
  ) {
    this.fileCopy = bases.fileCopy ?? false;
    this.prebuiltBase = bases.prebuilt;
    this.keepBase = bases.keep ?? false;
    this.role = bases.role;
  }

  /** The base's name, when there is one (built here or prebuilt). */
  get baseName(): string | undefined {
    return this.prebuiltBase ?? this.base?.name;
  }

  /** A new, empty scratch database for the base, and a session in it (as the migrator role, if any). */
  async openBase(): Promise<pg.Client> {
    // template1 copied file by file too, where the clones are: the same server, the same reason.
    this.base = await createScratchDatabase(this.adminUrl, { ...this.scratchOptions(), fileCopy: this.fileCopy });
    this.client = await connect(this.sessionUrl(this.base.url), this.options);
    return this.client;
  }

  /**
   * Runs `work` in the base database as the admin user: what the platform makes before any
   * migration (config `database.setup`, `database.baseline`), then handed to the migrator role.
   */
  async onBaseAsAdmin(work: (admin: pg.Client) => Promise<void>): Promise<void> {
    if (!this.base) throw new Error('the base database is not open');
    await withConnection(this.base.url, work, this.options);
  }

  /**
   * A fresh work database (a clone of the base when there is one), a session in it, and the sessions
   * its schema snapshots are read in. Any session on the base or on an earlier work database is
   * closed first: a template must have none.
   */
  async openWork(): Promise<{ client: pg.Client; url: string; snapshots: SnapshotSessions }> {
    // A clone now would start from template1, not from the history: verify-set.ts adopts only where none follows.
    if (this.adopted) throw new Error('the base became the work database: there is none left to clone');
    await this.closeClient();
    await this.work?.drop();
    this.work = await createScratchDatabase(this.adminUrl, { ...this.scratchOptions(), fileCopy: this.fileCopy, ...(this.baseName ? { template: this.baseName } : {}) });
    return this.openSessionsInWork(this.work);
  }

  /**
   * The base becomes the work database, uncloned: for a base that is not kept and that nothing
   * clones afterwards (verify-set.ts). The work starts in a session of its own, as in a clone:
   * whatever the history's files left in theirs (settings, temporary tables, advisory locks) does
   * not carry over.
   */
  async adoptBaseAsWork(): Promise<{ client: pg.Client; url: string; snapshots: SnapshotSessions }> {
    const base = this.base ?? this.prebuiltAsWork();
    if (!base || this.work || this.keepBase) throw new Error('only a base of this run, not kept and not cloned yet, becomes the work database');
    await this.closeClient();
    this.base = undefined;
    this.adopted = true;
    this.work = base;
    return this.openSessionsInWork(base);
  }

  /**
   * The prebuilt base as the work database. Not a scratch database: nothing drops it (dropping is for
   * scratch names only, scratch.ts), and its temporary server takes it away with the run (verify-set.ts
   * adopts a prebuilt base only where the server is removed after the set).
   */
  private prebuiltAsWork(): ScratchDatabase | undefined {
    const name = this.prebuiltBase;
    if (name === undefined) return undefined;
    const nothing = async (): Promise<void> => undefined;
    return { name, url: withDatabase(this.adminUrl, name), drop: nothing, leave: () => undefined };
  }

  /** The work database's session and its snapshot sessions (opened when first used). */
  private async openSessionsInWork(work: ScratchDatabase): Promise<{ client: pg.Client; url: string; snapshots: SnapshotSessions }> {
    const sessionUrl = this.sessionUrl(work.url);
    this.client = await connect(sessionUrl, this.options);
    this.snapshots = new SnapshotSessions(sessionUrl, this.options);
    return { client: this.client, url: work.url, snapshots: this.snapshots };
  }

  /** Closes the session, leaving the databases (their temporary server is about to be removed). */
  async closeAll(): Promise<void> {
    await this.closeClient();
    this.work?.leave();
    if (!this.keepBase) this.base?.leave();
  }

  async dropAll(): Promise<void> {
    await this.closeClient();
    const drops = await Promise.allSettled([this.work?.drop(), this.keepBase ? undefined : this.base?.drop()]);
    const failed = drops.find((drop): drop is PromiseRejectedResult => drop.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private scratchOptions() {
    return { ...this.options, ...(this.role ? { owner: this.role.name } : {}) };
  }

  private sessionUrl(adminUrlOfDatabase: string): string {
    return this.role ? this.role.urlFor(adminUrlOfDatabase) : adminUrlOfDatabase;
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    const snapshots = this.snapshots;
    this.client = undefined;
    this.snapshots = undefined;
    await Promise.all([client ? closeConnection(client) : undefined, snapshots?.close()]);
  }
}
