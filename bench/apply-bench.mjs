// Apply benchmark: the database stage of `check` replaying a generated history of migration files
// into a scratch database, against the least work possible for the same files on the same server in
// the same run (each file sent as one query over one `pg` connection). Also the time the rollback
// round trip adds for the last migrations (snapshots, down, up again, comparisons).
//
// The gate is measured from its sources (compiled to JavaScript here), not from dist/, so the figures
// are those of the code in the working tree; the timings are the stage's own (report
// `database.timings`): applying the history, without creating the database or connecting, exactly
// what the baseline does.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import pg from 'pg';
import { writeApplyCorpus } from './apply-corpus.mjs';
import { compileSources } from './compile-sources.mjs';
import { formatMs, median } from './stats.mjs';

export async function runApplyBench({ root, history = 300, roundTrips = 5, runs = 5 }) {
  // As dist/ does: the parser's WASM runs on V8's baseline compiler (see scripts/build.mjs).
  v8.setFlagsFromString('--liftoff-only');
  const build = compileSources(root);
  const load = (path) => import(pathToFileURL(join(build, path)).href);
  const { startTemporaryServer } = await load('db/server.js');
  const { createScratchDatabase } = await load('db/scratch.js');
  const { discoverMigrations } = await load('discover/index.js');
  const { runDatabaseStage } = await load('verify/stage.js');

  const corpusRoot = join(root, 'bench', '.corpus', 'apply');
  const { names, statements } = writeApplyCorpus(join(corpusRoot, 'migrations'), history, roundTrips);
  const discovery = await discoverMigrations(join(corpusRoot, 'migrations'), { cwd: corpusRoot, layout: 'plain', rollbackSuffix: '_rollback.sql' });
  const checked = new Map(discovery.migrations.slice(history).map((migration) => [migration.path, 'new']));
  const historyFiles = names.slice(0, history).map((name) => join(corpusRoot, 'migrations', name));

  const server = process.env.DATABASE_URL ? undefined : await startTemporaryServer();
  const url = process.env.DATABASE_URL ?? server.url;
  try {
    const baseline = [];
    const gate = [];
    const runGate = () =>
      runDatabaseStage({
        sets: [{ migrations: discovery.migrations, checked }],
        databaseUrl: url,
        settings: { 'connect-timeout': 10_000, 'lock-timeout': 5_000, 'statement-timeout': 60_000 },
        severities: new Map(),
      });
    for (let run = 0; run <= runs; run++) {
      // Alternate which goes first, so that neither always meets the other's leftovers (a dropped
      // database's checkpoint, caches).
      let baselineMs;
      let stage;
      if (run % 2 === 0) {
        baselineMs = await oneQueryPerFile(createScratchDatabase, url, historyFiles);
        stage = await runGate();
      } else {
        stage = await runGate();
        baselineMs = await oneQueryPerFile(createScratchDatabase, url, historyFiles);
      }
      const results = [...stage.files.values()];
      const broken = results.filter((file) => file.apply.status !== 'applied' || file.rollback.status !== 'verified');
      if (stage.summary.status !== 'ran' || results.length !== roundTrips || broken.length > 0) {
        throw new Error(`the gate did not verify the corpus: ${JSON.stringify({ summary: stage.summary, broken })}`);
      }
      if (run === 0) continue; // warm-up: file cache, server caches, JIT
      baseline.push(baselineMs);
      gate.push(stage.summary.timings);
    }
    const baseMs = median(gate.map((t) => t.baseMs));
    const baselineMs = median(baseline);
    // Each run pairs the two back to back: the median of the pairs' ratios is steadier than the
    // ratio of the medians on a machine whose load changes during the benchmark.
    const ratio = median(gate.map((t, i) => t.baseMs / baseline[i]));
    const roundTripMs = median(gate.map((t) => t.roundTripMs));
    const applyMs = median(gate.map((t) => t.applyMs));
    console.log(`\nApply benchmark: ${history} history files (${statements} statements in all), median of ${runs} runs, ${server ? `temporary PostgreSQL ${server.version}` : 'DATABASE_URL'}`);
    console.log(`  ${'gate: apply the history (psql-style runner semantics)'.padEnd(58)} ${formatMs(baseMs)}   gate / baseline = ${ratio.toFixed(2)}x (median of the runs' ratios)`);
    console.log(`  ${'baseline: each file as one query, one pg connection'.padEnd(58)} ${formatMs(baselineMs)}`);
    console.log(`  ${`gate: apply the last ${roundTrips} with lock and rewrite trace`.padEnd(58)} ${formatMs(applyMs)}`);
    console.log(`  ${`gate: rollback round trip of the last ${roundTrips} (added time)`.padEnd(58)} ${formatMs(roundTripMs)}`);
    return { history, statements, baseMs, baselineMs, ratio, applyMs, roundTripMs };
  } finally {
    await server?.stop();
  }
}

async function oneQueryPerFile(createScratchDatabase, url, files) {
  const database = await createScratchDatabase(url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const started = process.hrtime.bigint();
    for (const file of files) await client.query(readFileSync(file, 'utf8'));
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await client.end();
    await database.drop();
  }
}
