#!/usr/bin/env node
// The interleave CLI; the code is built into dist/ by `npm install` (the prepare script).
import('../dist/cli/main.js').then(
  (cli) => cli.run(),
  (e) => {
    if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('interleave: dist/ is missing; run `npm install` (or `npm run build`) first\n');
      process.exitCode = 2;
    } else {
      throw e;
    }
  },
);
