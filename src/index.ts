// Entry of dist/index.js (the GitHub Action): only runs main.

import { run } from './main.js';

void run();
