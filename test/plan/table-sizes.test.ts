// The target's table sizes in the plan: the planner's row estimate and pg_total_relation_size, a
// partitioned table summed over its partitions, and no row count where none was ever taken.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatTableSize, readTableSizes } from '../../src/plan/table-sizes.js';
import { withTarget } from '../../src/plan/target.js';
import { createTargetDb, type TargetDb } from './target-db.js';

let target: TargetDb;
beforeEach(async () => {
  target = await createTargetDb();
});
afterEach(async () => {
  await target.cleanup();
});

describe('readTableSizes', () => {
  it('reads reltuples and the total size; a partitioned table is the sum of its partitions; a table never analyzed has no row count', async () => {
    await target.exec('CREATE TABLE orders (id bigint PRIMARY KEY, note text)');
    await target.exec("INSERT INTO orders SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g; ANALYZE orders");
    await target.exec('CREATE TABLE events (at date NOT NULL, id bigint) PARTITION BY RANGE (at)');
    await target.exec("CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    await target.exec("CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
    await target.exec("INSERT INTO events SELECT date '2024-06-01' + (g % 400), g FROM generate_series(1, 3000) g; ANALYZE events");
    await target.exec('CREATE TABLE fresh (id int)');
    const role = await target.role([]);
    // A role without any grant on the tables: sizes come from the catalog.
    const sizes = await withTarget(role.url, (session) => readTableSizes(session, ['public.orders', 'public.events', 'public.fresh', 'public.not_there']));
    expect([...sizes.keys()].sort()).toEqual(['public.events', 'public.fresh', 'public.orders']);
    expect(sizes.get('public.orders')).toMatchObject({ rows: 5000 });
    expect(sizes.get('public.orders')!.bytes).toBeGreaterThan(500_000);
    expect(sizes.get('public.events')!.rows).toBe(3000);
    const [partitions] = await target.exec("SELECT (pg_total_relation_size('events_2024') + pg_total_relation_size('events_2025'))::float8 AS bytes");
    expect(sizes.get('public.events')!.bytes).toBe(partitions!['bytes']);
    expect(sizes.get('public.fresh')!.rows).toBeNull();
  });
});

describe('formatTableSize', () => {
  it.each([
    [{ table: 'public.orders', rows: 1_234_567, bytes: 3.4 * 1024 ** 3 }, 'orders: 1.2M rows, 3.4 GB'],
    [{ table: 'public.lookup', rows: 200, bytes: 49_152 }, 'lookup: 200 rows, 48 kB'],
    [{ table: 'app.users', rows: 1, bytes: 8192 }, 'app.users: 1 row, 8 kB'],
    [{ table: 'public.big', rows: 40_000_000_000, bytes: 40 * 1024 ** 3 }, 'big: 40B rows, 40 GB'],
    [{ table: 'public.fresh', rows: null, bytes: 0 }, 'fresh: rows not counted yet (never vacuumed or analyzed), 0 bytes'],
  ])('%o -> %s', (size, text) => {
    expect(formatTableSize(size)).toBe(text);
  });
});
