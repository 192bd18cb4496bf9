/** JSON round trip: the value as a report stores it. Throws when it cannot be stored faithfully. */
export function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return value;
  if (t === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${String(value)} has no JSON form`);
    return value;
  }
  if (t === 'function' || t === 'symbol' || t === 'bigint') throw new Error(`a ${t} has no JSON form`);
  return JSON.parse(JSON.stringify(value, faithful)) as unknown;
}

// JSON.stringify replacer that refuses what JSON would change silently. An
// undefined property is dropped, as JSON does; a value with toJSON (a Date)
// has already been converted when the replacer sees it.
function faithful(this: unknown, key: string, v: unknown): unknown {
  const where = key === '' ? 'the value' : `property ${JSON.stringify(key)}`;
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`${where} is ${String(v)}, which has no JSON form`);
      return v;
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new Error(`${where} is a ${typeof v}, which has no JSON form`);
    case 'object':
      if (v instanceof Map || v instanceof Set || v instanceof WeakMap || v instanceof WeakSet) {
        throw new Error(`${where} is a ${v.constructor.name}, which JSON would turn into {}`);
      }
      return v;
    default:
      return v;
  }
}
