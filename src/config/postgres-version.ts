// The default of the config's `postgres-version`, on its own so that the CLI's launcher
// (launch-head-start.ts) knows it without loading the config's modules.

export const DEFAULT_POSTGRES_VERSION = 16;
