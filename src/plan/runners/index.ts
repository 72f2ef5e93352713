// One reader per runner (layout), each in its own file with the runner's source cited.

import type { LayoutName } from '../../discover/types.js';
import { dbmateReader } from './dbmate.js';
import { drizzleReader } from './drizzle.js';
import { flywayReader } from './flyway.js';
import { golangMigrateReader } from './golang-migrate.js';
import { gooseReader } from './goose.js';
import { plainReader } from './plain.js';
import { prismaReader } from './prisma.js';
import type { RunnerReader } from './types.js';

export const RUNNER_READERS: Readonly<Record<LayoutName, RunnerReader>> = {
  prisma: prismaReader,
  drizzle: drizzleReader,
  'golang-migrate': golangMigrateReader,
  dbmate: dbmateReader,
  flyway: flywayReader,
  goose: gooseReader,
  plain: plainReader,
};
