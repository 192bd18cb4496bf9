/**
 * interleave: deterministic schedule exploration for TypeScript.
 *
 * @example
 * import { explore, defineScenario } from 'interleave';
 *
 * const scenario = defineScenario({
 *   name: 'two-prints',
 *   async main({ go, print, waitGroup }) {
 *     const wg = waitGroup();
 *     wg.add(2);
 *     go(async () => { await print('a'); wg.done(); });
 *     go(async () => { await print('b'); wg.done(); });
 *     await wg.wait();
 *   },
 * });
 * const result = await explore(scenario); // 2 outcomes: a,b and b,a
 */
export { explore, replay, type ReplayResult } from './api.js';
export { exploreFile, type ExploreFileOptions } from './isolate/explore-file.js';
export {
  defineScenario,
  type Channel,
  type Cond,
  type Mutex,
  type Once,
  type ReceiveChannel,
  type RecvCase,
  type Runtime,
  type RWMutex,
  type Scenario,
  type ScenarioOptions,
  type SelectCase,
  type SelectDefault,
  type SelectOptions,
  type SelectRecv,
  type SelectResult,
  type SelectSend,
  type Semaphore,
  type SendCase,
  type Shared,
  type TaskHandle,
  type Ticker,
  type WaitGroup,
} from './runtime/scenario.js';
export type { ExploreOptions, Progress } from './options.js';
export type { Exploration, Outcome } from './report/report.js';
export type { Finding, FindingKind } from './analysis/findings.js';
export type { ExecutionResult, Panic, ResultKind, TraceStep, Violation } from './runtime/execution.js';
export type { StrategyName } from './explore/strategy.js';
export { encodeSchedule, decodeSchedule } from './explore/schedule.js';
export {
  InterleaveError,
  NondeterminismError,
  OptionError,
  ScenarioLoadError,
  ScheduleError,
} from './errors.js';
