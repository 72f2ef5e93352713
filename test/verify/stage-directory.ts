// A migrations directory of several files run through the real database stage, with the named files
// checked as new: the fixture of the stage tests that need more than one checked file (one checked
// file with a rollback is test/db-rule-tester.ts). The directory is removed when the stage has run.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../src/config.js';
import { discoverMigrations, type DiscoveryResult, type LayoutName } from '../../src/discover/index.js';
import { runDatabaseStage, type DatabaseStageOptions, type DatabaseStageResult } from '../../src/verify/stage.js';
import { testDatabaseUrl } from '../db/postgres.js';

export interface StageDirectoryOptions {
  /** The layout to discover with (default: detected, as `check` does). */
  layout?: LayoutName;
  /** The checked migrations deploy together (`check` with a base). */
  shipTogether?: boolean;
  /** Runs before each checked migration is applied (DatabaseStageOptions.beforeApply). */
  beforeApply?: DatabaseStageOptions['beforeApply'];
}

/**
 * `files`: names under `migrations/` (subfolders allowed) → text; `checked`: the names checked as
 * new, or name → status.
 */
export async function stageOfDirectory(
  files: Record<string, string>,
  checked: readonly string[] | Readonly<Record<string, 'new' | 'modified'>>,
  options: StageDirectoryOptions = {},
): Promise<{ discovery: DiscoveryResult; stage: DatabaseStageResult }> {
  const statuses: Array<[string, 'new' | 'modified']> = Array.isArray(checked)
    ? checked.map((name) => [name, 'new'])
    : Object.entries(checked as Readonly<Record<string, 'new' | 'modified'>>);
  const root = mkdtempSync(path.join(tmpdir(), 'pgmg-stage-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, 'migrations', name)), { recursive: true });
      writeFileSync(path.join(root, 'migrations', name), text);
    }
    const discovery = await discoverMigrations(path.join(root, 'migrations'), { cwd: root, ...(options.layout ? { layout: options.layout } : {}) });
    const stage = await runDatabaseStage({
      sets: [
        {
          migrations: discovery.migrations,
          checked: new Map(statuses.map(([name, status]) => [`migrations/${name}`, status])),
          ...(options.shipTogether ? { shipTogether: true } : {}),
        },
      ],
      databaseUrl: testDatabaseUrl(),
      settings: defaultConfig().database,
      severities: new Map(),
      ...(options.beforeApply ? { beforeApply: options.beforeApply } : {}),
    });
    return { discovery, stage };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
