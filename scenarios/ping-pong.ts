/**
 * Ping-pong over two unbuffered channels: each player hits the ball only
 * after receiving it, so the rallies strictly alternate whatever the
 * schedule.
 *
 * Expected verdict: one outcome, "ping 1", "pong 1", "ping 2", "pong 2",
 * "ping 3", "pong 3"; no finding (no `ordering`, no `race`: every print is
 * ordered by a rendezvous); exit code 0.
 * Exhaustive exploration: 729 executions.
 */
export default {
  name: 'ping-pong',
  async main({ go, channel, print }) {
    const toPong = channel<number>();
    const toPing = channel<number>();
    const ping = go(async () => {
      for (let ball = 1; ball <= 3; ball++) {
        await print(`ping ${ball}`);
        await toPong.send(ball);
        await toPing.recv();
      }
    }, 'ping');
    const pong = go(async () => {
      for (let i = 0; i < 3; i++) {
        const ball = (await toPong.recv())!; // never closed: always a ball
        await print(`pong ${ball}`);
        await toPing.send(ball);
      }
    }, 'pong');
    await ping.join();
    await pong.join();
  },
} satisfies import('interleave').Scenario;
