// The audit rows a request wrote, found by its request id, for HTTP tests that check what was audited.
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/data/db.ts';
import { auditEvents } from '../../src/data/schema.ts';

export function auditRowsOf(db: Database, response: { headers: Record<string, unknown> }) {
  return db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(response.headers['x-request-id']))),
  );
}
