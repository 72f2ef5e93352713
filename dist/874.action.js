export const id = 874;
export const ids = [874];
export const modules = {

/***/ 6874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseConfigText: () => (/* binding */ parseConfigText)
});

// UNUSED EXPORTS: configSchema

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/did-you-mean.ts
// "did you mean ...?" for a mistyped flag, config key or rule id: the closest known name by edit
// distance, when it is close enough to be a typo (at most a third of the name's length, and 3).
function closest(input, known) {
    let best;
    for (const name of known) {
        const distance = editDistance(input.toLowerCase(), name.toLowerCase());
        if (!best || distance < best.distance)
            best = { name, distance };
    }
    if (!best)
        return undefined;
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(input.length, best.name.length) / 3)));
    return best.distance <= limit ? best.name : undefined;
}
/** ` (did you mean --database-url?)` or '' */
function didYouMean(input, known, prefix = '') {
    const match = closest(input, known);
    return match === undefined ? '' : ` (did you mean ${prefix}${match}?)`;
}
/** Levenshtein distance, with a transposition counted as one edit (a common typo). */
function editDistance(a, b) {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

// EXTERNAL MODULE: ./src/config/postgres-version.ts
var postgres_version = __webpack_require__(8246);
// EXTERNAL MODULE: ./src/rules/index.ts + 94 modules
var src_rules = __webpack_require__(6278);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/config.ts + 1 modules
var config = __webpack_require__(9105);
// EXTERNAL MODULE: ./src/discover/types.ts
var types = __webpack_require__(9262);
;// CONCATENATED MODULE: ./src/config/schema.ts
// The zod schema of `.migration-gate.yml` (DESIGN.md, "Config") and the parser that locates its errors.
// Loaded only when a config file exists (src/config.ts): zod and yaml are the largest parts of the
// CLI bundle, and a run on the defaults never needs them.










// The layouts come from discovery's own list, so a new layout is accepted here without a second edit.
const LAYOUTS = ['auto', ...types/* LAYOUT_NAMES */.k];
const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'off'];
// `auto`: every style at least a fifth of the merged migrations use (snake_case with no history).
const DESCRIPTION_SETTINGS = ['auto', 'snake_case', 'kebab-case', 'camelCase', 'any'];
const ruleSeverities = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* enum */.k5n(SEVERITY_SETTINGS)).superRefine((rules, ctx) => {
    for (const id of Object.keys(rules)) {
        if (!src_rules/* RULES_BY_ID */.k.has(id)) {
            ctx.addIssue({ code: 'custom', path: [id], message: `unknown rule '${id}'${didYouMean(id, [...src_rules/* RULES_BY_ID */.k.keys()])}; run \`pg-migration-gate rules\` for the list` });
        }
    }
});
// `auto`: the convention the directory already follows (timestamps when most versions are
// YYYYMMDDHHMMSS, else sequence numbers), so a Prisma or dbmate project is not told to number files.
const namingPattern = schemas/* union */.KCZ([schemas/* enum */.k5n(['auto', 'sequence', 'timestamp']), schemas/* string */.YjP().min(1)]).superRefine((pattern, ctx) => {
    if (pattern === 'auto' || pattern === 'sequence' || pattern === 'timestamp')
        return;
    try {
        new RegExp(pattern);
    }
    catch (error) {
        ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${error.message}` });
    }
});
/** A duration: milliseconds as a number, or a number with a unit (`500ms`, `5s`, `2min`); 0 turns the limit off. */
const duration = schemas/* union */.KCZ([schemas/* number */.aig().int().min(0), schemas/* string */.YjP().regex(/^\s*\d+(\.\d+)?\s*(ms|s|min)\s*$/, 'a duration like 500ms, 5s or 2min (or milliseconds as a number)')])
    .transform((value) => {
    if (typeof value === 'number')
        return value;
    const [, amount, unit] = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min)\s*$/.exec(value);
    return Math.round(Number(amount) * (unit === 'ms' ? 1 : unit === 's' ? 1_000 : 60_000));
});
/** Limits of the database stage, so a server that is down or a lock that is held ends in a clear error, never a hang. */
const databaseSettings = schemas/* strictObject */.rej({
    'connect-timeout': duration.default(10_000),
    'lock-timeout': duration.default(5_000),
    'statement-timeout': duration.default(60_000),
    // What the platform makes before any migration (schemas, roles, extensions): SQL files, relative to
    // the config, or `{ sql: ... }` inline. Run once on the base database, before the baseline and history.
    setup: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* strictObject */.rej({ sql: schemas/* string */.YjP().min(1) })], { error: 'a path to a .sql file, or { sql: "..." } for SQL inline' }))
        .optional(),
    // A schema dump (`pg_dump --schema-only`) standing for the merged history: the base is built from it.
    baseline: schemas/* string */.YjP().min(1).optional(),
    // Apply the migrations as the URL's superuser instead of the gate's own non-superuser role, for
    // histories that need one (src/db/migrator-role.ts); the report warns.
    superuser: schemas/* boolean */.zMY({ error: 'true or false' }).optional(),
});
/** A session setting's value as Postgres takes it (`5s`, `0`, `'$user', public`); numbers are written as given. */
const settingValue = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform((value) => String(value));
/**
 * What the migration runner does around each file that the files do not show: the session settings
 * it sets first, and (plain files only, whose runner the gate cannot know) whether it wraps each file
 * in a transaction, how a file opts out, and whether it sends the file as one query.
 */
const runnerSettings = schemas/* strictObject */.rej({
    settings: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'a setting name like lock_timeout'), settingValue)
        .default({}),
    transaction: schemas/* enum */.k5n(['none', 'per-file']).default('none'),
    'no-transaction-marker': schemas/* string */.YjP().min(1).optional(),
    send: schemas/* enum */.k5n(['statements', 'whole-file']).default('statements'),
});
/**
 * Where the runner records what it applied in the target, for `plan` (src/plan/runners/*): every
 * runner but plain files has a default table; `table` overrides it (`schema.name`, or a name in the
 * session's current schema). Plain files name their runner's table and columns here.
 */
const trackingSettings = schemas/* strictObject */.rej({
    table: schemas/* string */.YjP().regex(/^[^.\s]+(\.[^.\s]+)?$/, 'a table name like schema.table or table').optional(),
    'name-column': schemas/* string */.YjP().min(1).optional(),
    'checksum-column': schemas/* string */.YjP().min(1).optional(),
    checksum: schemas/* enum */.k5n(['sha256', 'md5']).default('sha256'),
    // The runner applies a pending migration older than the newest applied one: Flyway's outOfOrder,
    // goose's -allow-missing; false for dbmate means --strict. Unset: the runner's default.
    'out-of-order': schemas/* boolean */.zMY().optional(),
});
const BYTE_UNITS = { bytes: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };
const BYTE_SIZE = /^\s*(\d+(?:\.\d+)?)\s*(bytes|kB|MB|GB|TB)\s*$/i;
/** A size: bytes as a number, or a number with a unit as pg_size_pretty prints it (`8kB`, `500MB`, `40GB`; 1024 each). */
const byteSize = schemas/* union */.KCZ([schemas/* number */.aig().int().min(0), schemas/* string */.YjP().regex(BYTE_SIZE, 'a size like 500MB, 1GB or 40GB (or bytes as a number)')])
    .transform((value) => {
    if (typeof value === 'number')
        return value;
    const [, amount, unit] = BYTE_SIZE.exec(value);
    return Math.round(Number(amount) * BYTE_UNITS[unit.toLowerCase()]);
});
/**
 * Limits of `plan`: its session check (blocking-session), and the table sizes the rehearsal weighs a
 * rewrite, an index build or a validating scan by: at or above either `large-table` limit such a
 * statement is high risk; below both `small-table` limits, low.
 */
const planSettings = schemas/* strictObject */.rej({
    'long-transaction': duration.default(300_000),
    'large-table': schemas/* strictObject */.rej({ rows: schemas/* number */.aig().int().min(0).default(config/* LARGE_TABLE_DEFAULT */.nP.rows), bytes: byteSize.default(config/* LARGE_TABLE_DEFAULT */.nP.bytes) })
        .optional(),
    'small-table': schemas/* strictObject */.rej({ rows: schemas/* number */.aig().int().min(0).default(config/* SMALL_TABLE_DEFAULT */.Fk.rows), bytes: byteSize.default(config/* SMALL_TABLE_DEFAULT */.Fk.bytes) })
        .optional(),
})
    .refine((plan) => (0,config/* sizeLimitsOf */.bT)(plan).small.rows <= (0,config/* sizeLimitsOf */.bT)(plan).large.rows && (0,config/* sizeLimitsOf */.bT)(plan).small.bytes <= (0,config/* sizeLimitsOf */.bT)(plan).large.bytes, {
    message: 'small-table must not be larger than large-table (rows and bytes)',
    path: ['small-table'],
});
const configSchema = schemas/* strictObject */.rej({
    migrations: schemas/* string */.YjP().min(1).default('migrations'),
    layout: schemas/* enum */.k5n(LAYOUTS).default('auto'),
    naming: schemas/* strictObject */.rej({ pattern: namingPattern.default('auto'), description: schemas/* enum */.k5n(DESCRIPTION_SETTINGS).default('auto') })
        .default({ pattern: 'auto', description: 'auto' }),
    rollback: schemas/* strictObject */.rej({ required: schemas/* boolean */.zMY().default(false), suffix: schemas/* string */.YjP().min(1).default('_rollback.sql') })
        .default({ required: false, suffix: '_rollback.sql' }),
    header: schemas/* strictObject */.rej({ required: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]) }).default({ required: [] }),
    'postgres-version': schemas/* number */.aig().int().min(10).max(30).default(postgres_version/* DEFAULT_POSTGRES_VERSION */.h),
    'fail-on': schemas/* enum */.k5n(['error', 'warning', 'never']).default('error'),
    rules: ruleSeverities.default({}),
    database: databaseSettings.default({ 'connect-timeout': 10_000, 'lock-timeout': 5_000, 'statement-timeout': 60_000 }),
    tracking: trackingSettings.optional(),
    plan: planSettings.optional(),
    runner: runnerSettings
        .default({ settings: {}, transaction: 'none', send: 'statements' })
        .refine((runner) => runner['no-transaction-marker'] === undefined || runner.transaction === 'per-file', {
        message: 'no-transaction-marker says how a file opts out of the runner\'s transaction, so it needs transaction: per-file',
        path: ['no-transaction-marker'],
    }),
});
/**
 * Parses and validates config YAML; errors name the file, the line and the key. With `configDir`,
 * the files the config names (`database.setup`, `database.baseline`) must exist relative to it.
 */
function parseConfigText(text, shownPath, configDir) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false });
    if (document.errors.length > 0) {
        const first = document.errors[0];
        const line = lineCounter.linePos(first.pos[0]).line;
        throw new errors/* UsageError */.e(`${shownPath}:${line}: invalid YAML: ${first.message.split('\n')[0]}`);
    }
    const value = document.toJS() ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw new errors/* UsageError */.e(`${shownPath}:1: the config must be a mapping of keys (migrations, layout, rules, ...)`);
    }
    const result = configSchema.safeParse(value, { reportInput: true });
    if (result.success) {
        if (configDir !== undefined)
            checkNamedFiles(result.data, configDir, (path) => lineOf(document, lineCounter, path), shownPath);
        return result.data;
    }
    const issue = result.error.issues[0];
    const keyPath = issue.path.map(String);
    // An unknown key is reported by zod on the parent object with the key names in `keys`.
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const nodePath = unknownKeys.length > 0 ? [...keyPath, unknownKeys[0]] : keyPath;
    const node = document.getIn(nodePath, true);
    const keyNode = unknownKeys.length > 0 ? findKeyNode(document, keyPath, unknownKeys[0]) : undefined;
    const offset = keyNode?.range?.[0] ?? node?.range?.[0];
    const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
    const where = nodePath.length > 0 ? `'${nodePath.join('.')}'` : 'the config';
    // A record key that fails its own check (a setting name): zod wraps that check's message.
    const keyIssue = issue.code === 'invalid_key' ? issue.issues[0] : undefined;
    const what = unknownKeys.length > 0
        ? `unknown key${didYouMean(unknownKeys[0], allowedKeys(keyPath))}; allowed here: ${allowedKeys(keyPath).join(', ')}`
        : (keyIssue?.message ?? inOurWords(issue));
    throw new errors/* UsageError */.e(`${shownPath}:${line}: ${where}: ${what}`);
}
/**
 * zod's built-in messages ("Invalid input: expected record, received array", "Too small: expected
 * number to be >=10") in the words of a config file: what the value must be. Custom messages (ours)
 * pass through.
 */
function inOurWords(issue) {
    switch (issue.code) {
        case 'invalid_type': {
            const received = issue.input;
            return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${valueWords(received)}`;
        }
        case 'too_small':
            return issue.origin === 'string' ? 'must not be empty' : issue.origin === 'array' ? `must list at least ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`;
        case 'too_big':
            return issue.origin === 'string' || issue.origin === 'array' ? `must have at most ${String(issue.maximum)}` : `must be at most ${String(issue.maximum)}`;
        case 'invalid_value':
            return `must be one of ${issue.values.map((value) => String(value)).join(', ')}`;
        case 'invalid_union':
            return 'has a value of the wrong kind; see the README ("Config file") for the form it takes';
        default:
            return issue.message;
    }
}
const TYPE_WORDS = {
    record: 'a mapping of names to values (key: value lines)',
    object: 'a mapping of keys (key: value lines)',
    array: 'a list (- item lines, or [a, b])',
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
};
function valueWords(value) {
    if (value === undefined || value === null)
        return 'empty';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return `the text ${JSON.stringify(value)}`;
    return `${typeof value} ${String(value)}`;
}
function lineOf(document, lineCounter, path) {
    const node = document.getIn(path, true);
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
}
/** A setup or baseline file that is not there is a config error now, before any server starts. */
function checkNamedFiles(config, configDir, lineAt, shownPath) {
    const missing = (file) => !(0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(configDir, file));
    (config.database.setup ?? []).forEach((entry, index) => {
        if (typeof entry !== 'string' || !missing(entry))
            return;
        // `- CREATE SCHEMA auth;` reads as SQL, but a plain string is a path: say how to write SQL inline.
        const inline = /[\s;]/.test(entry.trim()) ? '; to give SQL inline, write it as `- sql: <statements>`' : '';
        throw new errors/* UsageError */.e(`${shownPath}:${lineAt(['database', 'setup', index])}: 'database.setup.${index}': no file ${entry} (paths are relative to the config file)${inline}`);
    });
    const baseline = config.database.baseline;
    if (baseline !== undefined && missing(baseline)) {
        throw new errors/* UsageError */.e(`${shownPath}:${lineAt(['database', 'baseline'])}: 'database.baseline': no file ${baseline} (paths are relative to the config file); write it with \`pg_dump --schema-only\``);
    }
}
function findKeyNode(document, parentPath, key) {
    const parent = (parentPath.length === 0 ? document.contents : document.getIn(parentPath, true));
    return parent?.items?.find((pair) => pair.key?.value === key)?.key;
}
function allowedKeys(parentPath) {
    let schema = configSchema;
    for (const key of parentPath) {
        const shape = unwrapObject(schema)?.shape;
        if (!shape?.[key])
            return [];
        schema = shape[key];
    }
    return Object.keys(unwrapObject(schema)?.shape ?? {});
}
function unwrapObject(schema) {
    let current = schema;
    // .default() wraps the object; unwrap until the object schema itself.
    for (let depth = 0; depth < 5 && current; depth++) {
        if (current instanceof schemas/* ZodObject */.bvH)
            return current;
        current = current.def?.innerType;
    }
    return undefined;
}


/***/ })

};
