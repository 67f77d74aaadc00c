// Plan forms as the pages post them, for HTTP tests.
import { AREAS, SUITABILITY_CHECKS } from '../../src/domain/plan/index.ts';

/** A full, valid worker answer for one area, as the area page posts it. */
export function areaForm(areaId: string, n = 1): Record<string, string> {
  const def = AREAS.find((a) => a.id === areaId)!;
  const form: Record<string, string> = { revision: '0' };
  if (def.asks.outcomes) form.assessmentOfNeed = `Assessed need for ${def.staffTitle}`;
  if (def.asks.scales) Object.assign(form, { youngPersonScale: '6', workerScale: '5' });
  if (def.asks.goal) form.goal = `Goal for ${def.staffTitle}`;
  if (def.asks.actions) {
    Object.assign(form, {
      'actions-count': '1',
      'actions-0-what': `Action ${n} for ${def.staffTitle}`,
      'actions-0-whoKind': 'young_person',
      'actions-0-how': 'With help from the adviser',
      'actions-0-byWhen-day': '1',
      'actions-0-byWhen-month': '3',
      'actions-0-byWhen-year': '2027',
      'actions-0-howItHelps': 'It keeps things on track',
      'actions-0-status': 'not_started',
    });
  }
  if (def.special === 'support-network')
    Object.assign(form, {
      'people-count': '1',
      'people-0-name': 'Aunt Jo',
      'people-0-relationship': 'Aunt',
      'people-0-roleInPlan': 'Sunday dinners and a spare room in a crisis',
    });
  if (def.special === 'financial-arrangements')
    form.financialArrangements = 'Setting-up-home allowance paid in two parts';
  if (def.special === 'contingency')
    Object.assign(form, {
      triggers: 'Losing the flat\nLeaving college',
      'contingency-count': '1',
      'contingency-0-what': 'Emergency place at the supported lodgings scheme',
      'contingency-0-whoKind': 'adviser',
      'contingency-0-howSoon': 'The same day',
    });
  if (def.special === 'suitability') for (const c of SUITABILITY_CHECKS) form[`suitability-${c.id}`] = 'yes';
  return form;
}

/** The section revision a page's form carries. */
export function revisionOf(html: string): string {
  const found = /name="revision" value="(\d+)"/.exec(html);
  if (!found) throw new Error('no revision field on the page');
  return found[1];
}
