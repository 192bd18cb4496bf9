/**
 * The code an isolation worker runs (see session.ts): it loads the scenario
 * files itself — a scenario, with its closures, cannot cross threads —
 * lists their scenarios, then runs the requests the main thread sends, one
 * at a time, posting what it finds as it goes. The main thread's watchdog
 * reads the probe this thread's executions write, and terminates the thread
 * when the scenario's code stops reaching steps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { explore, replay } from '../api.js';
import { loadFile, prepareLoading, type LoadedScenario } from '../cli/load.js';
import { InterleaveError, ScenarioLoadError } from '../errors.js';
import { Replay } from '../explore/replay.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import { resolveOptions } from '../options.js';
import { Execution } from '../runtime/execution.js';
import { setProbe } from '../runtime/probe.js';
import type { Scenario } from '../runtime/scenario.js';
import { createRuntime } from '../sync/runtime.js';
import { serialise, type Command, type Described, type Listed, type Reply, type Request, type WorkerInput } from './protocol.js';

const input = workerData as WorkerInput;
const port = parentPort!;
let ac = new AbortController();
/** The loaded scenarios, by file and name. */
const loaded = new Map<string, Scenario>();
const key = (file: string, name: string): string => `${file}\0${name}`;

const post = (m: Reply): void => port.postMessage(m);

function find(file: string, name: string): Scenario {
  const s = loaded.get(key(file, name));
  if (s === undefined) throw new ScenarioLoadError(`${file}: no scenario named "${name}"`, 'INTERLEAVE_NO_SCENARIOS');
  return s;
}

/**
 * Loads the files and lists their scenarios. With `keepGoing`, each file's
 * scenarios are posted as it loads, and a file that does not load is
 * reported and the next one loaded.
 */
async function list(files: readonly string[], keepGoing: boolean): Promise<void> {
  const scenarios: Listed[] = [];
  // Interleave's own set-up first: the watchdog's load bound starts with each file's `loading`.
  await prepareLoading(files);
  for (const file of files) {
    post({ type: 'loading', file });
    let found: LoadedScenario[];
    try {
      found = await loadFile(file);
    } catch (e) {
      if (!keepGoing || !(e instanceof InterleaveError)) throw e;
      post({ type: 'unloadable', file, error: serialise(e) });
      continue;
    }
    const inFile: Listed[] = [];
    for (const l of found) {
      loaded.set(key(l.file, l.scenario.name), l.scenario);
      const s: Listed = { name: l.scenario.name, file: l.file, selectByName: l.selectByName };
      if (typeof l.scenario.description === 'string') s.description = l.scenario.description;
      inFile.push(s);
    }
    if (keepGoing) post({ type: 'loaded', file, scenarios: inFile });
    scenarios.push(...inFile);
  }
  post({ type: 'listed', scenarios });
}

async function run(req: Request): Promise<void> {
  const scenario = find(req.file, req.scenario);
  switch (req.kind) {
    case 'explore': {
      post({ type: 'start', scenarioOptions: plainScenarioOptions(scenario) });
      // The records are live: their counts grow in place, and each progress message sends them.
      const records: OutcomeRecord[] = [];
      const report = await explore(scenario, {
        ...req.options,
        signal: ac.signal,
        onOutcome(record) {
          records.push(record);
          post({ type: 'outcome', record });
        },
        onProgress(progress) {
          post({ type: 'progress', progress, counts: records.map((r) => r.count) });
        },
      });
      post({ type: 'report', report });
      return;
    }
    case 'replay':
      post({ type: 'start', scenarioOptions: plainScenarioOptions(scenario) });
      post({ type: 'replayed', result: await replay(scenario, req.options) });
      return;
    case 'describe':
      post({ type: 'described', described: await describe(scenario, req) });
      return;
  }
}

function plainScenarioOptions(s: Scenario): Scenario['options'] {
  const o = s.options;
  if (o === undefined || o === null || typeof o !== 'object') return undefined;
  const out: NonNullable<Scenario['options']> = {};
  if (o.maxSteps !== undefined) out.maxSteps = o.maxSteps;
  if (o.waitForTasks !== undefined) out.waitForTasks = o.waitForTasks;
  return out;
}

/**
 * Runs the schedule up to the step that never ended, and stops as soon as
 * that step has taken effect, before its task runs on: every task's code up
 * to there had returned to the scheduler in the stopped run, so this run
 * ends, and shows the output so far (that step's own print included) and
 * the operation after which the task ran on forever. When the hang was
 * inside the step's operation itself (io's or update's function), the run
 * stops before that step, which would spin again. A hang before the first
 * step (main's own start) runs no step.
 */
async function describe(scenario: Scenario, req: Extract<Request, { kind: 'describe' }>): Promise<Described> {
  const opts = resolveOptions(scenario, { ...req.options, trace: true });
  const chooser = new Replay(req.choices);
  chooser.begin();
  const upTo = req.firing ? Math.max(0, req.steps - 1) : req.steps;
  const exec = new Execution(
    { maxSteps: upTo, haltAfter: req.firing ? 0 : req.steps, waitForTasks: opts.waitForTasks, trace: true },
    chooser,
  );
  const rt = createRuntime(exec);
  const r = await exec.run(() => scenario.main(rt));
  const d: Described = { output: r?.output ?? [], time: r?.time ?? 0, unfinished: r?.unfinished ?? [], trace: r?.trace ?? [] };
  const t = exec.tasks[req.task];
  if (t !== undefined) {
    d.task = t.name;
    const last = !req.firing && req.steps > 0 ? d.trace[req.steps - 1] : undefined;
    if (req.firing && t.op !== null) {
      // Its operation never finished: the step is the one that ran it.
      d.lastOp = `\`${t.op.describe(t, req.alt)}\``;
      if (t.site !== undefined) d.site = t.site;
    } else if (last !== undefined && last.task === t.name) {
      d.lastOp = `\`${last.op}\``;
      if (last.site !== undefined) d.site = last.site;
    } else {
      d.lastOp = 'its start';
    }
  }
  return d;
}

port.on('message', (c: Command) => {
  switch (c.type) {
    case 'abort':
      ac.abort();
      break;
    case 'close':
      port.close();
      process.exit(0);
      break;
    case 'request':
      ac = new AbortController();
      run(c.request).catch((e: unknown) => post({ type: 'error', error: serialise(e) }));
      break;
  }
});

setProbe(input.probe);
list(input.job.files, input.job.keepGoing === true).catch((e: unknown) => post({ type: 'error', error: serialise(e) }));
