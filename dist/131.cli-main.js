export const id = 131;
export const ids = [131];
export const modules = {

/***/ 131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseConfigText: () => (/* binding */ parseConfigText)
/* harmony export */ });
/* unused harmony export configSchema */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8816);
/* harmony import */ var _did_you_mean_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3772);
/* harmony import */ var _postgres_version_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8246);
/* harmony import */ var _rules_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6278);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9105);
/* harmony import */ var _discover_types_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9262);
// The zod schema of `.migration-gate.yml` (DESIGN.md, "Config") and the parser that locates its errors.
// Loaded only when a config file exists (src/config.ts): zod and yaml are the largest parts of the
// CLI bundle, and a run on the defaults never needs them.










// The layouts come from discovery's own list, so a new layout is accepted here without a second edit.
const LAYOUTS = ['auto', ..._discover_types_js__WEBPACK_IMPORTED_MODULE_6__/* .LAYOUT_NAMES */ .k];
const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'off'];
// `auto`: every style at least a fifth of the merged migrations use (snake_case with no history).
const DESCRIPTION_SETTINGS = ['auto', 'snake_case', 'kebab-case', 'camelCase', 'any'];
const ruleSeverities = zod__WEBPACK_IMPORTED_MODULE_7__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(SEVERITY_SETTINGS)).superRefine((rules, ctx) => {
    for (const id of Object.keys(rules)) {
        if (!_rules_index_js__WEBPACK_IMPORTED_MODULE_3__/* .RULES_BY_ID */ .k.has(id)) {
            ctx.addIssue({ code: 'custom', path: [id], message: `unknown rule '${id}'${(0,_did_you_mean_js__WEBPACK_IMPORTED_MODULE_8__/* .didYouMean */ .a)(id, [..._rules_index_js__WEBPACK_IMPORTED_MODULE_3__/* .RULES_BY_ID */ .k.keys()])}; run \`pg-migration-gate rules\` for the list` });
        }
    }
});
// `auto`: the convention the directory already follows (timestamps when most versions are
// YYYYMMDDHHMMSS, else sequence numbers), so a Prisma or dbmate project is not told to number files.
const namingPattern = zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['auto', 'sequence', 'timestamp']), zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1)]).superRefine((pattern, ctx) => {
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
const duration = zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(0), zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(/^\s*\d+(\.\d+)?\s*(ms|s|min)\s*$/, 'a duration like 500ms, 5s or 2min (or milliseconds as a number)')])
    .transform((value) => {
    if (typeof value === 'number')
        return value;
    const [, amount, unit] = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min)\s*$/.exec(value);
    return Math.round(Number(amount) * (unit === 'ms' ? 1 : unit === 's' ? 1_000 : 60_000));
});
/** Limits of the database stage, so a server that is down or a lock that is held ends in a clear error, never a hang. */
const databaseSettings = zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({
    'connect-timeout': duration.default(10_000),
    'lock-timeout': duration.default(5_000),
    'statement-timeout': duration.default(60_000),
    // What the platform makes before any migration (schemas, roles, extensions): SQL files, relative to
    // the config, or `{ sql: ... }` inline. Run once on the base database, before the baseline and history.
    setup: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({ sql: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1) })], { error: 'a path to a .sql file, or { sql: "..." } for SQL inline' }))
        .optional(),
    // A schema dump (`pg_dump --schema-only`) standing for the merged history: the base is built from it.
    baseline: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1).optional(),
    // Apply the migrations as the URL's superuser instead of the gate's own non-superuser role, for
    // histories that need one (src/db/migrator-role.ts); the report warns.
    superuser: zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY({ error: 'true or false' }).optional(),
});
/** A session setting's value as Postgres takes it (`5s`, `0`, `'$user', public`); numbers are written as given. */
const settingValue = zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig()]).transform((value) => String(value));
/**
 * What the migration runner does around each file that the files do not show: the session settings
 * it sets first, and (plain files only, whose runner the gate cannot know) whether it wraps each file
 * in a transaction, how a file opts out, and whether it sends the file as one query.
 */
const runnerSettings = zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({
    settings: zod__WEBPACK_IMPORTED_MODULE_7__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'a setting name like lock_timeout'), settingValue)
        .default({}),
    transaction: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['none', 'per-file']).default('none'),
    'no-transaction-marker': zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1).optional(),
    send: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['statements', 'whole-file']).default('statements'),
});
/**
 * Where the runner records what it applied in the target, for `plan` (src/plan/runners/*): every
 * runner but plain files has a default table; `table` overrides it (`schema.name`, or a name in the
 * session's current schema). Plain files name their runner's table and columns here.
 */
const trackingSettings = zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({
    table: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(/^[^.\s]+(\.[^.\s]+)?$/, 'a table name like schema.table or table').optional(),
    'name-column': zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1).optional(),
    'checksum-column': zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1).optional(),
    checksum: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['sha256', 'md5']).default('sha256'),
    // The runner applies a pending migration older than the newest applied one: Flyway's outOfOrder,
    // goose's -allow-missing; false for dbmate means --strict. Unset: the runner's default.
    'out-of-order': zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY().optional(),
});
const BYTE_UNITS = { bytes: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };
const BYTE_SIZE = /^\s*(\d+(?:\.\d+)?)\s*(bytes|kB|MB|GB|TB)\s*$/i;
/** A size: bytes as a number, or a number with a unit as pg_size_pretty prints it (`8kB`, `500MB`, `40GB`; 1024 each). */
const byteSize = zod__WEBPACK_IMPORTED_MODULE_7__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(0), zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().regex(BYTE_SIZE, 'a size like 500MB, 1GB or 40GB (or bytes as a number)')])
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
const planSettings = zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({
    'long-transaction': duration.default(300_000),
    'large-table': zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({ rows: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(0).default(_config_js__WEBPACK_IMPORTED_MODULE_5__/* .LARGE_TABLE_DEFAULT */ .nP.rows), bytes: byteSize.default(_config_js__WEBPACK_IMPORTED_MODULE_5__/* .LARGE_TABLE_DEFAULT */ .nP.bytes) })
        .optional(),
    'small-table': zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({ rows: zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(0).default(_config_js__WEBPACK_IMPORTED_MODULE_5__/* .SMALL_TABLE_DEFAULT */ .Fk.rows), bytes: byteSize.default(_config_js__WEBPACK_IMPORTED_MODULE_5__/* .SMALL_TABLE_DEFAULT */ .Fk.bytes) })
        .optional(),
})
    .refine((plan) => (0,_config_js__WEBPACK_IMPORTED_MODULE_5__/* .sizeLimitsOf */ .bT)(plan).small.rows <= (0,_config_js__WEBPACK_IMPORTED_MODULE_5__/* .sizeLimitsOf */ .bT)(plan).large.rows && (0,_config_js__WEBPACK_IMPORTED_MODULE_5__/* .sizeLimitsOf */ .bT)(plan).small.bytes <= (0,_config_js__WEBPACK_IMPORTED_MODULE_5__/* .sizeLimitsOf */ .bT)(plan).large.bytes, {
    message: 'small-table must not be larger than large-table (rows and bytes)',
    path: ['small-table'],
});
const configSchema = zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({
    migrations: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1).default('migrations'),
    layout: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(LAYOUTS).default('auto'),
    naming: zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({ pattern: namingPattern.default('auto'), description: zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(DESCRIPTION_SETTINGS).default('auto') })
        .default({ pattern: 'auto', description: 'auto' }),
    rollback: zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({ required: zod__WEBPACK_IMPORTED_MODULE_7__/* .boolean */ .zMY().default(false), suffix: zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1).default('_rollback.sql') })
        .default({ required: false, suffix: '_rollback.sql' }),
    header: zod__WEBPACK_IMPORTED_MODULE_7__/* .strictObject */ .rej({ required: zod__WEBPACK_IMPORTED_MODULE_7__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_7__/* .string */ .YjP().min(1)).default([]) }).default({ required: [] }),
    'postgres-version': zod__WEBPACK_IMPORTED_MODULE_7__/* .number */ .aig().int().min(10).max(30).default(_postgres_version_js__WEBPACK_IMPORTED_MODULE_9__/* .DEFAULT_POSTGRES_VERSION */ .h),
    'fail-on': zod__WEBPACK_IMPORTED_MODULE_7__/* ["enum"] */ .k5n(['error', 'warning', 'never']).default('error'),
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
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_2__/* .LineCounter */ .HN();
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: false });
    if (document.errors.length > 0) {
        const first = document.errors[0];
        const line = lineCounter.linePos(first.pos[0]).line;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`${shownPath}:${line}: invalid YAML: ${first.message.split('\n')[0]}`);
    }
    const value = document.toJS() ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`${shownPath}:1: the config must be a mapping of keys (migrations, layout, rules, ...)`);
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
        ? `unknown key${(0,_did_you_mean_js__WEBPACK_IMPORTED_MODULE_8__/* .didYouMean */ .a)(unknownKeys[0], allowedKeys(keyPath))}; allowed here: ${allowedKeys(keyPath).join(', ')}`
        : (keyIssue?.message ?? inOurWords(issue));
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`${shownPath}:${line}: ${where}: ${what}`);
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
    const missing = (file) => !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(configDir, file));
    (config.database.setup ?? []).forEach((entry, index) => {
        if (typeof entry !== 'string' || !missing(entry))
            return;
        // `- CREATE SCHEMA auth;` reads as SQL, but a plain string is a path: say how to write SQL inline.
        const inline = /[\s;]/.test(entry.trim()) ? '; to give SQL inline, write it as `- sql: <statements>`' : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`${shownPath}:${lineAt(['database', 'setup', index])}: 'database.setup.${index}': no file ${entry} (paths are relative to the config file)${inline}`);
    });
    const baseline = config.database.baseline;
    if (baseline !== undefined && missing(baseline)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .e(`${shownPath}:${lineAt(['database', 'baseline'])}: 'database.baseline': no file ${baseline} (paths are relative to the config file); write it with \`pg_dump --schema-only\``);
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
        if (current instanceof zod__WEBPACK_IMPORTED_MODULE_7__/* .ZodObject */ .bvH)
            return current;
        current = current.def?.innerType;
    }
    return undefined;
}


/***/ })

};
