import { fileURLToPath } from 'node:url';
import { dirname, relative, sep } from 'node:path';

// The directory holding interleave's own code (src/ or dist/): frames in it are
// never the user's line.
const OWN_DIR = dirname(dirname(fileURLToPath(import.meta.url))) + sep;

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/**
 * What each file named in a stack frame is as the user reads it: its path
 * relative to the working directory, or null for frames that are never the
 * user's (Node's own, node_modules, interleave's). Traced runs capture a
 * stack at every step, and the same few files come up again and again.
 */
const fileNames = new Map<string, string | null>();
const MAX_FILE_NAMES = 4096;
/** The working directory the names are relative to (process.chdir empties the cache). */
let namesCwd = '';

function userFile(location: string): string | null {
  const cwd = process.cwd();
  if (cwd !== namesCwd) {
    fileNames.clear();
    namesCwd = cwd;
  }
  let name = fileNames.get(location);
  if (name !== undefined) return name;
  name = null;
  let file = location;
  let ok = true;
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file);
    } catch {
      ok = false;
    }
  }
  if (ok && !file.startsWith('node:') && !file.includes(`${sep}node_modules${sep}`) && !file.startsWith(OWN_DIR)) {
    const rel = relative(cwd, file);
    name = rel.startsWith('..') ? file : rel;
  }
  if (fileNames.size >= MAX_FILE_NAMES) fileNames.clear();
  fileNames.set(location, name);
  return name;
}

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
    const file = userFile(m[1]!);
    if (file !== null) return `${file}:${m[2]}`;
  }
  return undefined;
}

/** The user's line that called into the runtime right now. */
export function callerSite(): string | undefined {
  return userSite(new Error().stack);
}
