// One temporary server for everything `plan` runs on the gate's own Postgres when no URL is given:
// the drift replay and the rehearsal share it, so it is started (and announced) once, on first
// use, and stopped when the plan ends. Never the target.

import { startTemporaryServer, type TemporaryServer } from '../db/server.js';

export class PlanServer {
  private started: Promise<TemporaryServer> | undefined;

  constructor(
    /** The target's major, which the temporary server prefers. */
    private readonly preferMajor: number,
    private readonly log?: (line: string) => void,
  ) {}

  /** The server, started on the first call; a failure to start (no binaries) is each caller's to report. */
  readonly get = (): Promise<TemporaryServer> => {
    this.started ??= startTemporaryServer({ preferMajor: this.preferMajor }).then((server) => {
      this.log?.(`started a temporary PostgreSQL ${server.version} (binaries from ${server.binariesFrom}) to replay and rehearse the migrations; it is removed when the plan ends`);
      return server;
    });
    return this.started;
  };

  async stop(): Promise<void> {
    const server = await this.started?.catch(() => undefined);
    await server?.stop();
  }
}
