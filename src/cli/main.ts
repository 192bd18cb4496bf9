import yargs from 'yargs';
import { InterleaveError } from '../errors.js';
import { exploreCommand, exploreFlags, type ExploreArgs } from './explore-command.js';
import { processIo, type Io } from './io.js';
import { listCommand, listFlags, type ListArgs } from './list-command.js';
import { mergeCommand } from './merge-command.js';
import { replayCommand, replayFlags, type ReplayArgs } from './replay-command.js';
import { reportCommand, reportFlags, type ReportArgs } from './report-command.js';

/** Exit codes, as DESIGN.md sets them. */
export const EXIT_OK = 0;
export const EXIT_FINDING = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

/**
 * Runs the CLI on `argv` (without node and the script) and returns the exit
 * code. Errors become one line on stderr; the stack only with --verbose.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = EXIT_OK;
  const verbose = argv.includes('--verbose');
  const cli = yargs(joinDashValues(argv))
    .scriptName('interleave')
    .usage('$0 <command> [options]\n\nExplore every interleaving of a concurrent TypeScript scenario.')
    .command<ExploreArgs>(
      'explore <files..>',
      'explore the schedules of the scenarios in files or directories',
      (y) => y.positional('files', { type: 'string', array: true, describe: 'scenario files (.ts, .js) or directories' }).options(exploreFlags),
      async (a) => {
        code = await exploreCommand(a, io);
      },
    )
    .command<ReplayArgs>(
      'replay <file>',
      'run one schedule (or seed) and print its output and step-by-step trace',
      (y) => y.positional('file', { type: 'string', describe: 'scenario file' }).options(replayFlags),
      async (a) => {
        code = await replayCommand(a, io);
      },
    )
    .command<ListArgs>(
      'list [dir]',
      'list the scenario files in a directory and the scenarios in each',
      (y) => y.positional('dir', { type: 'string', default: 'scenarios', describe: 'directory or file' }).options(listFlags),
      async (a) => {
        code = await listCommand(a, io);
      },
    )
    .command<ReportArgs>(
      'report <file>',
      'render a saved JSON report again (the same bytes explore --out wrote)',
      (y) => y.positional('file', { type: 'string', describe: 'a report written by explore --out or --format json' }).options(reportFlags),
      async (a) => {
        code = await reportCommand(a, io);
      },
    )
    .command<{ files: string[]; format: string }>(
      'merge <files..>',
      'join the JSON reports of the shards of a run (explore --shard i/n) into the report of the whole run',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'JSON reports of every shard (explore --shard i/n --format json)' })
          .option('format', { type: 'string', choices: ['text', 'json'], default: 'text' }),
      async (a) => {
        code = await mergeCommand(a, io);
      },
    )
    .option('verbose', { type: 'boolean', describe: 'show stack traces of errors' })
    .demandCommand(1, 'name a command: explore, replay, list, report or merge')
    .recommendCommands()
    .strict()
    .exitProcess(false)
    .showHelpOnFail(false)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  try {
    await cli.parseAsync();
    return code;
  } catch (e) {
    if (e instanceof UsageError) {
      // yargs puts the details of some messages on following lines: keep them, on one line.
      let message = e.message.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
      // A first word that is no command reads better as that.
      const unknown = /^Unknown arguments?: (\S+?),?$/.exec(message);
      if (unknown !== null && argv[0] === unknown[1]) message = `Unknown command: ${unknown[1]}`;
      io.err(`interleave: ${message} (see interleave --help)`);
    } else if (e instanceof InterleaveError) {
      io.err(`interleave: ${e.message}`);
      if (verbose && e.stack !== undefined) io.err(e.stack);
      // What the user's code threw, with its own frames.
      if (verbose && e.cause instanceof Error && e.cause.stack !== undefined) io.err(`caused by: ${e.cause.stack}`);
    } else {
      const err = e as Error;
      io.err(`interleave: internal error: ${err?.message ?? String(e)}${verbose ? '' : ' (--verbose shows the stack)'}`);
      if (verbose && err?.stack !== undefined) io.err(err.stack);
    }
    return EXIT_USAGE;
  }
}

/**
 * `--schedule -` (the empty schedule, as `-` reads in a schedule string) as
 * `--schedule=-`: yargs takes a lone `-` for a positional argument.
 */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--schedule' && argv[i + 1] === '-') {
      out.push('--schedule=-');
      i++;
    } else {
      out.push(argv[i]!);
    }
  }
  return out;
}

/** Entry point of the `interleave` binary. */
export async function run(): Promise<void> {
  const ac = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\ninterleave: interrupted; stopping after the current execution (again to quit now)\n');
    ac.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.exitCode = await main(process.argv.slice(2), processIo(ac.signal));
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
