import { stat, readdir } from 'node:fs/promises';
import Module, { createRequire, register } from 'node:module';
import { extname, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ScenarioLoadError } from '../errors.js';
import type { Scenario } from '../runtime/scenario.js';
import { userSite } from '../runtime/source.js';

export const SCENARIO_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];

/** A scenario and the file it came from. */
export interface LoadedScenario {
  scenario: Scenario;
  /** The file as the user named it (relative to the working directory when inside it). */
  file: string;
  /** The file holds more than one scenario, so replay commands name it. */
  selectByName: boolean;
}

let hookRegistered = false;
let tsRequire: ((id: string) => unknown) | undefined;

// tsx is loaded only when a scenario file is, and its require hook registered
// once: a namespaced require per file would transform every file again.
async function typescriptRequire(): Promise<(id: string) => unknown> {
  if (tsRequire === undefined) {
    const tsx = await import('tsx/cjs/api');
    tsx.register();
    tsRequire = createRequire(import.meta.url);
  }
  return tsRequire;
}

// A scenario file may `import ... from 'interleave'` from anywhere on disk, even
// where interleave is not installed: such an import falls back to this copy,
// for ES modules (a loader hook) and CommonJS (the resolver) alike.
function registerSelfResolve(): void {
  if (hookRegistered) return;
  hookRegistered = true;
  const self = new URL('../index.js', import.meta.url);
  register(new URL('./self-resolve.js', import.meta.url), { data: { target: self.href } });
  const cjs = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = cjs._resolveFilename;
  cjs._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    try {
      return original.call(this, request, ...rest);
    } catch (e) {
      if (request === 'interleave') return fileURLToPath(self);
      throw e;
    }
  };
}

// Plain JavaScript is imported by Node itself, so `s.js` is s.js even beside
// an s.ts (tsx would map one to the other), and only falls back to tsx for ES
// module syntax in a CommonJS package. TypeScript goes through tsx's require
// hook, which keeps source maps, so stack lines point into the user's file; a
// module with top-level await cannot be required and is imported.
async function importScenario(abs: string): Promise<unknown> {
  if (['.js', '.mjs', '.cjs'].includes(extname(abs))) {
    try {
      return (await import(pathToFileURL(abs).href)) as unknown;
    } catch (e) {
      if (!(e instanceof SyntaxError) || extname(abs) !== '.js') throw e;
    }
  }
  const req = await typescriptRequire();
  try {
    return req(abs);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_REQUIRE_ASYNC_MODULE') throw e;
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(pathToFileURL(abs).href, import.meta.url)) as unknown;
  }
}

// The scenario (or array) a module exports: its default export, or a CommonJS
// module.exports, which arrives as the module itself or as its `default`.
function exportedScenarios(mod: unknown): unknown {
  const m = mod as { default?: unknown } | null;
  if (m === null || typeof m !== 'object') return undefined;
  let exported = 'default' in m ? m.default : Array.isArray(m) || 'main' in m ? m : undefined;
  // An ES module compiled to CommonJS: its own default one level down.
  if (exported !== null && typeof exported === 'object' && !Array.isArray(exported) && 'default' in exported && !('main' in exported)) {
    exported = (exported as { default: unknown }).default;
  }
  return exported;
}

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel.startsWith('..') ? abs : rel;
}

/** Expands directories into the scenario files they hold (not recursive), sorted. */
export async function scenarioFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolvePath(p);
    const st = await stat(abs).catch(() => null);
    if (st === null) throw new ScenarioLoadError(`${p}: no such file or directory`, 'INTERLEAVE_FILE_NOT_FOUND');
    if (st.isDirectory()) {
      const inDir = (await readdir(abs))
        .filter((f) => SCENARIO_EXTENSIONS.includes(extname(f)) && !f.endsWith('.d.ts'))
        .sort()
        .map((f) => displayPath(join(abs, f)));
      if (inDir.length === 0) {
        throw new ScenarioLoadError(
          `${p}: no scenario files in this directory (looked for ${SCENARIO_EXTENSIONS.join(' ')})`,
          'INTERLEAVE_NO_SCENARIOS',
        );
      }
      files.push(...inDir);
    } else {
      files.push(displayPath(abs));
    }
  }
  return files;
}

/**
 * Sets up what importing `files` takes — the resolver of `interleave`, and
 * tsx for TypeScript — before the first import, so that an import's time is
 * the file's own (what --load-timeout bounds), not interleave's start-up.
 */
export async function prepareLoading(files: readonly string[]): Promise<void> {
  registerSelfResolve();
  if (files.some((f) => SCENARIO_EXTENSIONS.includes(extname(f)) && !['.js', '.mjs', '.cjs'].includes(extname(f)))) await typescriptRequire();
}

/** Imports one scenario file (TypeScript or JavaScript) and checks its default export. */
export async function loadFile(file: string): Promise<LoadedScenario[]> {
  if (!SCENARIO_EXTENSIONS.includes(extname(file))) {
    throw new ScenarioLoadError(
      `${file}: not a scenario file (expected one of ${SCENARIO_EXTENSIONS.join(' ')})`,
      'INTERLEAVE_NOT_A_MODULE',
    );
  }
  registerSelfResolve();
  let mod: unknown;
  try {
    mod = await importScenario(resolvePath(file));
  } catch (e) {
    throw loadFailure(file, e);
  }
  const exported = exportedScenarios(mod);
  if (exported === undefined) {
    throw new ScenarioLoadError(
      `${file}: no default export; export default a scenario object { name, main } or an array of them`,
      'INTERLEAVE_NO_SCENARIOS',
    );
  }
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0) {
    throw new ScenarioLoadError(`${file}: the default export is an empty array`, 'INTERLEAVE_NO_SCENARIOS');
  }
  const names = new Set<string>();
  return list.map((s: unknown, i) => {
    const where = Array.isArray(exported) ? `${file}: scenario [${i}]` : `${file}: the default export`;
    if (s === null || typeof s !== 'object') {
      throw new ScenarioLoadError(
        `${where} is ${s === null ? 'null' : `a ${typeof s}`}, expected a scenario object { name, main }`,
        'INTERLEAVE_BAD_SCENARIO',
      );
    }
    const sc = s as Partial<Scenario>;
    if (typeof sc.name !== 'string' || sc.name.trim() === '') {
      throw new ScenarioLoadError(`${where} has no \`name\` (a non-empty string)`, 'INTERLEAVE_BAD_SCENARIO');
    }
    if (typeof sc.main !== 'function') {
      throw new ScenarioLoadError(
        `${file}: scenario "${sc.name}" has no \`main\` function (got ${typeof sc.main})`,
        'INTERLEAVE_BAD_SCENARIO',
      );
    }
    if (names.has(sc.name)) {
      throw new ScenarioLoadError(`${file}: two scenarios are named "${sc.name}"`, 'INTERLEAVE_DUPLICATE_SCENARIO');
    }
    names.add(sc.name);
    return { scenario: sc as Scenario, file, selectByName: list.length > 1 };
  });
}

// esbuild reports syntax errors as "<file>:<line>:<col>: ERROR: <text>".
function loadFailure(file: string, e: unknown): ScenarioLoadError {
  const err = e as { message?: string; stack?: string; errors?: { text: string; location?: { line: number; column: number } }[] };
  const first = err.errors?.[0];
  if (first !== undefined) {
    const at = first.location !== undefined ? `${file}:${first.location.line}:${first.location.column + 1}` : file;
    return new ScenarioLoadError(`${at}: syntax error: ${first.text}`, 'INTERLEAVE_SYNTAX');
  }
  const message = String(err.message ?? e).split('\n')[0]!;
  const syntax = /^(.*?):(\d+):(\d+): ERROR: (.*)$/m.exec(String(err.message ?? ''));
  if (syntax !== null) {
    return new ScenarioLoadError(`${file}:${syntax[2]}:${syntax[3]}: syntax error: ${syntax[4]}`, 'INTERLEAVE_SYNTAX');
  }
  if (e instanceof SyntaxError) {
    return new ScenarioLoadError(`${file}: syntax error: ${message}`, 'INTERLEAVE_SYNTAX');
  }
  const site = userSite(err.stack);
  const failure = new ScenarioLoadError(
    `${file}: threw while loading: ${message}${site !== undefined ? ` (${site})` : ''}`,
    'INTERLEAVE_IMPORT_THREW',
  );
  failure.cause = e;
  return failure;
}
