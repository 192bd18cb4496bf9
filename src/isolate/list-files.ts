/**
 * Lists the scenarios of files the way `interleave list` needs: every file
 * is imported in a worker thread under the watchdog (run-worker.ts), never
 * in this one, so a module that spins or allocates without bound at import
 * is one error naming the file, and the listing goes on with the next file.
 */
import type { InterleaveError } from '../errors.js';
import { rebuild, type Listed, type Reply, type SerialisedError } from './protocol.js';
import { exitedError, loadStoppedError, runWorker, type IsolationLimits } from './run-worker.js';

/**
 * The scenarios of `files`, in file order. A file that does not load — it
 * throws, has the wrong shape, spins or runs out of memory at import — is
 * passed to `onFailure` and skipped. Rejects only on an internal error.
 */
export async function listFiles(
  files: readonly string[],
  limits: IsolationLimits,
  onFailure: (e: InterleaveError) => void,
): Promise<Listed[]> {
  const listed: Listed[] = [];
  let rest = files;
  while (rest.length > 0) {
    let loading: string | undefined;
    let finished = false;
    let fatal: SerialisedError | undefined;
    let settle!: () => void;
    const answered = new Promise<void>((r) => (settle = r));
    const w = runWorker({ kind: 'session', files: [...rest], keepGoing: true }, limits, (m: Reply) => {
      if (m.type === 'loading') loading = m.file;
      else if (m.type === 'loaded') listed.push(...m.scenarios);
      // The worker sends only InterleaveErrors as unloadable; others end the listing.
      else if (m.type === 'unloadable') onFailure(rebuild(m.error) as InterleaveError);
      else if (m.type === 'listed') finished = true;
      else if (m.type === 'error') fatal = m.error;
      if (finished || fatal !== undefined) settle();
    });
    const end = await Promise.race([answered.then(() => undefined), w.ended]);
    w.stop();
    if (fatal !== undefined) throw rebuild(fatal);
    if (finished) break;
    if (end?.kind !== 'stopped') throw exitedError(end?.kind === 'exited' ? end.code : 0);
    // The watchdog stopped the import of `file`: say so, and go on from the file after it in a new worker.
    const file = loading ?? rest[0]!;
    onFailure(loadStoppedError(file, end, limits));
    rest = rest.slice(rest.indexOf(file) + 1);
  }
  return listed;
}
