export const id = 207;
export const ids = [207];
export const modules = {

/***/ 8207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseConfigText: () => (/* binding */ parseConfigText)
});

// UNUSED EXPORTS: configSchema

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
// EXTERNAL MODULE: ./src/rules/index.ts + 68 modules
var src_rules = __webpack_require__(1607);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/discover/types.ts
// The plain data the discover stage hands to the rest of the pipeline: which migrations a directory
// holds, in the order their runner applies them, and what the runner does with each file.
const LAYOUT_NAMES = ['plain', 'drizzle', 'prisma', 'golang-migrate', 'dbmate', 'flyway', 'goose'];

;// CONCATENATED MODULE: ./src/config/schema.ts
// The zod schema of `.migration-gate.yml` (DESIGN.md, "Config") and the parser that locates its errors.
// Loaded only when a config file exists (src/config.ts): zod and yaml are the largest parts of the
// CLI bundle, and a run on the defaults never needs them.





// The layouts come from discovery's own list, so a new layout is accepted here without a second edit.
const LAYOUTS = ['auto', ...LAYOUT_NAMES];
const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'off'];
const ruleSeverities = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* enum */.k5n(SEVERITY_SETTINGS)).superRefine((rules, ctx) => {
    for (const id of Object.keys(rules)) {
        if (!src_rules/* RULES_BY_ID */.k.has(id)) {
            ctx.addIssue({ code: 'custom', path: [id], message: `unknown rule '${id}'; run \`pg-migration-gate rules\` for the list` });
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
});
const configSchema = schemas/* strictObject */.rej({
    migrations: schemas/* string */.YjP().min(1).default('migrations'),
    layout: schemas/* enum */.k5n(LAYOUTS).default('auto'),
    naming: schemas/* strictObject */.rej({ pattern: namingPattern.default('auto') }).default({ pattern: 'auto' }),
    rollback: schemas/* strictObject */.rej({ required: schemas/* boolean */.zMY().default(false), suffix: schemas/* string */.YjP().min(1).default('_rollback.sql') })
        .default({ required: false, suffix: '_rollback.sql' }),
    header: schemas/* strictObject */.rej({ required: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]) }).default({ required: [] }),
    'postgres-version': schemas/* number */.aig().int().min(10).max(30).default(16),
    'fail-on': schemas/* enum */.k5n(['error', 'warning', 'never']).default('error'),
    rules: ruleSeverities.default({}),
    database: databaseSettings.default({ 'connect-timeout': 10_000, 'lock-timeout': 5_000, 'statement-timeout': 60_000 }),
});
/** Parses and validates config YAML; errors name the file, the line and the key. */
function parseConfigText(text, shownPath) {
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
    const result = configSchema.safeParse(value);
    if (result.success)
        return result.data;
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
    const what = unknownKeys.length > 0
        ? `unknown key; allowed here: ${allowedKeys(keyPath).join(', ')}`
        : issue.message;
    throw new errors/* UsageError */.e(`${shownPath}:${line}: ${where}: ${what}`);
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
