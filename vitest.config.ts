import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Scenario files may `import { defineScenario } from 'interleave'`: tests use the sources, not dist/.
    alias: [
      { find: /^interleave$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^interleave\/vitest$/, replacement: fileURLToPath(new URL('./src/vitest.ts', import.meta.url)) },
      { find: /^interleave\/fast-check$/, replacement: fileURLToPath(new URL('./src/fast-check.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.spec.ts'],
    // Builds dist/ once when test/e2e runs and dist/ is older than src/, so the e2e tests run the current binary.
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 30_000,
  },
});
