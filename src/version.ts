// Kept equal to package.json's version by a test (the bundle must not read package.json at run time).
export const TOOL_NAME = 'pg-migration-gate';
export const VERSION = '0.1.0';
export const HOMEPAGE = 'https://github.com/pg-migration-gate/pg-migration-gate';
