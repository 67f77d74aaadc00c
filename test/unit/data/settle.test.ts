import { describe, expect, it } from 'vitest';
import { sharedRoundTrips } from '../../../src/data/settle.ts';

// Each round trip is held until the test answers it, so the order of sending and answering is the test's.
function wire() {
  const trips: { sentAfter: number; answer: () => void }[] = [];
  let calls = 0;
  const send = () =>
    new Promise<void>((resolve) => {
      trips.push({ sentAfter: calls, answer: resolve });
    });
  const settle = sharedRoundTrips(send);
  const call = () => {
    calls += 1;
    const n = calls;
    let done = false;
    const p = settle().then(() => {
      done = true;
    });
    return { n, p, isDone: () => done };
  };
  return { trips, call };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('sharedRoundTrips: a settle is proved only by a round trip sent after it was asked for', () => {
  it('sends at once when nothing is on the wire', async () => {
    const { trips, call } = wire();
    const a = call();
    expect(trips).toHaveLength(1);
    trips[0].answer();
    await a.p;
    expect(a.isDone()).toBe(true);
  });

  it('does not let a call made while a round trip is on the wire finish with that one', async () => {
    const { trips, call } = wire();
    const a = call();
    const b = call();
    const c = call();
    expect(trips).toHaveLength(1); // b and c wait; nothing else is sent yet
    trips[0].answer();
    await a.p;
    await tick();
    expect(b.isDone()).toBe(false);
    expect(c.isDone()).toBe(false);
    expect(trips).toHaveLength(2); // one more, shared by b and c, sent after both asked
    expect(trips[1].sentAfter).toBeGreaterThanOrEqual(c.n);
    trips[1].answer();
    await Promise.all([b.p, c.p]);
  });

  it('keeps one on the wire and one waiting, however many ask', async () => {
    const { trips, call } = wire();
    const calls = Array.from({ length: 50 }, () => call());
    expect(trips).toHaveLength(1);
    trips[0].answer();
    await tick();
    const late = call(); // asked while the second is on the wire: needs a third
    expect(trips).toHaveLength(2);
    trips[1].answer();
    await Promise.all(calls.map((x) => x.p));
    await tick();
    expect(late.isDone()).toBe(false);
    expect(trips).toHaveLength(3);
    trips[2].answer();
    await late.p;
  });

  it('a lost round trip still lets the callers go on', async () => {
    const settle = sharedRoundTrips(() => Promise.reject(new Error('connection lost')));
    await expect(settle()).resolves.toBeUndefined();
  });
});
