import { describe, expect, it } from 'vitest';
import { explore } from '../../../src/index.js';
import workers from '../../../scenarios/workers.js';

describe('workers.ts', () => {
  it('has exactly the 4 outputs a Go programmer sees', async () => {
    const r = await explore(workers, { file: 'scenarios/workers.ts' });
    expect(r.complete).toBe(true);
    expect(r.outcomes.map((o) => o.output).sort()).toEqual(
      [
        ['Pam: doing my work...', 'Jim: doing my work...', 'Pam: done', 'Jim: done'],
        ['Pam: doing my work...', 'Jim: doing my work...', 'Jim: done', 'Pam: done'],
        ['Jim: doing my work...', 'Pam: doing my work...', 'Pam: done', 'Jim: done'],
        ['Jim: doing my work...', 'Pam: doing my work...', 'Jim: done', 'Pam: done'],
      ]
        .map((l) => [...l, 'all work was done in 3 seconds'])
        .sort(),
    );
    expect(r.findings.map((f) => f.kind)).toEqual(['ordering', 'timing']);
  });
});
