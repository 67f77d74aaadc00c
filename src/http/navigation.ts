import { can, type Principal } from '../domain/permissions.ts';

export type NavItem = { href: string; text: string; active: boolean };

/** The service navigation for a signed-in person: only what they may use. */
export function navigationFor(principal: Principal | null, url: string): NavItem[] {
  // A supporter has one page, the plan they were given (issue 12 §6): no menu to other places.
  if (!principal || principal.kind === 'supporter') return [];
  const items: { href: string; text: string }[] = [{ href: '/', text: 'Home' }];
  if (principal.kind === 'young_person') {
    items.push({ href: '/my-plan', text: 'My plan' }, { href: '/my-record', text: 'My details' });
  } else {
    if (can(principal, 'caseload.view')) items.push({ href: '/caseload', text: 'My caseload' });
    if (can(principal, 'team.view'))
      items.push({ href: '/team', text: can(principal, 'council.view') ? 'Teams' : 'My team' });
    if (principal.kind === 'staff' && principal.role === 'team_manager')
      items.push({ href: '/approvals', text: 'Plans to approve' });
    if (can(principal, 'record.search')) items.push({ href: '/young-people', text: 'Find a young person' });
    if (can(principal, 'performance.view')) items.push({ href: '/performance', text: 'Performance' });
    if (can(principal, 'audit.do')) items.push({ href: '/audits', text: 'Case-file audits' });
    if (can(principal, 'record.close')) items.push({ href: '/closures/late', text: 'Late closures' });
    if (can(principal, 'staff.manage')) items.push({ href: '/admin/staff', text: 'Staff' });
    if (can(principal, 'teams.manage')) items.push({ href: '/admin/teams', text: 'Teams' });
    if (can(principal, 'invitation.manage')) items.push({ href: '/admin/invitations', text: 'Invitations' });
    if (can(principal, 'policy.manage')) items.push({ href: '/admin/policy', text: 'Timescales' });
    if (can(principal, 'records.export')) items.push({ href: '/returns/ssda903', text: 'SSDA903 return' });
    if (can(principal, 'api.manage')) items.push({ href: '/admin/api-tokens', text: 'API tokens' });
    if (can(principal, 'records.import')) items.push({ href: '/admin/import-903', text: 'Import' });
    if (can(principal, 'reminders.outbox')) items.push({ href: '/admin/outbox', text: 'Reminders sent' });
  }
  items.push({ href: '/account', text: 'Your account' });
  const path = url.split('?')[0];
  return items.map((i) => ({
    ...i,
    active: i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`),
  }));
}
