/**
 * The code an isolation worker runs (see run-worker.ts): it loads the
 * scenario file itself — a scenario, with its closures, cannot cross
 * threads — runs one job and posts what it finds as it goes. The main
 * thread's watchdog reads the probe this thread's executions write, and
 * terminates the thread when the scenario's code stops reaching steps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { explore, replay } from '../api.js';
import { loadFile, type LoadedScenario } from '../cli/load.js';
import { ScenarioLoadError } from '../errors.js';
import { Replay } from '../explore/replay.js';
import type { OutcomeRecord } from '../explore/outcomes.js';
import { resolveOptions } from '../options.js';
import { Execution } from '../runtime/execution.js';
import { setProbe } from '../runtime/probe.js';
import type { Scenario } from '../runtime/scenario.js';
import { createRuntime } from '../sync/runtime.js';
import { serialise, type Command, type Described, type Job, type Listed, type Reply, type WorkerInput } from './protocol.js';

const input = workerData as WorkerInput;
const port = parentPort!;
const ac = new AbortController();

const post = (m: Reply): void => port.postMessage(m);

port.on('message', (m: Command) => {
  if (m.type === 'abort') ac.abort();
});

async function find(file: string, name: string): Promise<Scenario> {
  const all: LoadedScenario[] = await loadFile(file);
  const found = all.find((l) => l.scenario.name === name);
  if (found === undefined) {
    throw new ScenarioLoadError(`${file}: no scenario named "${name}" (it changed while interleave ran?)`, 'INTERLEAVE_NO_SCENARIOS');
  }
  return found.scenario;
}

async function run(job: Job): Promise<void> {
  switch (job.kind) {
    case 'list': {
      const scenarios: Listed[] = [];
      for (const file of job.files) {
        post({ type: 'loading', file });
        for (const l of await loadFile(file)) {
          const s: Listed = { name: l.scenario.name, file: l.file, selectByName: l.selectByName };
          if (typeof l.scenario.description === 'string') s.description = l.scenario.description;
          scenarios.push(s);
        }
      }
      post({ type: 'listed', scenarios });
      return;
    }
    case 'explore': {
      const scenario = await find(job.file, job.scenario);
      post({ type: 'start', scenarioOptions: plainScenarioOptions(scenario) });
      // The records are live: their counts grow in place, and each progress message sends them.
      const records: OutcomeRecord[] = [];
      const report = await explore(scenario, {
        ...job.options,
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
    case 'replay': {
      const scenario = await find(job.file, job.scenario);
      post({ type: 'start', scenarioOptions: plainScenarioOptions(scenario) });
      post({ type: 'replayed', result: await replay(scenario, job.options) });
      return;
    }
    case 'describe': {
      const scenario = await find(job.file, job.scenario);
      post({ type: 'described', described: await describe(scenario, job) });
      return;
    }
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
 * Runs the schedule up to the step before the one that never ended: every
 * task's code up to there had returned to the scheduler in the stopped run,
 * so this run ends, and shows the output so far and the operation the next
 * step would have taken — the one whose task then ran on forever.
 */
async function describe(scenario: Scenario, job: Extract<Job, { kind: 'describe' }>): Promise<Described> {
  const opts = resolveOptions(scenario, { ...job.options, trace: true });
  const chooser = new Replay(job.choices);
  chooser.begin();
  const exec = new Execution({ maxSteps: Math.max(0, job.steps - 1), waitForTasks: opts.waitForTasks, trace: true }, chooser);
  const rt = createRuntime(exec, opts.jitter);
  const r = await exec.run(() => scenario.main(rt));
  const d: Described = { output: r?.output ?? [], time: r?.time ?? 0, unfinished: r?.unfinished ?? [], trace: r?.trace ?? [] };
  const t = exec.tasks[job.task];
  if (t !== undefined) {
    d.task = t.name;
    if (t.op !== null && job.steps > 0) {
      d.lastOp = `\`${t.op.describe(t, job.alt)}\``;
      if (t.site !== undefined) d.site = t.site;
    } else {
      d.lastOp = 'its start';
    }
  }
  return d;
}

setProbe(input.probe);
run(input.job).catch((e: unknown) => post({ type: 'error', error: serialise(e) }));
