// Which command lines the CLI's launcher starts initdb for (src/cli-head-start.ts): `check` on a
// temporary server only, read as cli.ts reads the arguments, before the CLI loads.

import { describe, expect, it } from 'vitest';
import { checkOnTemporaryServer } from '../../src/cli-head-start.js';

describe('checkOnTemporaryServer', () => {
  const cases: Array<[string, string[], NodeJS.ProcessEnv, { cache: boolean } | undefined]> = [
    ['check', ['check'], {}, { cache: true }],
    ['check with a base and a format', ['check', '--base', 'main', '--format', 'json'], {}, { cache: true }],
    ['check after options that take values', ['--format', 'json', '-c', 'gate.yml', 'check'], {}, { cache: true }],
    ['check --no-cache: initdb whatever the cache holds', ['check', '--no-cache'], {}, { cache: false }],
    ['check --database-url', ['check', '--database-url', 'postgres://ci@localhost/ci'], {}, undefined],
    ['check --database-url=URL', ['check', '--database-url=postgres://ci@localhost/ci'], {}, undefined],
    ['check with DATABASE_URL', ['check'], { DATABASE_URL: 'postgres://ci@localhost/ci' }, undefined],
    ['check with an empty DATABASE_URL (none, as cli.ts reads it)', ['check'], { DATABASE_URL: '' }, { cache: true }],
    ['check --help', ['check', '--help'], {}, undefined],
    ['--version', ['--version'], {}, undefined],
    ['lint', ['lint', 'migrations'], {}, undefined],
    ['plan', ['plan', '--target-url', 'postgres://prod/app'], {}, undefined],
    ['a value that reads "check" is not the command', ['--base', 'check', 'lint', 'migrations'], {}, undefined],
    ['no command', [], {}, undefined],
    // Refused by cli.ts later (usage error, exit 2); the head start it got is stopped there.
    ['an unknown flag', ['check', '--bogus'], {}, { cache: true }],
  ];
  for (const [name, argv, env, expected] of cases) {
    it(name, () => {
      expect(checkOnTemporaryServer(argv, env)).toEqual(expected);
    });
  }
});
