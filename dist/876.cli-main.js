export const id = 876;
export const ids = [876];
export const modules = {

/***/ 5876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   formatPlanText: () => (/* binding */ formatPlanText)
/* harmony export */ });
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
            for (const step of set.pending)
                lines.push(`  ${step.step}. ${step.path}`);
            for (const path of set.skipped)
                lines.push(paint('red', `  ✗ ${path} (the runner will not apply it)`));
            for (const note of set.notes)
                lines.push(paint('dim', `  note: ${note}`));
        }
        for (const note of plan.notes)
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


/***/ })

};
