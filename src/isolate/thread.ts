/**
 * Starting a worker thread on one of interleave's own modules, from dist/
 * (plain JavaScript) or, in this repository's tests, from the TypeScript
 * sources: a worker thread does not inherit tsx's hooks, so it registers
 * tsx first, then imports the module.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.ts');

/** A worker running `name` (without extension) from this directory. */
export function ownWorker(name: string, options: WorkerOptions): Worker {
  if (!fromSource) return new Worker(new URL(`./${name}.js`, import.meta.url), options);
  const target = new URL(`./${name}.ts`, import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(target)}); });`,
    { ...options, eval: true },
  );
}
