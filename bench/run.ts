/**
 * `npm run bench`: throughput of interleave against fast-check's scheduler and
 * against the same async code run with no scheduler at all.
 *
 * Each case (bench/cases.ts) lives in a child process of its own, so that the
 * JIT state, heap and collector debt of one case never slow another down. The
 * children warm up (for WARM_MS, until a batch takes BATCH_MS: sized from cold
 * runs, batches were so small that per-batch costs halved the rates), size a
 * batch of whole runs to take about BATCH_MS, then
 * run ROUNDS batches, taking turns (one child at a time) so that drift on the
 * machine spreads over all cases; the table shows each case's median round. A
 * "step" is one scheduling operation of the scenario (a print, a sleep, a
 * wait): 8 per run of workers.ts, 10 per run of the 3×3 prints.
 *
 * Time is each child's CPU time (user + system, all its threads) by default:
 * on a shared machine other processes take the cores away at random, which
 * wall time charges to whichever case was running and CPU time does not. On a
 * quiet machine the two agree but for the collector's helper threads, which
 * CPU time charges to the case that made the garbage. BENCH_CLOCK=wall
 * measures wall time instead. CPU time does not shield a case from a busy
 * neighbour on the same core (caches, hyper-threads): "spread" (half the
 * interquartile range of the rounds, relative to the median) shows how much
 * that moved the rounds.
 *
 * Environment: BENCH_ROUNDS (15), BENCH_BATCH_MS (250), BENCH_WARM_MS (1500), BENCH_CLOCK (cpu|wall), BENCH_CPU (0|any),
 * BENCH_ONLY / BENCH_SKIP (a substring of "scenario engine" to keep / drop).
 *
 * This is a benchmark, not a test: it prints numbers and goals, and exits 0
 * unless a case produced wrong results.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CASES, type CaseId } from './cases.js';
import { parallelSpeedup } from './parallel.js';
import { reductionTable } from './reduction.js';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 15));
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 250);
const WARM_MS = Number(process.env.BENCH_WARM_MS ?? 1500);
const WALL = process.env.BENCH_CLOCK === 'wall';

/** Parent to child: check and calibrate, or run one timed batch. */
type Request = { kind: 'prepare' } | { kind: 'batch'; round: number };
/** Child to parent. */
type Reply = { kind: 'prepared'; note: string; problem?: string } | { kind: 'rate'; rate: number };

const clock = WALL
  ? (): number => performance.now()
  : (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };

// --- child: one case --------------------------------------------------------

async function child(id: CaseId): Promise<void> {
  const c = CASES[id];
  let n = 0;
  const timed = async (runs: number, round: number): Promise<number> => {
    const t0 = clock();
    const done = await c.batch(runs, round);
    return (done / (clock() - t0)) * 1000;
  };
  const reply = (r: Reply): void => {
    process.send!(r);
  };
  process.on('message', (req: Request) => {
    void (async () => {
      if (req.kind === 'prepare') {
        const { note, problem } = await c.check();
        // Warm up while sizing the batch. A batch sized from the first, cold
        // runs is far too small (the JIT has not finished with the code yet),
        // and then fixed costs per batch (an exploration's closing analysis)
        // weigh on the rate: so keep doubling until a batch takes BATCH_MS,
        // go on warming for WARM_MS in all, and size from the last batch.
        n = 100;
        let rate = 0;
        const warmStart = clock();
        for (;;) {
          const t0 = clock();
          rate = await timed(n, -1);
          const took = clock() - t0;
          if (took >= BATCH_MS && clock() - warmStart >= WARM_MS) break;
          if (took < BATCH_MS) n *= 2;
        }
        n = Math.max(1, Math.round((rate * BATCH_MS) / 1000));
        reply(problem === undefined ? { kind: 'prepared', note } : { kind: 'prepared', note, problem });
      } else {
        reply({ kind: 'rate', rate: await timed(n, req.round) });
      }
    })();
  });
}

// --- parent: drives the children, prints the table ---------------------------

/**
 * Every case runs on one core (BENCH_CPU, 0 by default; `any` leaves them to
 * the scheduler): the two vCPUs of a cloud machine can differ by much (70%
 * on the one this was written on), and a case whose rounds ran on the slow
 * one made a ratio look that much worse. The cases take turns, so they never
 * compete for the core. Linux's taskset, all threads of the child; where it
 * is missing, the cases are not pinned and the header does not say `on CPU n`.
 */
const PIN = process.env.BENCH_CPU ?? '0';
/** Every case so far was pinned. */
let pinned = true;

function pin(pid: number | undefined): boolean {
  if (PIN === 'any' || pid === undefined || process.platform !== 'linux') return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', PIN, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

class Runner {
  readonly rates: number[] = [];
  note = '';
  private readonly proc: ChildProcess;
  private pending: ((r: Reply) => void) | undefined;

  constructor(readonly id: CaseId) {
    this.proc = fork(fileURLToPath(import.meta.url), ['--case', id], { execArgv: process.execArgv });
    pinned = pin(this.proc.pid) && pinned;
    this.proc.on('message', (r: Reply) => this.pending?.(r));
    this.proc.on('exit', (code) => {
      if (code !== 0 && code !== null) {
        console.error(`bench case ${id} exited with code ${code}`);
        process.exit(1);
      }
    });
  }

  ask(req: Request): Promise<Reply> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.proc.send(req);
    });
  }

  stop(): void {
    this.proc.disconnect();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Half the interquartile range, relative to the median. */
const spread = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (f: number): number => s[Math.min(s.length - 1, Math.round(f * (s.length - 1)))]!;
  return (q(0.75) - q(0.25)) / 2 / median(xs);
};
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

async function parent(): Promise<void> {
  const started = performance.now();
  const label = (id: CaseId): string => `${CASES[id].scenario} ${CASES[id].engine}`;
  const only = process.env.BENCH_ONLY;
  const skip = process.env.BENCH_SKIP;
  const ids = (Object.keys(CASES) as CaseId[]).filter(
    (id) => (only === undefined || label(id).includes(only)) && (skip === undefined || !label(id).includes(skip)),
  );
  let problems = 0;
  const runners = ids.map((id) => new Runner(id));
  for (const r of runners) {
    const reply = await r.ask({ kind: 'prepare' });
    if (reply.kind !== 'prepared') throw new Error('bench: unexpected reply');
    r.note = reply.note;
    if (reply.problem !== undefined) {
      problems++;
      console.error(`WRONG RESULTS: ${label(r.id)}: ${reply.problem}`);
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of runners) {
      const reply = await r.ask({ kind: 'batch', round });
      if (reply.kind !== 'rate') throw new Error('bench: unexpected reply');
      r.rates.push(reply.rate);
    }
  }
  for (const r of runners) r.stop();

  const cpus = os.cpus();
  console.log(
    `interleave bench: node ${process.version}, ${cpus.length} CPU × ${cpus[0]?.model.trim() ?? '?'}, ` +
      `load ${os.loadavg()[0]!.toFixed(1)}; each case in its own process${pinned ? `, on CPU ${PIN}` : ''}; ` +
      `median of ${ROUNDS} rounds of ~${BATCH_MS} ms after warm-up; ${WALL ? 'wall-clock' : 'CPU'} time`,
  );
  console.log('');
  const rows = runners.map((r) => {
    const c = CASES[r.id];
    const runs = median(r.rates);
    return [
      c.scenario,
      c.engine,
      fmt(runs),
      fmt(runs * c.stepsPerRun),
      `±${(spread(r.rates) * 100).toFixed(0)}%`,
      r.note,
    ];
  });
  const header = ['scenario', 'engine', 'runs/s', 'steps/s', 'spread', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = [false, false, true, true, true, false];
  const line = (cells: string[]): string =>
    cells
      .map((s, i) => (right[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));

  const ratios: [string, string, string, string][] = [];
  // The ratio of the two medians, and how far it moved from round to round:
  // the cases take turns, so round i of one case ran close in time to round i
  // of the other, under much the same load (on the machine this was written
  // on, a round on one core at times took 70% longer than on the other).
  const addRatio = (text: string, a: CaseId, b: CaseId, goal: string): void => {
    const ra = runners.find((x) => x.id === a)?.rates;
    const rb = runners.find((x) => x.id === b)?.rates;
    if (ra === undefined || rb === undefined) return;
    const paired = ra.map((x, i) => x / rb[i]!).sort((p, q) => p - q);
    // Quartiles taken as `spread` takes them.
    const q = (f: number): string => paired[Math.round(f * (paired.length - 1))]!.toFixed(2);
    ratios.push([text, `${(median(ra) / median(rb)).toFixed(2)}×`, `rounds ${q(0.25)}–${q(0.75)}`, goal]);
  };
  addRatio(
    'interleave ÷ fast-check (fc.sample + waitAll), workers.ts',
    'interleave-workers',
    'fc-sample-waitAll',
    'goal ≥ 3×',
  );
  addRatio(
    'interleave ÷ fast-check (fc.assert + waitIdle), workers.ts',
    'interleave-workers',
    'fc-assert-waitIdle',
    '',
  );
  addRatio('plain ÷ interleave step loop, workers.ts', 'plain-workers', 'loop-workers', 'goal ≤ 6×');
  addRatio('plain ÷ interleave step loop, prints 3×3', 'plain-3x3', 'loop-3x3', 'goal ≤ 6×');
  addRatio('plain ÷ interleave explore(), workers.ts', 'plain-workers', 'interleave-workers', '');
  addRatio('plain ÷ interleave explore(), prints 3×3', 'plain-3x3', 'interleave-3x3', '');
  if (ratios.length > 0) {
    console.log('');
    console.log(
      'ratios of runs/s (both sides of a ratio do the same steps per run; rounds: the middle half of round-by-round ratios)',
    );
    const rw = Math.max(...ratios.map((r) => r[0].length));
    const vw = Math.max(...ratios.map((r) => r[1].length));
    const sw = Math.max(...ratios.map((r) => r[2].length));
    for (const [text, value, rounds, goal] of ratios)
      console.log(`  ${text.padEnd(rw)}  ${value.padStart(vw)}  ${rounds.padEnd(sw)}  ${goal}`.trimEnd());
  }
  console.log('');
  console.log(
    'fast-check runs workers.ts written with fc.scheduler(), every step a scheduled promise (bench/fast-check-workers.ts):\n' +
      '  fc.sample + waitAll: schedulers drawn with fc.sample, each run driven by s.waitAll(); the fastest way we found,\n' +
      '    but waitAll returns before a just-resumed task schedules its next step, so some runs end early (cheaper);\n' +
      '  fc.assert + waitIdle: the idiomatic fc.assert(fc.asyncProperty(fc.scheduler(), ...)) with s.waitIdle().\n' +
      'plain async: the same code with print = push to an array, sleep = a resolved promise, no scheduler.\n' +
      "step loop: explore()'s loop over executions (strategy, runtime, scheduler, happens-before monitor: at every\n" +
      '  step when exhaustive, once per distinct schedule when sampling) without what explore() does with the results:\n' +
      '  grouping outcomes, determinism re-runs, findings, report (bench/cases.ts).',
  );
  if (skip === undefined || !'reduction'.includes(skip)) {
    const red = await reductionTable();
    console.log('');
    for (const l of red.lines) console.log(l);
    if (red.problem !== undefined) {
      problems++;
      console.error(`WRONG RESULTS: dpor: ${red.problem}`);
    }
  }
  if (skip === undefined || !'workers speedup'.includes(skip)) {
    const rounds = Number(process.env.BENCH_PARALLEL_ROUNDS ?? 3);
    const par = await parallelSpeedup(rounds);
    console.log('');
    for (const l of par.lines) console.log(l);
    if (par.problem !== undefined) {
      problems++;
      console.error(`WRONG RESULTS: --workers: ${par.problem}`);
    }
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = problems > 0 ? 1 : 0;
}

const at = process.argv.indexOf('--case');
if (at >= 0) await child(process.argv[at + 1] as CaseId);
else await parent();
