import { fileURLToPath as __pgmgFileUrlToPath } from 'node:url';
import { dirname as __pgmgDirname } from 'node:path';
const __filename = __pgmgFileUrlToPath(import.meta.url);
const __dirname = __pgmgDirname(__filename);
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2830:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ OPTIONS)
/* harmony export */ });
// The CLI's flags, on their own so that the launcher (cli-main.ts) can read them before the CLI loads.
const OPTIONS = {
    config: { type: 'string', short: 'c' },
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    dir: { type: 'string' },
    base: { type: 'string' },
    'database-url': { type: 'string' },
    'target-url': { type: 'string' },
    'no-color': { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
};


/***/ }),

/***/ 8246:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ DEFAULT_POSTGRES_VERSION)
/* harmony export */ });
// The default of the config's `postgres-version`, on its own so that the CLI's launcher
// (launch-head-start.ts) knows it without loading the config's modules.
const DEFAULT_POSTGRES_VERSION = 16;


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".cli-main.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: ./src/cli-options.ts
var cli_options = __nccwpck_require__(2830);
// EXTERNAL MODULE: ./src/config/postgres-version.ts
var postgres_version = __nccwpck_require__(8246);
;// CONCATENATED MODULE: ./src/github/input-names.ts
// The action's input names, on their own so that its entry (index.ts) can read the two it needs
// before the action's modules (zod, Octokit) load: launch-head-start.ts.
/** Input names, exactly as in action.yml (kebab-case, one name per option). */
const input_names_INPUTS = {
    githubToken: 'github-token',
    databaseUrl: 'database-url',
    targetDatabaseUrl: 'target-database-url',
    config: 'config',
    migrations: 'migrations',
    base: 'base',
    failOn: 'fail-on',
    comment: 'comment',
    reviewSuggestions: 'review-suggestions',
    sarifSecuritySeverity: 'sarif-security-severity',
    cache: 'cache',
    postgresVersion: 'postgres-version',
    workingDirectory: 'working-directory',
};
/** The YAML 1.2 core schema's true, which is what `core.getBooleanInput` accepts too. */
const input_names_TRUE_WORDS = (/* unused pure expression or super */ null && (['true', 'True', 'TRUE']));
/** An input's value as `core.getInput` reads it: from INPUT_<NAME>, trimmed; '' when not set. */
function input_names_inputFromEnvironment(env, name) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

;// CONCATENATED MODULE: ./src/launch-head-start.ts
// The launchers' head start on initdb: the CLI's entry (cli-main.ts) and the action's (index.ts)
// start it before they import the rest. `check` with no database URL starts a temporary server, and
// on a fresh machine (an empty cache, or --no-cache; the action's default, cache: false) that server
// needs a fresh cluster: initdb, ~0.6 s. Started here, initdb runs while the bundle compiles, the
// config is read and git runs, instead of after them (gate.ts could start it ~0.3 s later at best;
// the action's bundle takes longer still to load).
//
// What only the config says (postgres-version, database.superuser) is not known yet: the head start
// is made for the defaults (the action's postgres-version input when given), and runGate discards one
// that does not suit the config and decides again (gate.ts). Everything else is the head start's own
// rule (db/initdb-head-start.ts): only the reservation when the cache holds an entry, none when the
// server's account would have to be created; a reservation that fails is made again by the server
// start, which says why. The reading here is lenient on purpose: a command line the CLI then refuses
// gets its usage error, and the head start is stopped (cli.ts runCli, index.ts).




/** Whether these arguments are a `check` on a temporary server, and whether it may use the cache. */
function checkOnTemporaryServer(argv, env) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: [...argv], options: cli_options/* OPTIONS */.l, allowPositionals: true, strict: false });
    }
    catch {
        return undefined;
    }
    const { values, positionals } = parsed;
    if (positionals[0] !== 'check' || values.help || values.version)
        return undefined;
    // As cli.ts reads them: --database-url, else DATABASE_URL; an empty value is none.
    if (values['database-url'] || env['DATABASE_URL'])
        return undefined;
    return { cache: values['no-cache'] !== true, preferMajor: postgres_version/* DEFAULT_POSTGRES_VERSION */.h };
}
/**
 * Whether the action's inputs ask for a check on a temporary server: no `database-url` and no
 * `target-database-url` (the deploy gate replays on a server of its own only for schema-drift, later).
 */
function actionOnTemporaryServer(env) {
    if (inputFromEnvironment(env, INPUTS.databaseUrl) !== '' || inputFromEnvironment(env, INPUTS.targetDatabaseUrl) !== '')
        return undefined;
    const major = Number(inputFromEnvironment(env, INPUTS.postgresVersion));
    return {
        cache: TRUE_WORDS.includes(inputFromEnvironment(env, INPUTS.cache)),
        preferMajor: Number.isInteger(major) && major > 0 ? major : DEFAULT_POSTGRES_VERSION,
    };
}
/** The temporary server reserved (and initdb started, when it will need one) for the run these arguments ask for; undefined otherwise. */
function startCliHeadStart(argv, env) {
    return startHeadStart(checkOnTemporaryServer(argv, env));
}
/** initdb started for the action's run, when its inputs ask for a temporary server that needs one. */
function startActionHeadStart(env) {
    return startHeadStart(actionOnTemporaryServer(env));
}
async function startHeadStart(wanted) {
    if (!wanted)
        return undefined;
    try {
        const { startInitdbBeforeCompiling } = await Promise.all(/* import() */[__nccwpck_require__.e(502), __nccwpck_require__.e(167)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3502));
        return await startInitdbBeforeCompiling(wanted);
    }
    catch {
        // Whatever stops it here stops the server start too, which says so in its place.
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cli-main.ts
// Entry of dist/cli.js (the package's bin): runs the CLI on this process's arguments.
//
// The CLI's modules are imported after the head start on initdb (launch-head-start.ts), not at the top:
// a `check` that needs a fresh cluster has initdb running while they load.

const argv = process.argv.slice(2);
async function main() {
    const headStart = await startCliHeadStart(argv, process.env);
    let cli;
    try {
        cli = await Promise.all(/* import() */[__nccwpck_require__.e(142), __nccwpck_require__.e(203)]).then(__nccwpck_require__.bind(__nccwpck_require__, 203));
    }
    catch (error) {
        // A dist/ copied without all its chunks: one line, as the launcher says of a missing bundle,
        // and no initdb left running into a directory nobody removes.
        if (headStart) {
            headStart.discard();
            await (await __nccwpck_require__.e(/* import() */ 848).then(__nccwpck_require__.bind(__nccwpck_require__, 4848))).finishRemovals();
        }
        const detail = process.env['PG_MIGRATION_GATE_DEBUG'] ? `\n${error.stack ?? ''}` : ' (set PG_MIGRATION_GATE_DEBUG=1 for a stack trace)';
        process.stderr.write(`pg-migration-gate: cannot load the CLI's code beside ${process.argv[1] ?? 'cli.js'}: ${error.message}${detail}\n`);
        return 2;
    }
    return cli.runCli(argv, {
        cwd: process.cwd(),
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        isTty: process.stdout.isTTY === true,
        env: process.env,
    }, headStart ? { headStart } : {});
}
main().then((code) => {
    // exitCode, not exit(): let stdout drain when it is a pipe.
    process.exitCode = code;
});

