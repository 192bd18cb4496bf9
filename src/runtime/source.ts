import { fileURLToPath } from 'node:url';
import { dirname, relative, sep } from 'node:path';

// The directory holding interleave's own code (src/ or dist/): frames in it are
// never the user's line.
const OWN_DIR = dirname(dirname(fileURLToPath(import.meta.url))) + sep;

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/**
 * The first stack frame that belongs to the user's code, as `file:line`
 * relative to the working directory, or undefined when there is none.
 */
export function userSite(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ')) continue;
    const m = FRAME.exec(line);
    if (m === null) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (file.startsWith('node:') || file.includes(`${sep}node_modules${sep}`)) continue;
    if (file.startsWith(OWN_DIR)) continue;
    const rel = relative(process.cwd(), file);
    return `${rel.startsWith('..') ? file : rel}:${m[2]}`;
  }
  return undefined;
}

/** The user's line that called into the runtime right now. */
export function callerSite(): string | undefined {
  return userSite(new Error().stack);
}
