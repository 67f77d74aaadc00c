import { readFileSync } from 'node:fs';
import pg from 'pg';
const { councilId } = JSON.parse(readFileSync('/tmp/rt/big-council.json', 'utf8'));
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/pw_big' });
await c.connect();
const q = async (label: string, text: string) => {
  let best = 1e9;
  let n = 0;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    const r = await c.query(text, [councilId]);
    best = Math.min(best, performance.now() - s);
    n = r.rowCount ?? 0;
  }
  console.log(`${label}: ${n} rows, ${best.toFixed(0)} ms`);
};
await q(
  'people',
  `select y.id, y.date_of_birth::text, y.closed_on::text, y.restricted, t.name from young_people y join teams t on t.id = y.team_id where y.council_id = $1`,
);
await q(
  'episodes',
  `select young_person_id, start_date::text, end_date::text, legal_status from care_episodes where council_id = $1 order by start_date`,
);
await q(
  'allocations',
  `select a.young_person_id, a.allocation_role, a.staff_id, a.start_date::text, a.end_date::text, t.id, t.name from allocations a join staff s on s.id = a.staff_id join teams t on t.id = s.team_id where a.council_id = $1 order by a.start_date`,
);
await q('plan versions', `select young_person_id, id, approved_on::text from plan_versions where council_id = $1`);
await q(
  'reviews (timeline from JSON)',
  `select id, young_person_id, review->>'startedOn', review->>'submittedForApprovalOn', review->'returns', review->'approval'->>'on' from reviews where council_id = $1`,
);
await q(
  'plan versions aggregated',
  `select young_person_id, array_agg(approved_on::text order by approved_on) from plan_versions where council_id = $1 group by young_person_id`,
);
await q(
  'reviews (timeline columns)',
  `select id, young_person_id, started_on, submitted_for_approval_on, returns, approved_on from reviews where council_id = $1`,
);
await c.end();
