-- A removed supporter's unused link (issue 12 §6): removing someone before they used their one-time link and
-- code now marks that link cancelled, in the same transaction, so the worker's record, the audit and the page
-- the link opens all say so (before, the link was only refused because the supporter was removed).
-- Only a link never used can be cancelled: a used one is the supporter's sign-in, ended by removed_at.
ALTER TABLE supporters ADD COLUMN link_revoked_at timestamptz;
ALTER TABLE supporters ADD CONSTRAINT supporters_link_revoked_unused CHECK (link_revoked_at IS NULL OR used_at IS NULL);

-- Supporters removed before this migration with their link unused: their link was cancelled when they were.
UPDATE supporters SET link_revoked_at = removed_at WHERE removed_at IS NOT NULL AND used_at IS NULL;
