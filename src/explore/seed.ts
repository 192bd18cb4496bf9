/**
 * Seeds of single executions. Execution 0 of a random exploration with seed S
 * runs with seed S itself; execution k > 0 runs with a 32-bit mix of S and k,
 * so `replay --seed <that seed>` runs it alone.
 */
export function runSeed(seed: number, k: number): number {
  if (k === 0) return seed >>> 0;
  return mix32((seed >>> 0) ^ mix32(k + 0x9e3779b9));
}

// A 32-bit finaliser (murmur3's fmix32): every input bit affects every output bit.
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
