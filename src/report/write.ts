/**
 * The only place interleave writes files: the reports of `--out DIR`, one
 * `<scenario>.json`, `.md` and `.html` each. Each file is what `interleave
 * report <scenario>.json --format F` prints, byte for byte, and is written
 * whole (to a temporary name, then renamed), so a reader never sees half of
 * one, even when the run is interrupted.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InterleaveError } from '../errors.js';
import { render } from './index.js';
import type { Exploration } from './report.js';
import { reportBaseName } from './view.js';

/** What --out writes for each scenario, in this order. */
export const OUT_FORMATS = ['json', 'md', 'html'] as const;

export class ReportWriter {
  private readonly used = new Set<string>();

  private constructor(readonly dir: string) {}

  /** Creates `dir` (and its parents) before the exploration, so a bad --out fails at once. */
  static async open(dir: string): Promise<ReportWriter> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw new InterleaveError('INTERLEAVE_OUT_DIR', `--out ${dir}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return new ReportWriter(dir);
  }

  /** Writes the three files of one report; returns their base path (without extension). */
  async write(r: Exploration): Promise<string> {
    // Two scenarios with one name (from two files) get -2, -3, … rather than overwrite each other.
    const name = reportBaseName(r.scenario.name);
    let base = name;
    for (let k = 2; this.used.has(base); k++) base = `${name}-${k}`;
    this.used.add(base);
    for (const format of OUT_FORMATS) {
      const file = join(this.dir, `${base}.${format}`);
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        await writeFile(tmp, `${render(r, format)}\n`);
        await rename(tmp, file);
      } catch (e) {
        throw new InterleaveError('INTERLEAVE_OUT_DIR', `--out ${this.dir}: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
    }
    return join(this.dir, base);
  }
}
