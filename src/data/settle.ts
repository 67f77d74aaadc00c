/**
 * Round trips that prove a point in time, shared. A caller of the returned function needs one round
 * trip sent after it called: one already on the wire was sent before and proves nothing about what
 * committed since. So at most one is on the wire and at most one waits to be sent when it returns;
 * everyone who calls meanwhile shares the waiting one. Under load this is one round trip per round
 * trip's time, not one per request queued on one connection.
 */
export function sharedRoundTrips(send: () => Promise<void>): () => Promise<void> {
  let onTheWire: Promise<void> | undefined;
  let waiting: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const trip: Promise<void> = send()
      .catch(() => {})
      .finally(() => {
        if (onTheWire === trip) onTheWire = undefined;
      });
    onTheWire = trip;
    return trip;
  };
  return () => {
    if (!onTheWire) return start();
    waiting ??= onTheWire.then(() => {
      waiting = undefined;
      return start();
    });
    return waiting;
  };
}
