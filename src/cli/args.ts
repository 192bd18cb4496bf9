import { OptionError } from '../errors.js';

/** `--seed`: a whole number from 0 to 2^32 - 1. */
export function parseSeed(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^\d+$/.test(s) || Number(s) > 0xffffffff) {
    throw new OptionError(`Expected --seed to be a whole number from 0 to 4294967295, got ${JSON.stringify(s)}`);
  }
  return Number(s);
}

/** `--time-budget`: milliseconds, or a number with ms, s or m: `500`, `500ms`, `10s`, `2m`. */
export function parseDuration(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(v).trim());
  const ms = m === null ? NaN : Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60000 : 1);
  if (!(ms > 0)) {
    throw new OptionError(`Expected ${flag} to be a duration above 0 such as 500ms, 10s or 2m, got ${JSON.stringify(String(v))}`);
  }
  return ms;
}

/** A whole-number flag from 1 and up. */
export function parseCount(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^\d+$/.test(s) || Number(s) < 1 || !Number.isSafeInteger(Number(s))) {
    throw new OptionError(`Expected ${flag} to be a whole number from 1 and up, got ${JSON.stringify(s)}`);
  }
  return Number(s);
}

/** A probability strictly between 0 and 1: `0.01`, `.05`, `1e-3`. */
export function parseProbability(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  const p = /^(\d*\.?\d+(e-?\d+)?)$/i.test(s) ? Number(s) : NaN;
  if (!(p > 0 && p < 1)) {
    throw new OptionError(`Expected ${flag} to be a probability between 0 and 1 such as 0.01, got ${JSON.stringify(s)}`);
  }
  return p;
}

/** A whole-number flag from 0 and up (`--preemptions 0` is a bound). */
export function parseWhole(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) {
    throw new OptionError(`Expected ${flag} to be a whole number from 0 and up, got ${JSON.stringify(s)}`);
  }
  return Number(s);
}

/** `--jitter`: a number from 0 up to but not including 1. */
export function parseJitter(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  const j = /^(\d*\.?\d+)$/.test(s) ? Number(s) : NaN;
  if (!(j >= 0 && j < 1)) {
    throw new OptionError(`Expected --jitter to be a number from 0 up to but not including 1, such as 0.5, got ${JSON.stringify(s)}`);
  }
  return j;
}
