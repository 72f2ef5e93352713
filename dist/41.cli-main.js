export const id = 41;
export const ids = [41];
export const modules = {

/***/ 1457:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HG: () => (/* binding */ executeScript)
/* harmony export */ });
/* unused harmony exports environmentFailure, failureOf */
/* harmony import */ var _sql_source_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5375);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2551);
// Sends a migration script to Postgres the way its runner would, and says where it failed.
//
// Two paths. The faithful one sends statement by statement, opening the transactions the runner
// opens and honouring the file's own BEGIN/COMMIT (the session's real transaction status decides,
// not a guess); with a tracer, a statement that runs in autocommit is wrapped in BEGIN ... COMMIT so
// its locks can be read before they are released (the same outcome for anything that may run in a
// transaction; the rest is detected, or refused by the server with 25001, and sent alone). The fast
// one, for the history the new migrations build on, sends a unit's statements as one query: on
// success the result is the same, and on any error nothing was kept (one query is one transaction)
// and the faithful path runs the unit again to report the failing statement exactly.


/** SQLSTATE active_sql_transaction: "... cannot run inside a transaction block". */
const CANNOT_RUN_IN_TRANSACTION = '25001';
/**
 * Runs the script. A failure of the statement is the outcome; a failure of the environment under it
 * (see environmentFailure) is thrown as an EnvironmentFailureError, since no finding can come of it.
 */
async function executeScript(client, script, options = {}) {
    for (const unit of script.units) {
        if (unit.statements.length === 0)
            continue;
        if (!options.tracer && options.fast && sendsWhole(unit)) {
            const whole = await sendWhole(client, unit);
            if (whole === 'ok')
                continue;
            if (whole !== 'retry')
                return checked(script, whole);
        }
        const outcome = await runUnit(client, unit, options.tracer);
        if (!outcome.ok)
            return checked(script, outcome);
    }
    return { ok: true };
}
/**
 * SQLSTATEs that say the environment failed, whatever the statement was. 57P01 is what the session
 * gets from another client's pg_terminate_backend and from a fast or immediate shutdown alike;
 * the caller tells them apart by whether the server still answers (verify-set.ts).
 */
const ENVIRONMENT_CODES = {
    '57P01': { kind: 'session-ended', what: "the gate's session was ended from outside" },
    '57P02': { kind: 'server-stopped', what: 'the PostgreSQL server crashed' },
    '57P03': { kind: 'server-stopped', what: 'the PostgreSQL server is shutting down' },
    '53100': { kind: 'disk-full', what: "the PostgreSQL server's disk is full" },
    '58030': { kind: 'io-error', what: 'the PostgreSQL server could not read or write its files' },
};
/** The failure's environment cause, or undefined when it is the statement's own. */
function environmentFailure(failure) {
    if (failure.code !== undefined)
        return Object.hasOwn(ENVIRONMENT_CODES, failure.code) ? ENVIRONMENT_CODES[failure.code] : undefined;
    // No SQLSTATE and not the client's own timeout: the connection broke under the statement.
    return failure.fatal ? { kind: 'session-ended', what: 'the connection to the PostgreSQL server was lost' } : undefined;
}
function checked(script, outcome) {
    if (outcome.ok)
        return outcome;
    const cause = environmentFailure(outcome.failure);
    if (!cause)
        return outcome;
    const { failure } = outcome;
    const location = `${script.path}:${(0,_sql_source_js__WEBPACK_IMPORTED_MODULE_0__/* .positionAt */ .t$)(script.source, failure.offset).line}`;
    const said = `${failure.message}${failure.code ? `, SQLSTATE ${failure.code}` : ''}`;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .EnvironmentFailureError */ .uP(`${cause.what} while applying ${location} (${said}); nothing was concluded about the migration`, cause.kind, location, said);
}
function sendsWhole(unit) {
    return unit.statements.every((statement) => statement.tag !== undefined && !statement.control && !statement.nonTransactional && !(unit.mode === 'autocommit' && statement.setLocal));
}
async function sendWhole(client, unit) {
    const first = unit.statements[0];
    const text = unit.source.bytes.subarray(first.start, unit.statements.at(-1).end).toString('utf8');
    try {
        if (unit.mode === 'transaction')
            await client.query('BEGIN');
        await client.query(text);
        if (unit.mode === 'transaction')
            await client.query('COMMIT');
        return 'ok';
    }
    catch (error) {
        const failure = failureOf(first, error, unit.runner);
        if (failure.fatal)
            return { ok: false, failure };
        await rollback(client);
        return 'retry';
    }
}
async function runUnit(client, unit, tracer) {
    const runnerTransaction = unit.mode !== 'autocommit';
    let current = unit.statements[0];
    try {
        if (runnerTransaction)
            await client.query('BEGIN');
        for (const [index, statement] of unit.statements.entries()) {
            current = statement;
            // After the file's own COMMIT, the rest of a one-query text runs in a new implicit block.
            if (unit.mode === 'implicit' && index > 0 && client.getTransactionStatus() === 'I')
                await client.query('BEGIN');
            await runStatement(client, statement, tracer);
        }
        if (client.getTransactionStatus() === 'T') {
            if (!runnerTransaction)
                return uncommitted(client, unit, tracer);
            await client.query('COMMIT');
            tracer?.transactionEnded();
        }
        return { ok: true };
    }
    catch (error) {
        const failure = failureOf(current, error, unit.runner);
        if (!failure.fatal)
            await rollback(client);
        tracer?.transactionEnded();
        return { ok: false, failure };
    }
}
async function runStatement(client, statement, tracer) {
    if (tracer?.beforeStatement && !statement.control)
        await tracer.beforeStatement(client, statement);
    const wrap = tracer !== undefined && client.getTransactionStatus() === 'I' && !statement.control && !statement.nonTransactional;
    if (wrap) {
        await client.query('BEGIN');
        try {
            await client.query(statement.text);
        }
        catch (error) {
            if (error.code !== CANNOT_RUN_IN_TRANSACTION)
                throw error;
            await client.query('ROLLBACK');
            await watched(client, statement, tracer);
            await tracer.after(client, statement, false);
            return;
        }
        await tracer.after(client, statement, false);
        await client.query('COMMIT');
        tracer.transactionEnded();
        return;
    }
    if (tracer && !statement.control && client.getTransactionStatus() === 'I')
        await watched(client, statement, tracer);
    else
        await client.query(statement.text);
    const inTransaction = client.getTransactionStatus() === 'T';
    if (tracer && !statement.control)
        await tracer.after(client, statement, inTransaction);
    if (!inTransaction)
        tracer?.transactionEnded();
}
/** Sends a statement that runs outside any transaction, with the tracer watching it from another session. */
async function watched(client, statement, tracer) {
    const stop = await tracer.watchOutside?.(client, statement);
    try {
        await client.query(statement.text);
    }
    finally {
        await stop?.();
    }
}
/**
 * A file that opens a transaction and never ends it: psql and similar runners end the session
 * at the end of the file, and Postgres rolls the open transaction back. So does the gate.
 */
async function uncommitted(client, unit, tracer) {
    await rollback(client);
    tracer?.transactionEnded();
    const last = unit.statements.at(-1);
    return {
        ok: false,
        failure: {
            statement: last,
            offset: last.start,
            code: undefined,
            message: 'the file ends inside a transaction it opened, so the runner ends the session and Postgres rolls back every change since BEGIN',
            hint: 'end the transaction with COMMIT',
            runner: unit.runner,
            fatal: false,
        },
    };
}
async function rollback(client) {
    if (client.getTransactionStatus() === 'I')
        return;
    await client.query('ROLLBACK').catch(() => undefined);
}
function failureOf(statement, error, runner) {
    const server = error;
    const message = server.message ?? String(error);
    const clientTimeout = server.code === undefined && /timeout/i.test(message);
    const position = Number(server.position);
    const offset = Number.isInteger(position) && position > 0 ? statement.start + byteLengthOfChars(statement.text, position - 1) : statement.start;
    return {
        statement,
        offset,
        code: clientTimeout ? 'query-timeout' : server.code,
        message,
        ...(server.detail ? { detail: server.detail } : {}),
        ...(server.hint ? { hint: server.hint } : {}),
        runner,
        // No SQLSTATE: the connection itself broke (client timeout, server gone).
        fatal: server.code === undefined,
    };
}
/** Postgres reports error positions in characters of the query text; offsets here are bytes. */
function byteLengthOfChars(text, chars) {
    let bytes = 0;
    let count = 0;
    for (const char of text) {
        if (count >= chars)
            break;
        bytes += Buffer.byteLength(char);
        count++;
    }
    return bytes;
}


/***/ }),

/***/ 5338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ missingExtension)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3080);
/* harmony import */ var _sql_parse_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3181);
/* harmony import */ var _sql_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5375);
// An extension the server does not have: which one, and where to get a server that has it. The
// embedded server (and Debian's postgresql package) ship only the contrib extensions; the others
// come with images of their own. No stub extension is ever made: a fake `vector` type would let a
// migration pass here that fails on the real one.



/** A service-container image that ships the extension, for the message and the README's recipe. */
const IMAGES = {
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
/**
 * The extension a failed `CREATE EXTENSION` wanted, when the server lacks it: SQLSTATE 0A000
 * ("is not available", PostgreSQL 15 and later) or 58P01 (no control file, before 15).
 */
function missingExtension(failure) {
    if (failure.statement.tag !== 'CreateExtensionStmt' || (failure.code !== '0A000' && failure.code !== '58P01'))
        return undefined;
    const decoded = (0,_sql_source_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeSource */ .E4)('statement', Buffer.from(failure.statement.text));
    const name = decoded.ok ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)((0,_sql_parse_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSource */ .P)(decoded.source).statements[0]?.node, 'CreateExtensionStmt')?.extname : undefined;
    if (name === undefined)
        return undefined;
    const image = IMAGES[name];
    const server = image ? `a PostgreSQL that has it (for a service container: ${image})` : 'a PostgreSQL that has it (a service container image that ships it)';
    return {
        name,
        remedy: `this PostgreSQL has no extension "${name}" (the embedded server and the distributions' postgresql package have only the contrib extensions); ` +
            `give the gate ${server} as --database-url, or the action's database-url input (README, "Real histories")`,
    };
}


/***/ }),

/***/ 7828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ buildScript)
});

// EXTERNAL MODULE: ./src/discover/index.ts + 24 modules
var discover = __webpack_require__(379);
// EXTERNAL MODULE: ./src/sql/ast.ts
var ast = __webpack_require__(3080);
// EXTERNAL MODULE: ./src/sql/parse.ts + 1 modules
var parse = __webpack_require__(3181);
// EXTERNAL MODULE: ./src/sql/source.ts
var sql_source = __webpack_require__(5375);
// EXTERNAL MODULE: ./src/rules/util/non-transactional.ts
var non_transactional = __webpack_require__(6051);
// EXTERNAL MODULE: ./src/rules/util/concurrent-statements.ts
var concurrent_statements = __webpack_require__(2862);
// EXTERNAL MODULE: ./src/rules/util/option-flags.ts
var option_flags = __webpack_require__(7085);
;// CONCATENATED MODULE: ./src/db/documented-locks.ts
// The lock a statement that runs outside a transaction takes on the relation it names, as the
// manual documents it (the "Explicit Locking" table and each command's page). The tracer sees such a
// statement's locks only by polling while it runs (lock-poller.ts), and one faster than a poll
// interval (an index built on a small table) shows none: the trace would say "no locks" on one run
// and "SHARE UPDATE EXCLUSIVE" on the next, which makes the report, and the README's demo, change
// from machine to machine. So the tracer adds the documented lock when no poll saw it, marked as
// such (`observed: 'documented'`). Statements whose target the text does not name (VACUUM of the
// whole database, DROP INDEX CONCURRENTLY's table) get none.



const SHARE_UPDATE_EXCLUSIVE = 'ShareUpdateExclusiveLock';
function documentedLocksOf(node) {
    if (!node)
        return [];
    const index = (0,ast.as)(node, 'IndexStmt');
    // CREATE INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE on the table for the whole build.
    if (index?.concurrent)
        return lockOn(index.relation, SHARE_UPDATE_EXCLUSIVE);
    const reindex = (0,ast.as)(node, 'ReindexStmt');
    // REINDEX CONCURRENTLY TABLE/INDEX: SHARE UPDATE EXCLUSIVE on the table and its indexes.
    if (reindex && (0,concurrent_statements/* isConcurrentReindex */.H)(reindex))
        return lockOn(reindex.relation, SHARE_UPDATE_EXCLUSIVE);
    const vacuum = (0,ast.as)(node, 'VacuumStmt');
    if (vacuum?.is_vacuumcmd) {
        // VACUUM: SHARE UPDATE EXCLUSIVE; VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.
        const mode = (0,option_flags/* isOptionEnabled */.j)(vacuum.options, 'full') ? 'AccessExclusiveLock' : SHARE_UPDATE_EXCLUSIVE;
        return (vacuum.rels ?? []).flatMap((rel) => lockOn((0,ast.as)(rel, 'VacuumRelation')?.relation, mode));
    }
    return [];
}
function lockOn(relation, mode) {
    return relation?.relname ? [{ schema: relation.schemaname, name: relation.relname, mode }] : [];
}

;// CONCATENATED MODULE: ./src/db/script.ts
// A migration file (or its rollback) cut into what the runner sends to Postgres, and how: the
// statements found by the real parser, grouped into units that share a transaction mode taken from
// the runner's scope (DESIGN.md, "How each migration runner really runs files"). Offsets are bytes
// of the file as decoded (BOM excluded), so every failure maps back to a line of the real file.






/** Needs the parser loaded (`ensureParser`). */
function buildScript(path, raw, parts) {
    const decoded = (0,sql_source/* decodeSource */.E4)(path, raw);
    if (!decoded.ok)
        return { ok: false, path, message: decoded.error.message, line: decoded.error.line };
    const units = [];
    for (const part of parts) {
        let source = decoded.source;
        if (part.ranges) {
            const masked = (0,sql_source/* decodeSource */.E4)(path, (0,discover/* maskOutside */.ms)(raw, part.ranges));
            if (!masked.ok)
                return { ok: false, path, message: masked.error.message, line: masked.error.line };
            source = masked.source;
        }
        const statements = statementsOf(source);
        units.push({ mode: modeOf(part.scope, statements), runner: part.scope.runner, statements, source });
    }
    return { ok: true, script: { path, source: decoded.source, units } };
}
function modeOf(scope, statements) {
    if (!scope.wrapsFile)
        return 'autocommit';
    switch (scope.nonTransactional) {
        case 'never':
            return 'transaction';
        case 'single-statement':
            // One statement in one query runs without a transaction block: CONCURRENTLY works there.
            return statements.length <= 1 ? 'autocommit' : 'implicit';
        case 'detected':
            // Flyway runs a migration that holds such a statement without its transaction.
            return statements.some((statement) => statement.nonTransactional) ? 'autocommit' : 'transaction';
    }
}
/**
 * Top-level statements in file order. A piece the parser rejects is still sent (from its start to
 * the next statement), so that the server, the authority on what it accepts, reports the error.
 */
function statementsOf(source) {
    const parsed = (0,parse/* parseSource */.P)(source);
    const pieces = [
        ...parsed.statements.filter((s) => s.origin === 'file').map((s) => ({ start: s.start, end: s.end, node: s.node })),
        ...parsed.syntaxErrors.map((error) => ({ start: error.statementStart })),
    ].sort((a, b) => a.start - b.start);
    return pieces.map((piece, index) => {
        const end = piece.end ?? pieces[index + 1]?.start ?? source.bytes.length;
        const text = source.bytes.subarray(piece.start, end).toString('utf8');
        const node = piece.node;
        const nonTransactional = node !== undefined && (0,non_transactional/* cannotRunInTransaction */.c)(node);
        return {
            start: piece.start,
            end,
            text,
            tag: (0,ast/* nodeTag */.Ft)(node),
            control: node !== undefined && 'TransactionStmt' in node,
            nonTransactional,
            setLocal: (0,ast.as)(node, 'VariableSetStmt')?.is_local === true,
            setsNotNull: ((0,ast.as)(node, 'AlterTableStmt')?.cmds ?? []).some((command) => (0,ast.as)(command, 'AlterTableCmd')?.subtype === 'AT_SetNotNull'),
            documentedLocks: nonTransactional ? documentedLocksOf(node) : [],
        };
    });
}


/***/ }),

/***/ 4041:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   applyBaseSql: () => (/* binding */ applyBaseSql),
/* harmony export */   readSetup: () => (/* binding */ readSetup)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2627);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _db_execute_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1457);
/* harmony import */ var _db_extensions_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5338);
/* harmony import */ var _db_script_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7828);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(3080);
/* harmony import */ var _sql_parse_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3181);
/* harmony import */ var _sql_source_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5375);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8522);
/* harmony import */ var _sql_parser_guard_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5681);
// What the base database is built from before the merged history (config `database.setup` and
// `database.baseline`): the platform's schemas, roles and extensions, and a schema dump standing for
// the history. Both run the way psql runs a file (statement by statement, autocommit), because that
// is how they are written: a setup script for psql, a `pg_dump` plain-format dump. A statement that
// fails is a configuration problem (exit 2) at the file's line, never a finding on a migration.












/** Reads the setup files the config names (paths already relative to `cwd`) and its inline SQL. */
async function readSetup(database, cwd) {
    const setup = [];
    for (const [index, entry] of (database.setup ?? []).entries()) {
        const key = `database.setup.${index}`;
        if (typeof entry !== 'string') {
            setup.push({ kind: 'setup', label: `${key} (inline SQL)`, raw: Buffer.from(entry.sql) });
            continue;
        }
        try {
            setup.push({ kind: 'setup', label: entry, path: entry, raw: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, entry)) });
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`${key}: cannot read ${entry} (${error.code ?? error.message}); check the path in the config`);
        }
    }
    return setup;
}
/**
 * Runs the setup, then the baseline, in the base database. The session is reset afterwards: a dump
 * sets `search_path` to '' for itself, and the history must start with the session's own settings.
 */
async function applyBaseSql(client, base) {
    await (0,_sql_parse_js__WEBPACK_IMPORTED_MODULE_7__/* .ensureParser */ ._)();
    for (const source of base.setup)
        await applySource(client, source);
    if (base.baseline)
        await applySource(client, base.baseline);
    await client.query('DISCARD ALL');
}
async function applySource(client, source) {
    const script = scriptOf(source);
    const outcome = await (0,_db_execute_js__WEBPACK_IMPORTED_MODULE_3__/* .executeScript */ .HG)(client, script);
    if (outcome.ok)
        return;
    const { failure } = outcome;
    // A role is the server's, not the database's: on a given server it outlives the last run.
    if (source.kind === 'setup' && failure.statement.tag === 'CreateRoleStmt' && failure.code === '42710') {
        await applyRest(client, source, script, failure);
        return;
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`${where(source, script, failure.offset)}: ${what(source)} does not apply: ${errorText(failure)}; ${remedy(source, failure)}`);
}
/** Goes on after a CREATE ROLE of a role that exists: the statements after it still run. */
async function applyRest(client, source, script, failure) {
    const units = script.units.map((unit) => ({ ...unit, statements: unit.statements.filter((statement) => statement.start > failure.statement.start) }));
    const rest = { ...script, units };
    const outcome = await (0,_db_execute_js__WEBPACK_IMPORTED_MODULE_3__/* .executeScript */ .HG)(client, rest);
    if (outcome.ok)
        return;
    if (outcome.failure.statement.tag === 'CreateRoleStmt' && outcome.failure.code === '42710')
        return applyRest(client, source, rest, outcome.failure);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`${where(source, script, outcome.failure.offset)}: ${what(source)} does not apply: ${errorText(outcome.failure)}; ${remedy(source, outcome.failure)}`);
}
function scriptOf(source) {
    const shown = source.path ?? source.label;
    const decoded = (0,_sql_source_js__WEBPACK_IMPORTED_MODULE_8__/* .decodeSource */ .E4)(shown, source.raw);
    if (!decoded.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`${shown}:${decoded.error.line}: ${decoded.error.message}`);
    // psql's meta-commands (`\restrict`, which pg_dump writes since 17.6, `\set`, ...) are psql's,
    // not SQL: blanked to spaces, so every offset still points at the same byte of the file.
    const masked = Buffer.from(decoded.source.bytes);
    for (const command of metaCommands(decoded.source.bytes)) {
        if (/^\\c(onnect)?\b/.test(command.text)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`${shown}:${(0,_sql_source_js__WEBPACK_IMPORTED_MODULE_8__/* .positionAt */ .t$)(decoded.source, command.start).line}: ${what(source)} connects to another database (${command.text.split(/\s/)[0]}); dump one database without --create`);
        }
        for (let at = command.start; at < command.end; at++)
            masked[at] = 0x20;
    }
    const built = (0,_db_script_js__WEBPACK_IMPORTED_MODULE_5__/* .buildScript */ .A)(shown, masked, [{ scope: _types_js__WEBPACK_IMPORTED_MODULE_9__/* .PSQL_STYLE_SCOPE */ .aE }]);
    if (!built.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`${built.path}:${built.line}: ${built.message}`);
    refuseCopyData(source, built.script);
    return built.script;
}
/**
 * psql meta-commands: a line whose first character is a backslash, outside any quoted string,
 * identifier, dollar-quoted body or comment, up to the end of that line. Whether a line is inside a
 * quote is asked of Postgres's parser (an unterminated quote in the text before it), not guessed;
 * such lines are rare (pg_dump writes two), so parsing the text before each is cheap enough.
 */
function metaCommands(bytes) {
    const commands = [];
    const masked = Buffer.from(bytes);
    for (let lineStart = 0; lineStart < bytes.length;) {
        const newline = bytes.indexOf(0x0a, lineStart);
        const lineEnd = newline === -1 ? bytes.length : newline;
        let first = lineStart;
        while (first < lineEnd && (bytes[first] === 0x20 || bytes[first] === 0x09))
            first++;
        if (bytes[first] === 0x5c && !insideQuote(masked.subarray(0, first).toString('utf8'))) {
            commands.push({ start: first, end: lineEnd, text: bytes.subarray(first, lineEnd).toString('utf8').trim() });
            masked.fill(0x20, first, lineEnd);
        }
        lineStart = lineEnd + 1;
    }
    return commands;
}
function insideQuote(prefix) {
    try {
        (0,_sql_parser_guard_js__WEBPACK_IMPORTED_MODULE_10__/* .guardParser */ .F)(prefix, () => (0,libpg_query__WEBPACK_IMPORTED_MODULE_2__.parseSync)(prefix));
        return false;
    }
    catch (error) {
        return /unterminated/.test(error instanceof Error ? error.message : String(error));
    }
}
/** `COPY ... FROM stdin` rows are psql's to send; the gate sends SQL statements only. */
function refuseCopyData(source, script) {
    for (const statement of script.units.flatMap((unit) => unit.statements)) {
        if (statement.tag !== 'CopyStmt')
            continue;
        const decoded = (0,_sql_source_js__WEBPACK_IMPORTED_MODULE_8__/* .decodeSource */ .E4)(script.path, Buffer.from(statement.text));
        const copy = decoded.ok ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_11__.as)((0,_sql_parse_js__WEBPACK_IMPORTED_MODULE_7__/* .parseSource */ .P)(decoded.source).statements[0]?.node, 'CopyStmt') : undefined;
        if (copy?.is_from && copy.filename === undefined && !copy.is_program) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .e(`${where(source, script, statement.start)}: ${what(source)} loads rows with COPY ... FROM stdin, which only psql can send; ` +
                'dump the schema alone (pg_dump --schema-only), or the data as INSERT statements (pg_dump --inserts)');
        }
    }
}
function where(source, script, offset) {
    const { line } = (0,_sql_source_js__WEBPACK_IMPORTED_MODULE_8__/* .positionAt */ .t$)(script.source, offset);
    return source.path ? `${source.path}:${line}` : `${source.label}, line ${line}`;
}
function what(source) {
    return source.kind === 'setup' ? 'the database setup (database.setup)' : 'the baseline (database.baseline)';
}
function errorText(failure) {
    const code = failure.code && failure.code !== 'query-timeout' ? ` (SQLSTATE ${failure.code})` : '';
    return `${failure.message.replace(/\.$/, '')}${code}`;
}
function remedy(source, failure) {
    const extension = (0,_db_extensions_js__WEBPACK_IMPORTED_MODULE_4__/* .missingExtension */ .c)(failure);
    if (extension)
        return extension.remedy;
    // pg_dump writes `ALTER ... OWNER TO` and GRANTs naming the production roles.
    if (failure.code === '42704' && /\brole\b/.test(failure.message)) {
        return source.kind === 'baseline'
            ? 'dump without owners and grants (pg_dump --schema-only --no-owner --no-privileges), or create the role in database.setup'
            : 'create the role earlier in database.setup';
    }
    return source.kind === 'baseline'
        ? 'the baseline must apply on an empty database after database.setup: regenerate it with pg_dump --schema-only, and create what it needs (schemas, roles, extensions) in database.setup'
        : 'fix the setup SQL; it runs on an empty database before the migrations';
}


/***/ })

};
