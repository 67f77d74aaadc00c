// What a process keeps of the managers' figures (src/services/figures-cache.ts): nothing read before
// a change is kept after it, nothing is kept while the database is not heard, and the memory it
// holds is bounded. The feed here is the database's (`CouncilChanges`) reduced to what the cache
// reads; test/http/figures-kept.test.ts runs the real one on both databases.
import { describe, expect, it } from 'vitest';
import type { CouncilChanges } from '../../../src/data/db.ts';
import { figuresCache } from '../../../src/services/figures-cache.ts';

function feed() {
  const listeners = new Set<(id: string | null) => void>();
  const changes: CouncilChanges & { live: boolean } = {
    live: true,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: async () => {},
  };
  const say = (id: string | null) => {
    for (const listener of listeners) listener(id);
  };
  return { changes, say };
}

describe('the figures kept', () => {
  it('are found with a stamp taken after they were kept, until the council changes', async () => {
    const { changes, say } = feed();
    const cache = figuresCache(changes);
    cache.keep(await cache.stamp('A'), 'page', 1);
    expect(cache.get(await cache.stamp('A'), 'page')).toBe(1);
    say('B');
    expect(cache.get(await cache.stamp('A'), 'page')).toBe(1);
    say('a'); // ids are compared without case, as PostgreSQL prints uuids in lower case
    expect(cache.get(await cache.stamp('A'), 'page')).toBeUndefined();
  });

  it('are not kept when the council changed while they were being read', async () => {
    const { changes, say } = feed();
    const cache = figuresCache(changes);
    const stamp = await cache.stamp('A');
    say('A');
    expect(cache.keep(stamp, 'page', 1)).toBe(1);
    expect(cache.get(stamp, 'page')).toBeUndefined();
    expect(cache.get(await cache.stamp('A'), 'page')).toBeUndefined();
  });

  it('are forgotten, every council’s, when the database may have changed unheard', async () => {
    const { changes, say } = feed();
    const cache = figuresCache(changes);
    const a = await cache.stamp('A');
    cache.keep(a, 'page', 1);
    cache.keep(await cache.stamp('B'), 'page', 2);
    say(null);
    expect(cache.get(await cache.stamp('A'), 'page')).toBeUndefined();
    expect(cache.get(await cache.stamp('B'), 'page')).toBeUndefined();
    // A read begun before the reset cannot be kept after it.
    cache.keep(a, 'page', 1);
    expect(cache.get(await cache.stamp('A'), 'page')).toBeUndefined();
  });

  it('are never kept while the database is not heard', async () => {
    const { changes } = feed();
    const cache = figuresCache(changes);
    changes.live = false;
    cache.keep(await cache.stamp('A'), 'page', 1);
    changes.live = true;
    expect(cache.get(await cache.stamp('A'), 'page')).toBeUndefined();
  });

  it('hold at most the councils and values they are allowed, dropping the least recently used', async () => {
    const { changes } = feed();
    const cache = figuresCache(changes, { councils: 2, valuesPerCouncil: 2 });
    cache.keep(await cache.stamp('A'), 'x', 1);
    cache.keep(await cache.stamp('B'), 'x', 2);
    cache.get(await cache.stamp('A'), 'x'); // A used after B
    cache.keep(await cache.stamp('C'), 'x', 3);
    expect(cache.get(await cache.stamp('B'), 'x')).toBeUndefined();
    expect(cache.get(await cache.stamp('A'), 'x')).toBe(1);
    expect(cache.get(await cache.stamp('C'), 'x')).toBe(3);
    for (const key of ['y', 'z']) cache.keep(await cache.stamp('C'), key, key);
    expect(cache.get(await cache.stamp('C'), 'x')).toBeUndefined();
    expect(cache.get(await cache.stamp('C'), 'z')).toBe('z');
  });

  it('remember makes a value once and counts what it found and made', async () => {
    const { changes } = feed();
    const cache = figuresCache(changes);
    let made = 0;
    const make = () => ++made;
    const stamp = await cache.stamp('A');
    expect(cache.remember(stamp, 'k', make)).toBe(1);
    expect(cache.remember(stamp, 'k', make)).toBe(1);
    expect(made).toBe(1);
    expect(cache.counts).toEqual({ found: 1, made: 1 });
  });
});
