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

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, closeSync, constants, copyFileSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot, makeDirectories } from './root.js';
import { processGone } from '../db/server-cleanup.js';
import { VERSION } from '../version.js';
import { FileListBuilder, fileListOf, type FileList } from './file-list.js';

/** Bumped when what an entry holds or how it is keyed changes. */
export const CACHE_FORMAT = 2;
/** Default bound of all entries together; `PG_MIGRATION_GATE_CACHE_MAX_MB` sets another. */
export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export type EntryKind = 'clusters' | 'bases';

export interface EntryManifest {
  format: number;
  gate: string;
  kind: EntryKind;
  key: string;
  createdAt: string;
  checksum: string;
  files: number;
  bytes: number;
  /** The superuser's password in the saved cluster (the cache directory is the user's own, mode 700). */
  password: string;
  /** Bases: the database holding each set's base, by set index; null for a set without a base. */
  databases?: Array<string | null>;
  /** `archive`: the data directory is `data.tar`; `tree`: it is `data/` (no tar on the machine that saved it). */
  layout: 'archive' | 'tree';
  /** Layout `archive`: the size of `data.tar`, checked before it is unpacked. */
  archiveBytes?: number;
  /** sha256 of `attachment.json`, when the entry has one (what the stage keeps with its bases). */
  attachment?: string;
}

export interface CacheEntry {
  directory: string;
  /** `data.tar` or `data/`, as the manifest's layout says. */
  dataPath: string;
  manifest: EntryManifest;
}

export interface CacheOptions {
  root?: string;
  maxBytes?: number;
  /** One-line notes for the user: an entry found damaged. */
  log?: (line: string) => void;
  /** The tar command (default `tar` on the PATH); one that does not run makes entries trees. */
  tar?: string;
}

/** Where the account the server runs as must own a restored data directory (root runs). */
export interface Owner {
  uid: number;
  gid: number;
}

export class DataDirCache {
  readonly root: string;
  private readonly maxBytes: number;
  private readonly log: (line: string) => void;
  private readonly tar: string;

  constructor(options: CacheOptions = {}) {
    this.tar = options.tar ?? 'tar';
    this.root = options.root ?? cacheRoot();
    this.maxBytes = options.maxBytes ?? maxBytesFromEnvironment();
    this.log = options.log ?? (() => undefined);
  }

  /** An entry whose manifest matches, or undefined; a foreign one is removed with a note. Its files are checked by restore. */
  lookup(kind: EntryKind, key: string): CacheEntry | undefined {
    const directory = path.join(this.root, kind, key);
    let text: string;
    try {
      text = readFileSync(path.join(directory, 'manifest.json'), 'utf8');
    } catch {
      if (!exists(directory)) return undefined;
      return this.discard(kind, directory, 'it has no manifest');
    }
    let manifest: EntryManifest;
    try {
      manifest = JSON.parse(text) as EntryManifest;
    } catch {
      return this.discard(kind, directory, 'its manifest is not JSON');
    }
    const foreign =
      manifest.format !== CACHE_FORMAT || manifest.gate !== VERSION
        ? `it was written by another version (${String(manifest.gate)}, format ${String(manifest.format)})`
        : manifest.kind !== kind || manifest.key !== key
          ? 'its manifest is for another entry'
          : typeof manifest.password !== 'string'
            ? 'its manifest has no password'
            : undefined;
    if (foreign) return this.discard(kind, directory, foreign);
    const archived = manifest.layout === 'archive';
    const dataPath = path.join(directory, archived ? 'data.tar' : 'data');
    if (!exists(dataPath)) return this.discard(kind, directory, archived ? 'its archive is missing' : 'its data directory is missing');
    const now = new Date();
    try {
      utimesSync(path.join(directory, 'manifest.json'), now, now);
    } catch {
      // Only the eviction order suffers.
    }
    return { directory, dataPath, manifest };
  }

  /**
   * Unpacks (or, for a tree, copies) an entry's data directory to `destination`, owned by `owner`
   * when given. False, with the entry removed and a note, when the archive does not unpack or the
   * copy's files do not match the manifest; the caller removes the copy.
   */
  async restore(entry: CacheEntry, destination: string, owner: Owner | undefined): Promise<boolean> {
    let actual: FileList;
    if (entry.manifest.layout === 'archive') {
      // The archive's size first (no unpacking of one cut short), then tar's own checks while it
      // unpacks, then the unpacked files against the manifest's list: an archive of the same size
      // with a file missing (tar pads to whole records) is caught there, not by a server that starts.
      const bytes = statSync(entry.dataPath).size;
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
    } else {
      const list = new FileListBuilder();
      copyTree(entry.dataPath, destination, list, owner);
      actual = list.result();
    }
    if (actual.checksum === entry.manifest.checksum) return true;
    this.discard(entry.manifest.kind, entry.directory, `its files do not match its manifest (${actual.files} files, ${entry.manifest.files} listed)`);
    return false;
  }

  /**
   * Saves `dataDir` (a stopped cluster's) as the entry `<kind>/<key>`: archived, or where tar does
   * not run, copied as a tree, or moved there when `move` (the caller throws the directory away; an
   * archive leaves it in place for the caller's own removal). `exists` when another run saved the
   * same entry first.
   */
  publish(
    kind: EntryKind,
    key: string,
    dataDir: string,
    details: Pick<EntryManifest, 'password' | 'databases'>,
    move: boolean,
    attachment?: unknown,
  ): 'saved' | 'exists' {
    this.sweepStaging();
    const staging = this.stagingDirectory();
    try {
      let list: FileList;
      let layout: EntryManifest['layout'] = 'archive';
      let archived: Pick<EntryManifest, 'archiveBytes'> = {};
      const archive = path.join(staging, 'data.tar');
      if (this.pack(dataDir, archive)) {
        list = fileListOf(dataDir);
        archived = { archiveBytes: statSync(archive).size };
      } else {
        layout = 'tree';
        const stagedData = path.join(staging, 'data');
        list = move ? moveTree(dataDir, stagedData) : copyWithList(dataDir, stagedData);
      }
      let attached: Pick<EntryManifest, 'attachment'> = {};
      if (attachment !== undefined) {
        const text = JSON.stringify(attachment);
        writeFileSync(path.join(staging, 'attachment.json'), text, { mode: 0o600 });
        attached = { attachment: createHash('sha256').update(text).digest('hex') };
      }
      const manifest: EntryManifest = { format: CACHE_FORMAT, gate: VERSION, kind, key, createdAt: new Date().toISOString(), ...list, ...details, layout, ...archived, ...attached };
      // Written last: an entry whose manifest is there has all its files.
      writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
      makeDirectories(path.join(this.root, kind));
      try {
        renameSync(staging, path.join(this.root, kind, key));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST') return 'exists';
        throw error;
      }
      this.evict(path.join(this.root, kind, key));
      return 'saved';
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  /**
   * The entry's attachment as saved, or undefined when it has none or its file does not match the
   * manifest's checksum (the caller then works it out again; the entry itself stays usable).
   */
  attachmentOf(entry: CacheEntry): unknown {
    if (entry.manifest.attachment === undefined) return undefined;
    try {
      const text = readFileSync(path.join(entry.directory, 'attachment.json'), 'utf8');
      if (createHash('sha256').update(text).digest('hex') !== entry.manifest.attachment) return undefined;
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  /** `dataDir` as one tar archive; false when tar does not run here (the caller saves the tree). */
  private pack(dataDir: string, archive: string): boolean {
    const run = spawnSync(this.tar, ['-C', dataDir, '-cf', archive, '.'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (run.error) return false;
    if (run.status !== 0) throw new Error(`tar could not pack the data directory (exit ${String(run.status)})`);
    return true;
  }

  /**
   * Unpacks `archive` into `destination` (made here, mode 700) and lists its files; why not, when it fails. For an
   * `owner` (the server's account, when this process is root), tar runs as that account and reads
   * the archive from its input (the cache is this user's alone): the files are the account's as
   * they are written, with no walk to change their owner.
   */
  private async unpack(archive: string, destination: string, owner: Owner | undefined): Promise<FileList | string> {
    mkdirSync(destination, { mode: 0o700 });
    if (owner) chownSync(destination, owner.uid, owner.gid);
    // The archive opened here and handed over as tar's input: its bytes go from the file to tar
    // without passing through this process (a 50 MB buffer costs a read and a garbage collection).
    const input = owner ? openSync(archive, 'r') : undefined;
    // Not spawnSync: while tar writes the files (60-90 ms for a long history's base), this process
    // lints the changed files and reads the base of the set rules.
    const outcome = await new Promise<{ status: number | null; error?: Error }>((resolve) => {
      let child;
      try {
        child = spawn(this.tar, ['-C', destination, '-xpf', owner ? '-' : archive], {
          stdio: [input ?? 'ignore', 'ignore', 'ignore'],
          ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
        });
      } catch (error) {
        resolve({ status: null, error: error as Error });
        return;
      } finally {
        if (input !== undefined) closeSync(input);
      }
      child.once('error', (error) => resolve({ status: null, error }));
      child.once('close', (status) => resolve({ status }));
    });
    if (outcome.error) return `tar does not run: ${outcome.error.message}`;
    if (outcome.status !== 0) return `tar exited with ${String(outcome.status)}`;
    // PostgreSQL refuses a data directory others can read, whatever the archive said of `.`.
    chmodSync(destination, 0o700);
    return fileListOf(destination);
  }

  /** True when the cache holds some cluster or saved base (a start may then copy one instead of running initdb). */
  holdsEntries(): boolean {
    return (['clusters', 'bases'] as const).some((kind) => {
      try {
        return readdirSync(path.join(this.root, kind)).length > 0;
      } catch {
        return false;
      }
    });
  }

  /** Every entry with its size and last use, oldest first. */
  entries(): Array<{ directory: string; bytes: number; usedAt: number }> {
    const found: Array<{ directory: string; bytes: number; usedAt: number }> = [];
    for (const kind of ['clusters', 'bases'] as const) {
      let keys: string[];
      try {
        keys = readdirSync(path.join(this.root, kind));
      } catch {
        continue;
      }
      for (const key of keys) {
        const directory = path.join(this.root, kind, key);
        try {
          const manifestPath = path.join(directory, 'manifest.json');
          const { bytes } = JSON.parse(readFileSync(manifestPath, 'utf8')) as EntryManifest;
          found.push({ directory, bytes: typeof bytes === 'number' ? bytes : 0, usedAt: statSync(manifestPath).mtimeMs });
        } catch {
          found.push({ directory, bytes: 0, usedAt: 0 });
        }
      }
    }
    return found.sort((a, b) => a.usedAt - b.usedAt);
  }

  /** Removes the least recently used entries until the rest fit the bound; `keep` (just saved) stays. */
  private evict(keep: string): void {
    const all = this.entries();
    let total = all.reduce((sum, entry) => sum + entry.bytes, 0);
    for (const entry of all) {
      if (total <= this.maxBytes) break;
      if (entry.directory === keep) continue;
      this.remove(entry.directory);
      total -= entry.bytes;
    }
  }

  /** Removes an entry that turned out unusable (its server did not start), with the note. */
  discard(kind: EntryKind, directory: string, why: string): undefined {
    this.log(`the cached ${kind === 'clusters' ? 'cluster' : 'base'} ${path.basename(directory).slice(0, 12)} is not usable (${why}); it is rebuilt`);
    this.remove(directory);
    return undefined;
  }

  /** Out of sight first (one rename), then deleted: a reader never meets a half-deleted entry as whole. */
  private remove(directory: string): void {
    try {
      const doomed = this.stagingDirectory();
      renameSync(directory, path.join(doomed, 'entry'));
      rmSync(doomed, { recursive: true, force: true });
    } catch {
      // Another run removed it first, or it is in use on a system that forbids that: left for later.
    }
  }

  private stagingDirectory(): string {
    const tmp = path.join(this.root, 'tmp');
    makeDirectories(tmp);
    return mkdtempSync(path.join(tmp, `${process.pid}-`));
  }

  /** Staging directories of runs that ended before renaming theirs into place. */
  private sweepStaging(): void {
    const tmp = path.join(this.root, 'tmp');
    let names: string[];
    try {
      names = readdirSync(tmp);
    } catch {
      return;
    }
    for (const name of names) {
      const pid = Number.parseInt(name, 10);
      if (Number.isInteger(pid) && pid !== process.pid && processGone(pid)) rmSync(path.join(tmp, name), { recursive: true, force: true });
    }
  }
}

function maxBytesFromEnvironment(): number {
  const megabytes = Number(process.env['PG_MIGRATION_GATE_CACHE_MAX_MB']);
  return Number.isFinite(megabytes) && megabytes > 0 ? megabytes * 1024 ** 2 : DEFAULT_MAX_BYTES;
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * A copy keeping every mode (PostgreSQL refuses a data directory others can read), owned by `owner`
 * when given; files reflinked where the file system can. Not fs.cpSync: Node 24's leaves directories
 * at the default mode.
 */
function copyTree(from: string, to: string, list: FileListBuilder, owner?: Owner, relative = ''): void {
  mkdirSync(to);
  chmodSync(to, lstatSync(from).mode & 0o7777);
  if (owner) lchownSync(to, owner.uid, owner.gid);
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    const target = path.join(to, name);
    const child = relative === '' ? name : `${relative}/${name}`;
    const stat = lstatSync(source);
    if (stat.isDirectory()) {
      list.directory(child);
      copyTree(source, target, list, owner, child);
      continue;
    }
    list.file(child, stat.size);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else copyFileSync(source, target, constants.COPYFILE_FICLONE);
    if (owner) lchownSync(target, owner.uid, owner.gid);
  }
}

function copyWithList(from: string, to: string): FileList {
  const list = new FileListBuilder();
  copyTree(from, to, list);
  return list.result();
}

/** A rename when both are on one file system, else a copy and removal; the moved files' list. */
function moveTree(from: string, to: string): FileList {
  try {
    renameSync(from, to);
    return fileListOf(to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const list = copyWithList(from, to);
    rmSync(from, { recursive: true, force: true });
    return list;
  }
}

