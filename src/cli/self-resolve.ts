/**
 * Module resolution hook (runs in Node's loader thread): a scenario file may
 * `import { defineScenario } from 'interleave'` from anywhere on disk, even
 * where interleave is not installed; such an import falls back to this copy.
 */
interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

let target = '';

export function initialize(data: { target: string }): void {
  target = data.target;
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<{ url: string; shortCircuit?: boolean }> {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (specifier === 'interleave' && (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      return { url: target, shortCircuit: true };
    }
    throw e;
  }
}
