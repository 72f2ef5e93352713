// An extension the server does not have: which one, and where to get a server that has it. The
// embedded server (and Debian's postgresql package) ship only the contrib extensions; the others
// come with images of their own. No stub extension is ever made: a fake `vector` type would let a
// migration pass here that fails on the real one.

import { as } from '../sql/ast.js';
import { parseSource } from '../sql/parse.js';
import { decodeSource } from '../sql/source.js';
import type { StatementFailure } from './execute.js';

/** A service-container image that ships the extension, for the message and the README's recipe. */
const IMAGES: Record<string, string> = {
  vector: 'pgvector/pgvector:pg17',
  postgis: 'postgis/postgis:17-3.5',
  postgis_topology: 'postgis/postgis:17-3.5',
  postgis_raster: 'postgis/postgis:17-3.5',
  postgis_tiger_geocoder: 'postgis/postgis:17-3.5',
  address_standardizer: 'postgis/postgis:17-3.5',
  pgrouting: 'pgrouting/pgrouting:17-3.5-3.7',
  timescaledb: 'timescale/timescaledb:latest-pg17',
  citus: 'citusdata/citus:13.0',
  pg_cron: 'a PostgreSQL image with pg_cron installed (e.g. your platform\'s own image)',
};

export interface MissingExtension {
  name: string;
  /** What to do, one sentence. */
  remedy: string;
}

/**
 * The extension a failed `CREATE EXTENSION` wanted, when the server lacks it: SQLSTATE 0A000
 * ("is not available", PostgreSQL 15 and later) or 58P01 (no control file, before 15).
 */
export function missingExtension(failure: Pick<StatementFailure, 'code'> & { statement: { tag: string | undefined; text: string } }): MissingExtension | undefined {
  if (failure.statement.tag !== 'CreateExtensionStmt' || (failure.code !== '0A000' && failure.code !== '58P01')) return undefined;
  const decoded = decodeSource('statement', Buffer.from(failure.statement.text));
  const name = decoded.ok ? as(parseSource(decoded.source).statements[0]?.node, 'CreateExtensionStmt')?.extname : undefined;
  if (name === undefined) return undefined;
  const image = IMAGES[name];
  const server = image ? `a PostgreSQL that has it (for a service container: ${image})` : 'a PostgreSQL that has it (a service container image that ships it)';
  return {
    name,
    remedy:
      `this PostgreSQL has no extension "${name}" (the embedded server and the distributions' postgresql package have only the contrib extensions); ` +
      `give the gate ${server} as --database-url, or the action's database-url input (README, "Real histories")`,
  };
}
