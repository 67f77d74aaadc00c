// What the outcomes at 19 to 21 read (src/domain/oversight/outcomes.ts), for the council entered in the
// transaction: the days of contact since a date, and every activity and accommodation change, of
// everyone or of the young people whose birthday the measure looks at. Two single-table queries, each
// grouped by young person, whatever the number of young people.
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import type { AccommodationChange, ActivityChange, OutcomeRecord } from '../../domain/oversight/index.ts';
import type { IsoDate } from '../../domain/statutory/index.ts';

type Row<T> = { id: string; j: T };

/**
 * Contact days since `contactsSince` and every activity and accommodation change: of everyone, or only
 * of `ids` when given (`outcomeCandidates`: those whose birthday is in the period on one as-at date).
 */
export async function outcomeRecords(
  tx: Tx,
  contactsSince: IsoDate,
  ids?: readonly string[],
): Promise<OutcomeRecord[]> {
  if (ids?.length === 0) return [];
  const only: SQL = ids ? sql`young_person_id = ANY(${`{${ids.join(',')}}`}::uuid[])` : sql`true`;
  const contacts = (await tx.execute(sql`
    SELECT young_person_id AS id, json_agg(DISTINCT contact_on) AS j
    FROM contacts WHERE ${only} AND contact_on >= ${contactsSince}::date
    GROUP BY young_person_id`)) as unknown as {
    rows: Row<IsoDate[]>[];
  };
  const changes = (await tx.execute(sql`
    SELECT young_person_id AS id,
      json_agg(json_build_array(kind, changed_on, code, suitable) ORDER BY changed_on, recorded_at) AS j
    FROM circumstance_changes WHERE ${only} GROUP BY young_person_id`)) as unknown as {
    rows: Row<[kind: string, on: IsoDate, code: string, suitable: boolean | null][]>[];
  };
  const records = new Map<
    string,
    { contactDates: IsoDate[]; activity: ActivityChange[]; accommodation: AccommodationChange[] }
  >();
  const recordOf = (id: string) => {
    const found = records.get(id);
    if (found) return found;
    const made = {
      contactDates: [] as IsoDate[],
      activity: [] as ActivityChange[],
      accommodation: [] as AccommodationChange[],
    };
    records.set(id, made);
    return made;
  };
  for (const row of contacts.rows) recordOf(row.id).contactDates = row.j;
  for (const row of changes.rows)
    for (const [kind, on, code, suitable] of row.j) {
      if (kind === 'activity') recordOf(row.id).activity.push({ on, code });
      else recordOf(row.id).accommodation.push({ on, code, suitable: suitable === true });
    }
  return [...records].map(([youngPersonId, r]) => ({ youngPersonId, ...r }));
}
