// Drafts kept on the device (public/app.js) belong to the person signed in. A phone or a library
// computer may be shared, so each draft is stored under an opaque value for its owner, and the
// browser removes drafts that are not the signed-in person's. The value is the same at every
// sign-in (so someone whose session timed out gets their own writing back), is different for every
// person, and neither names them nor gives their id.
import { createHash } from 'node:crypto';
import type { Principal } from '../domain/permissions.ts';

export function draftOwnerOf(principal: Pick<Principal, 'kind' | 'id' | 'councilId'>): string {
  return createHash('sha256')
    .update(`pathway-device-draft-owner\n${principal.councilId}\n${principal.kind}\n${principal.id}`)
    .digest('base64url')
    .slice(0, 22);
}
