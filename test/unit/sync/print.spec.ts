/**
 * print(...values): one output line, formatted like console.log (util.format),
 * taking effect at its own step.
 */
import { format } from 'node:util';
import { describe, expect, it } from 'vitest';
import { explore, replay, type Scenario } from '../../../src/index.js';

const printing = (...values: unknown[]): Scenario => ({
  name: 'print',
  async main({ print }) {
    await print(...values);
  },
});

describe('print', () => {
  it.each([
    { values: ['plain'], line: 'plain' },
    { values: ['a', 1, true, null, undefined], line: 'a 1 true null undefined' },
    { values: [5], line: '5' },
    { values: [], line: '' },
    { values: ['%d apples and %s', 3, 'pears'], line: '3 apples and pears' },
    { values: ['100%'], line: '100%' },
    { values: [{ x: 1, y: [1, 2] }], line: '{ x: 1, y: [ 1, 2 ] }' },
    { values: ['obj', { x: 'y' }], line: "obj { x: 'y' }" },
    { values: [1.5, -0, 10n], line: '1.5 -0 10n' },
  ])('print($values) → $line', async ({ values, line }) => {
    expect(line).toBe(format(...values)); // the oracle: console.log's formatting
    const o = (await explore(printing(...values))).outcomes[0]!;
    expect(o.output).toEqual([line]);
  });

  it('does not colour its output', async () => {
    const o = (await explore(printing({ s: 'x', n: 1 }))).outcomes[0]!;
    expect(o.output[0]).not.toMatch(/\u001b\[/);
  });

  it('takes effect at its step, not at the call: the trace shows it quoted', async () => {
    const s: Scenario = {
      name: 'print-trace',
      async main({ go, print, waitGroup }) {
        const wg = waitGroup();
        wg.add(1);
        go(async () => {
          await print('from "A"');
          wg.done();
        }, 'A');
        await print('multi\nline');
        await wg.wait();
      },
    };
    const run = await replay(s, { schedule: '1' });
    expect(run.output).toEqual(['from "A"', 'multi\nline']);
    expect(run.trace!.map((t) => t.op)).toEqual([
      'print "from \\"A\\""',
      'print "multi\\nline"',
      'wait wg#1 (counter 0)',
    ]);
    const other = await replay(s, { schedule: '0' });
    expect(other.output).toEqual(['multi\nline', 'from "A"']);
  });

  it('two prints of the same text are two lines', async () => {
    const s: Scenario = {
      name: 'print-dup',
      async main({ print }) {
        await print('x');
        await print('x');
      },
    };
    expect((await explore(s)).outcomes[0]!.output).toEqual(['x', 'x']);
  });
});
