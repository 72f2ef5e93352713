// The databases one migration set is verified in: a base (the merged history, built once) and a
// work database cloned from it with CREATE DATABASE ... TEMPLATE. Both are scratch databases that
// are dropped whatever happens; the database the URL names only hosts the CREATE/DROP. Two
// exceptions for the temporary server's cache: a base that came with the server (a saved state) is
// only used as the template, and a base the stage saves afterwards is kept (`keepBase`).

import type pg from 'pg';
import { closeConnection, connect, type ConnectOptions } from '../db/connect.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch.js';

export class WorkDatabases {
  private base: ScratchDatabase | undefined;
  private work: ScratchDatabase | undefined;
  private client: pg.Client | undefined;

  /** A base that exists already: the template of the work databases, never dropped here. */
  private readonly prebuiltBase: string | undefined;
  private readonly keepBase: boolean;

  constructor(
    private readonly adminUrl: string,
    private readonly options: ConnectOptions,
    bases: { prebuilt?: string; keep?: boolean } = {},
  ) {
    this.prebuiltBase = bases.prebuilt;
    this.keepBase = bases.keep ?? false;
  }

  /** The base's name, when there is one (built here or prebuilt). */
  get baseName(): string | undefined {
    return this.prebuiltBase ?? this.base?.name;
  }

  /** A new, empty scratch database for the base, and a session in it. */
  async openBase(): Promise<pg.Client> {
    this.base = await createScratchDatabase(this.adminUrl, this.options);
    this.client = await connect(this.base.url, this.options);
    return this.client;
  }

  /**
   * A fresh work database (a clone of the base when there is one) and a session in it. Any
   * session on the base or on an earlier work database is closed first: a template must have none.
   */
  async openWork(): Promise<{ client: pg.Client; url: string }> {
    await this.closeClient();
    await this.work?.drop();
    this.work = await createScratchDatabase(this.adminUrl, { ...this.options, ...(this.baseName ? { template: this.baseName } : {}) });
    this.client = await connect(this.work.url, this.options);
    return { client: this.client, url: this.work.url };
  }

  async dropAll(): Promise<void> {
    await this.closeClient();
    const drops = await Promise.allSettled([this.work?.drop(), this.keepBase ? undefined : this.base?.drop()]);
    const failed = drops.find((drop): drop is PromiseRejectedResult => drop.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await closeConnection(client);
  }
}
