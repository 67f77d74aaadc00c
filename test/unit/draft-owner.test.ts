// The opaque value that drafts on a shared device are kept under (issue 7, item 2).
import { describe, expect, it } from 'vitest';
import { draftOwnerOf } from '../../src/http/draft-owner.ts';

const council = '6f0d1c1e-8a55-4f0e-9a59-0d6b1f3c2a10';
const someone = { kind: 'young_person' as const, id: '0b8f3c52-7f1e-4c3a-a0d4-5f8a2b9c1d01', councilId: council };

describe('draftOwnerOf', () => {
  it('is the same at every sign-in, so a person whose session ran out gets their own draft back', () => {
    expect(draftOwnerOf({ ...someone })).toBe(draftOwnerOf(someone));
  });

  it.each([
    ['another young person', { ...someone, id: '0b8f3c52-7f1e-4c3a-a0d4-5f8a2b9c1d02' }],
    ['a member of staff with the same id', { ...someone, kind: 'staff' as const }],
    ['the same id in another council', { ...someone, councilId: '6f0d1c1e-8a55-4f0e-9a59-0d6b1f3c2a11' }],
  ])('differs for %s', (_name, other) => {
    expect(draftOwnerOf(other)).not.toBe(draftOwnerOf(someone));
  });

  it('gives away neither the id nor the council, and fits in a storage key', () => {
    const owner = draftOwnerOf(someone);
    expect(owner).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const part of [...someone.id.split('-'), ...council.split('-')]) expect(owner).not.toContain(part);
  });
});
