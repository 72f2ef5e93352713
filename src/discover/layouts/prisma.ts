// Prisma Migrate: `<timestamp>_<name>/migration.sql`, applied in folder name order, each file sent
// as one query (one implicit transaction). `migration_lock.toml` only pins the provider. Prisma has
// no down migrations: a rollback is generated with `prisma migrate diff`, so there is none to find.

import { PRISMA_SCOPE } from '../scopes.js';
import { discoverFolders } from './folders.js';
import type { DiscoverLayout } from './layout.js';

export const PRISMA_LOCK_FILE = 'migration_lock.toml';

export const discoverPrisma: DiscoverLayout = async (input) =>
  discoverFolders(input, 'prisma', { scope: PRISMA_SCOPE, statementSplit: 'parser' }, new Set());
