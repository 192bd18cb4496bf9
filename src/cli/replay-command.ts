import type { ReplayResult } from '../api.js';
import { OptionError } from '../errors.js';
import type { ExploreOptions } from '../options.js';
import { parseCount, parseJitter, parseSeed, parseWhole } from './args.js';
import type { Io } from './io.js';
import { IsolatedSession } from '../isolate/session.js';
import { truncateText } from '../report/truncate.js';
import { isolationFlags, parseLimits, type IsolationArgs } from './safety-flags.js';

export interface ReplayArgs extends IsolationArgs {
  file: string;
  schedule?: string;
  seed?: string;
  scenario?: string;
  maxSteps?: string;
  waitForTasks?: boolean;
  jitter?: string;
  depth?: string;
  pctSteps?: string;
  format: string;
}

export const replayFlags = {
  schedule: { type: 'string', describe: 'the schedule string to follow (from an explore report)' },
  seed: { type: 'string', describe: 'replay the random execution that ran with this seed (with --pct-steps: the pct execution)' },
  scenario: { type: 'string', describe: 'the scenario to replay, when the file holds several' },
  'max-steps': { type: 'string', describe: 'steps after which the execution ends with step-limit [default: 10000]' },
  'wait-for-tasks': { type: 'boolean', describe: 'run the other tasks out after main returns' },
  jitter: { type: 'string', describe: 'the --jitter the schedule was explored with' },
  depth: { type: 'string', describe: 'with --seed and --pct-steps: the --depth of the pct exploration [default: 3]' },
  'pct-steps': { type: 'string', describe: "with --seed: replay a pct execution, which used this estimate of k (its outcome's pctSteps)" },
  format: { type: 'string', choices: ['text', 'json'], default: 'text' },
  ...isolationFlags,
} as const;

/** `interleave replay <file> --schedule S | --seed N`: the run's output and its step-by-step trace. */
export async function replayCommand(args: ReplayArgs, io: Io): Promise<number> {
  if ((args.schedule === undefined) === (args.seed === undefined)) {
    throw new OptionError('replay needs exactly one of --schedule S or --seed N');
  }
  const limits = parseLimits(args);
  // The run happens in a worker thread under a watchdog (src/isolate): a schedule that hangs is reported as a hang.
  const session = await IsolatedSession.open([args.file], args.scenario, limits);
  const found = session.scenarios;
  if (found.length > 1) {
    throw new OptionError(
      `${args.file} holds ${found.length} scenarios (${found.map((l) => l.name).join(', ')}); pick one with --scenario`,
    );
  }
  const target = found[0]!;
  const { file, selectByName } = target;
  const scenario = { name: target.name };
  const opts: ExploreOptions = { file, selectByName };
  const maxSteps = parseCount(args.maxSteps, '--max-steps');
  if (maxSteps !== undefined) opts.maxSteps = maxSteps;
  if (args.waitForTasks === true) opts.waitForTasks = true;
  const jitter = parseJitter(args.jitter);
  if (jitter !== undefined) opts.jitter = jitter;
  const depth = parseCount(args.depth, '--depth');
  if (depth !== undefined) opts.depth = depth;
  const pctSteps = parseWhole(args.pctSteps, '--pct-steps');
  if (pctSteps !== undefined) {
    if (args.seed === undefined) throw new OptionError('--pct-steps replays a pct execution by its seed: it needs --seed N');
    opts.pctSteps = pctSteps;
  }
  let run: ReplayResult;
  try {
    run =
      args.schedule !== undefined
        ? await session.replay(target, { ...opts, schedule: args.schedule })
        : await session.replay(target, { ...opts, seed: parseSeed(args.seed)! });
  } finally {
    session.close();
  }
  if (args.format === 'json') {
    io.out(JSON.stringify({ scenario: { name: scenario.name, file }, ...run }));
  } else {
    io.out(renderReplay(scenario.name, run));
  }
  return run.result === 'ok' && run.unfinished.length === 0 ? 0 : 1;
}

function renderReplay(name: string, run: ReplayResult): string {
  const preemptions = (run.trace ?? []).filter((s) => s.preemption === true).length;
  const pre = preemptions > 0 ? ` · ${preemptions} preemption${preemptions === 1 ? '' : 's'} (marked >)` : '';
  const lines: string[] = [`${name} · schedule ${run.schedule} · ${run.steps} steps · ${run.time} ms virtual${pre}`, ''];
  lines.push('output');
  if (run.output.length === 0) lines.push('  (no output)');
  for (const l of run.output) lines.push(`  ${truncateText(l)}`);
  lines.push('');
  lines.push('trace');
  const trace = run.trace ?? [];
  const stepW = String(trace.length).length;
  const timeW = Math.max(4, ...trace.map((s) => `${s.time}ms`.length));
  const taskW = Math.max(4, ...trace.map((s) => s.task.length));
  const opW = Math.min(48, Math.max(2, ...trace.map((s) => s.op.length)));
  lines.push(`  ${'#'.padStart(stepW)}  ${'time'.padStart(timeW)}  ${'task'.padEnd(taskW)}  ${'operation'.padEnd(opW)}  source`);
  for (const s of trace) {
    const choice = s.enabled > 1 ? `  (chosen among ${s.enabled}${s.preemption === true ? ', a preemption' : ''})` : '';
    lines.push(
      `${s.preemption === true ? '> ' : '  '}${String(s.step).padStart(stepW)}  ${`${s.time}ms`.padStart(timeW)}  ${s.task.padEnd(taskW)}  ` +
        `${s.op.padEnd(opW)}  ${s.site ?? ''}${choice}`,
    );
  }
  lines.push('');
  let end = `result: ${run.result}`;
  if (run.value !== null) end += ` · returned ${truncateText(JSON.stringify(run.value))}`;
  if (run.unfinished.length > 0) end += ` · unfinished: ${run.unfinished.join(', ')}`;
  lines.push(end);
  if (run.panic !== undefined) {
    lines.push(`${run.panic.kind === 'exception' ? 'panic' : run.panic.kind} in ${run.panic.task}: ${run.panic.message}${run.panic.site !== undefined ? ` (${run.panic.site})` : ''}`);
  }
  for (const d of run.deadlock ?? []) lines.push(`deadlock: ${d}`);
  if (run.stepLimit !== undefined) lines.push(run.stepLimit);
  for (const v of run.violations) lines.push(`violation in ${v.task}: ${v.message}${v.site !== undefined ? ` (${v.site})` : ''}`);
  lines.push(`replay: ${run.replay}`);
  return lines.join('\n');
}
