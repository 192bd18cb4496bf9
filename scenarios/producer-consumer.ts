/**
 * Producer and consumer over a buffered channel of capacity 1: the producer
 * sends 1, 2, 3 and closes the channel; the consumer ranges over it. A send
 * blocks only while the buffer is full, so the producer can run at most one
 * item ahead of the consumer.
 *
 * Expected verdict: 13 outcomes, all ok: every interleaving of "sent 1..3"
 * and "got 1..3" in which "got i" follows "sent i-1" (the producer sends item
 * i only after printing "sent i-1") and "sent 3" follows "got 1" (item 3 fits
 * in the buffer only once item 2 is taken, which the consumer does after
 * printing "got 1"); the consumer always gets 1, 2, 3 in order. Finding `ordering` (the two tasks'
 * lines are unordered), no `race`; exit code 1.
 * Exhaustive exploration: 1065 executions.
 */
export default {
  name: 'producer-consumer',
  async main({ go, channel, print }) {
    const ch = channel<number>(1);
    go(async () => {
      for (let i = 1; i <= 3; i++) {
        await ch.send(i);
        await print(`sent ${i}`);
      }
      await ch.close();
    }, 'producer');
    const consumer = go(async () => {
      for await (const item of ch) await print(`got ${item}`);
    }, 'consumer');
    await consumer.join(); // the consumer ends once the producer has closed the channel
  },
} satisfies import('interleave').Scenario;
