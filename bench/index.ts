/**
 * Entry point of `npm run bench`: compiles the bench with tsc (see
 * tsconfig.json here), then runs the compiled run.js with plain node. Extra
 * arguments go to node (and on to the processes that run the cases), e.g.
 * `npm run bench -- --cpu-prof`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('../node_modules/.cache/interleave-bench/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const run = (args: string[]): number => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

// tsc emits JavaScript even when it finds type errors; a type error elsewhere
// (work in progress) should not stop a measurement, but it is said.
if (run([tsc, '-p', 'bench/tsconfig.json']) !== 0) {
  console.error('bench: tsc reported the errors above; running what it emitted anyway\n');
}
// The compiled tree is its own ESM package named "interleave", so the
// scenario's `import ... from 'interleave'` resolves to the compiled sources
// next to it, the same module instance the bench uses.
mkdirSync(out, { recursive: true });
writeFileSync(
  `${out}package.json`,
  JSON.stringify({ name: 'interleave', private: true, type: 'module', exports: { '.': './src/index.js' } }, null, 2) +
    '\n',
);
process.exitCode = run([...process.argv.slice(2), `${out}bench/run.js`]);
