// Which runs the launchers start initdb for (src/launch-head-start.ts), before the rest loads: the
// CLI's `check` on a temporary server, read as cli.ts reads the arguments, and the action without
// database-url or target-database-url, read as core.getInput reads its inputs.

import { describe, expect, it } from 'vitest';
import { actionOnTemporaryServer, checkOnTemporaryServer } from '../../src/launch-head-start.js';

const DEFAULTS = { cache: true, preferMajor: 16 };

describe('checkOnTemporaryServer', () => {
  const cases: Array<[string, string[], NodeJS.ProcessEnv, object | undefined]> = [
    ['check', ['check'], {}, DEFAULTS],
    ['check with a base and a format', ['check', '--base', 'main', '--format', 'json'], {}, DEFAULTS],
    ['check after options that take values', ['--format', 'json', '-c', 'gate.yml', 'check'], {}, DEFAULTS],
    ['check --no-cache: initdb whatever the cache holds', ['check', '--no-cache'], {}, { ...DEFAULTS, cache: false }],
    ['check --database-url', ['check', '--database-url', 'postgres://ci@localhost/ci'], {}, undefined],
    ['check --database-url=URL', ['check', '--database-url=postgres://ci@localhost/ci'], {}, undefined],
    ['check with DATABASE_URL', ['check'], { DATABASE_URL: 'postgres://ci@localhost/ci' }, undefined],
    ['check with an empty DATABASE_URL (none, as cli.ts reads it)', ['check'], { DATABASE_URL: '' }, DEFAULTS],
    ['check --help', ['check', '--help'], {}, undefined],
    ['--version', ['--version'], {}, undefined],
    ['lint', ['lint', 'migrations'], {}, undefined],
    ['plan', ['plan', '--target-url', 'postgres://prod/app'], {}, undefined],
    ['a value that reads "check" is not the command', ['--base', 'check', 'lint', 'migrations'], {}, undefined],
    ['no command', [], {}, undefined],
    // Refused by cli.ts later (usage error, exit 2); the head start it got is stopped there.
    ['an unknown flag', ['check', '--bogus'], {}, DEFAULTS],
  ];
  for (const [name, argv, env, expected] of cases) {
    it(name, () => {
      expect(checkOnTemporaryServer(argv, env)).toEqual(expected);
    });
  }
});

describe('actionOnTemporaryServer', () => {
  const cases: Array<[string, NodeJS.ProcessEnv, object | undefined]> = [
    ['no database-url: the default cache input (false) and postgres-version', {}, { cache: false, preferMajor: 16 }],
    ['an empty database-url is none (core.getInput trims)', { 'INPUT_DATABASE-URL': '  ' }, { cache: false, preferMajor: 16 }],
    ['cache: true and a postgres-version', { INPUT_CACHE: 'true', 'INPUT_POSTGRES-VERSION': '15' }, { cache: true, preferMajor: 15 }],
    ['a postgres-version that is no number: the default (the action then says what is wrong)', { 'INPUT_POSTGRES-VERSION': 'latest' }, { cache: false, preferMajor: 16 }],
    ['database-url given: its server, no initdb', { 'INPUT_DATABASE-URL': 'postgres://postgres:postgres@localhost:5432/postgres' }, undefined],
    ['target-database-url: the deploy gate', { 'INPUT_TARGET-DATABASE-URL': 'postgres://reader@prod/app' }, undefined],
    // The job's DATABASE_URL is not the action's (main.ts says so): a temporary server all the same.
    ["the job's DATABASE_URL", { DATABASE_URL: 'postgres://app@db/app' }, { cache: false, preferMajor: 16 }],
  ];
  for (const [name, env, expected] of cases) {
    it(name, () => {
      expect(actionOnTemporaryServer(env)).toEqual(expected);
    });
  }
});
