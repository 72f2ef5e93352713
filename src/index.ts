// Entry of dist/index.js (the GitHub Action): only runs main.

import { serveLintWorker } from './lint/lint-files.js';
import { run } from './main.js';

// The same bundle runs lint workers (see lint-files.ts); only the main thread is the action.
if (!serveLintWorker()) void run();
