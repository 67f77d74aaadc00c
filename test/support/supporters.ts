// A young person adds a supporter through their pages, for the HTTP tests of supporters (issue 12 §6).
import { expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../src/data/db.ts';
import { supporters } from '../../src/data/supporters-schema.ts';
import type { Agent } from './agent.ts';

/** The young person (signed in as `youngPerson`) adds a supporter; returns the link's path, the code shown once and the row's id. */
export async function addSupporterThroughPages(
  db: Database,
  youngPerson: Agent,
  youngPersonId: string,
  props: { name: string; relationship: string; access: string },
) {
  await youngPerson.get('/account/supporters/add');
  const added = await youngPerson.post('/account/supporters/add', props);
  expect(added.statusCode).toBe(200);
  const link = /id="supporter-link">https?:\/\/[^/]+(\/supporter-invite\/[\w-]+)</.exec(added.body)![1];
  const code = /id="supporter-code">([A-Z0-9-]+)</.exec(added.body)![1];
  const [row] = await db.system((tx) =>
    tx
      .select()
      .from(supporters)
      .where(and(eq(supporters.youngPersonId, youngPersonId), eq(supporters.name, props.name))),
  );
  return { link, code, id: row.id };
}
