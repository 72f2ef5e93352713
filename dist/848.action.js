export const id = 848;
export const ids = [848];
export const modules = {

/***/ 4848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KP: () => (/* binding */ removeInBackground),
/* harmony export */   dM: () => (/* binding */ removeTree),
/* harmony export */   finishRemovals: () => (/* binding */ finishRemovals),
/* harmony export */   h_: () => (/* binding */ holdRemovals)
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


/***/ })

};
