// The audit rows a request wrote, found by its request id, in the order written, for HTTP tests that check what
// was audited. Without the order PostgreSQL may return them in any order (a freed page reused).
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/data/db.ts';
import { auditEvents } from '../../src/data/schema.ts';

export function auditRowsOf(db: Database, response: { headers: Record<string, unknown> }) {
  return db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(response.headers['x-request-id'])))
      .orderBy(auditEvents.id),
  );
}
