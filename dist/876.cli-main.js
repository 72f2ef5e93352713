export const id = 876;
export const ids = [876];
export const modules = {

/***/ 5876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   formatPlanText: () => (/* binding */ formatPlanText)
/* harmony export */ });
/* unused harmony exports rehearsalWords, lockLine, rehearsalLine, driftLine */
/* harmony import */ var _report_database_cells_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6801);
/* harmony import */ var _table_sizes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1008);
// `plan --format text`: the report read as a deploy plan. First what the target is and what it has
// applied, then the steps the runner will take, in order, then what stands in the way (each
// finding with its help), then one verdict line.


const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 };
function formatPlanText(report, options) {
    const paint = (code, text) => (options.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
    const plan = report.plan;
    const lines = [];
    if (plan) {
        lines.push(paint('bold', `Deploy plan: target PostgreSQL ${plan.serverVersion}`));
        for (const set of plan.sets) {
            lines.push(`${set.dir}: ${set.runner}, tracking table ${set.trackingTable}, ${set.applied} applied, ${set.pending.length} pending`);
            if (set.pending.length === 0)
                lines.push(paint('dim', '  nothing to apply'));
            for (const step of set.pending) {
                // A step the rehearsal could not apply (the history before it does not replay) has no risk of its own to show.
                const rehearsed = step.apply !== undefined && step.apply.status !== 'skipped';
                lines.push(`  ${step.step}. ${step.path}${rehearsed ? `  ${paint(RISK_COLOR[step.risk], `risk ${step.risk}`)}` : ''}`);
                if (step.apply)
                    lines.push(paint('dim', `     rehearsal: ${rehearsalWords(step)}`));
                for (const lock of step.locks)
                    lines.push(`     ${lockLine(lock)}`);
                const locked = new Set(step.locks.map((lock) => lock.table));
                for (const size of step.tables)
                    if (!locked.has(size.table))
                        lines.push(paint('dim', `     ${(0,_table_sizes_js__WEBPACK_IMPORTED_MODULE_1__/* .formatTableSize */ .P)(size)}`));
            }
            for (const path of set.skipped)
                lines.push(paint('red', `  ✗ ${path} (the runner will not apply it)`));
            for (const note of set.notes)
                lines.push(paint('dim', `  note: ${note}`));
        }
        const drift = driftLine(plan.drift);
        if (drift)
            lines.push(drift.ok ? drift.text : paint('red', drift.text));
        const rehearsed = rehearsalLine(plan.rehearsal);
        if (rehearsed)
            lines.push(rehearsed);
        for (const note of [...plan.notes, ...(plan.rehearsal.notes ?? [])])
            lines.push(paint('dim', `note: ${note}`));
    }
    const severityColor = { error: 'red', warning: 'yellow', info: 'cyan' };
    const blockers = report.migrations.flatMap((m) => m.findings.filter((f) => f.rule !== 'pending-migration').map((f) => ({ path: m.path, ...f })));
    if (blockers.length > 0)
        lines.push('', paint('bold', 'Before the migrate step:'));
    for (const finding of blockers) {
        lines.push(`${finding.path}:${finding.line}  ${paint(severityColor[finding.severity], finding.severity)}  ${paint('dim', finding.rule)}  ${finding.message}`);
        lines.push(`    ${paint('dim', 'help:')} ${finding.help}`);
    }
    const errors = blockers.filter((f) => f.severity === 'error').length;
    const warnings = blockers.filter((f) => f.severity === 'warning').length;
    lines.push('', errors + warnings === 0
        ? paint('green', '✔ ready to deploy')
        : paint(errors > 0 ? 'red' : 'yellow', `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} before deploying`));
    return `${lines.join('\n')}\n`;
}
const RISK_COLOR = { none: 'dim', low: 'dim', medium: 'yellow', high: 'red' };
/** `applied, rollback verified` / `failed: <reason>` for one rehearsed step. */
function rehearsalWords(step) {
    const apply = step.apply;
    if (apply.status !== 'applied')
        return `${apply.status === 'failed' ? 'fails to apply' : 'not applied'}${apply.reason ? `: ${apply.reason}` : ''}`;
    const without = apply.without?.length ? ` without ${apply.without.join(', ')}` : '';
    const rollback = step.rollback?.status;
    const words = {
        verified: ', rollback verified',
        mismatch: ', the rollback does not restore the schema',
        failed: ', the rollback fails',
        'reapply-failed': ', applying it again after the rollback fails',
        'no-rollback': ', no rollback',
        skipped: '',
    };
    return `applied${without}${rollback ? words[rollback] : ''}`;
}
/** `line 2: ACCESS EXCLUSIVE, rewrite, on orders: 5k rows, 1.1 MB (large table): high risk`. */
function lockLine(lock) {
    return `line ${lock.line}: ${(0,_report_database_cells_js__WEBPACK_IMPORTED_MODULE_0__/* .lockWords */ .jU)(lock.mode)}${lock.rewrite ? ', rewrite,' : ''} on ${(0,_table_sizes_js__WEBPACK_IMPORTED_MODULE_1__/* .formatTableSize */ .P)(lock)} (${lock.size} table): ${lock.risk} risk`;
}
/** Where the pending migrations were rehearsed, when they were (why not is among the notes). */
function rehearsalLine(rehearsal) {
    if (rehearsal.status !== 'ran')
        return undefined;
    return `rehearsed on ${rehearsal.server ?? "the gate's PostgreSQL"}, from the applied migrations: sizes are the target's, no durations are guessed`;
}
/** One line on schema-drift when the schemas were compared (a reason not to is among the notes). */
function driftLine(drift) {
    if (!drift || drift.status !== 'compared')
        return undefined;
    const against = `its ${drift.replayed ?? 0} applied migration${drift.replayed === 1 ? '' : 's'} replayed${drift.server ? ` on ${drift.server}` : ''}`;
    const count = drift.objects.length;
    return count === 0
        ? { ok: true, text: `schema: matches ${against}` }
        : { ok: false, text: `schema: ${count} object${count === 1 ? '' : 's'} differ${count === 1 ? 's' : ''} from ${against}` };
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
