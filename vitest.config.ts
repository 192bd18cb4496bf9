import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Scenario files may `import { defineScenario } from 'interleave'`: tests use the sources, not dist/.
    alias: [{ find: /^interleave$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }],
  },
  test: {
    include: ['test/**/*.spec.ts'],
    testTimeout: 30_000,
  },
});
