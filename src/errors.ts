/**
 * Errors that interleave itself throws, each with a stable `code`.
 *
 * A scenario that fails (panics, deadlocks, violates an assertion) is never an
 * error: it is an outcome in the exploration's result. These classes are for
 * usage mistakes — a file that cannot be loaded, a schedule that does not fit.
 */
export class InterleaveError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'InterleaveError';
    this.code = code;
  }
}

/** A scenario file that cannot be found, loaded or understood. */
export class ScenarioLoadError extends InterleaveError {
  constructor(message: string, code = 'INTERLEAVE_SCENARIO_LOAD') {
    super(code, message);
    this.name = 'ScenarioLoadError';
  }
}

/** A schedule string that is malformed, or that does not fit the scenario's runs. */
export class ScheduleError extends InterleaveError {
  constructor(message: string, code = 'INTERLEAVE_SCHEDULE') {
    super(code, message);
    this.name = 'ScheduleError';
  }
}

/** An option with a value outside its domain. */
export class OptionError extends InterleaveError {
  constructor(message: string) {
    super('INTERLEAVE_OPTION', message);
    this.name = 'OptionError';
  }
}

/**
 * The same schedule took a different path: the scenario reads something the
 * runtime does not control (Math.random, Date.now, state left by an earlier run).
 */
export class NondeterminismError extends InterleaveError {
  constructor(message: string) {
    super('INTERLEAVE_NONDETERMINISTIC', message);
    this.name = 'NondeterminismError';
  }
}

/** Describes a value for an error message: `0 (number)`, `"x" (string)`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${String(value)} (${typeof value})`;
}
