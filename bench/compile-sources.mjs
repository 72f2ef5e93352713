// The gate's sources compiled to ES module JavaScript in bench/.corpus/build (tests left out), so that
// the benchmarks measure the working tree, not the committed dist/. Returns the build directory.

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export function compileSources(root) {
  const build = join(root, 'bench', '.corpus', 'build');
  rmSync(build, { recursive: true, force: true });
  compileTree(join(root, 'src'), build);
  writeFileSync(join(build, 'package.json'), '{ "type": "module" }\n');
  return build;
}

/** Every .ts file under `from` (tests excluded) as ES module JavaScript under `to`, same layout. */
function compileTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    if (statSync(source).isDirectory()) {
      compileTree(source, join(to, name));
      continue;
    }
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(to, name.replace(/\.ts$/, '.js')), outputText);
  }
}
