// A member of staff's inbox (issue 12 §2): one list of what needs them, from what the worker's home
// already computes (review requests, returned plans, quality actions) and the companion's help requests
// and messages, each with a due date and a way to mark it done (or the page where doing it is done).
type Name = { givenName: string; preferredName: string | null; familyName: string };

export type InboxItem = {
  kind: string;
  name: string;
  about: string;
  href: string;
  dueOn: string | null;
  overdue: boolean;
  /** Where a "Mark done" form posts; null when the item is done by doing the work it links to. */
  doneUrl: string | null;
};

const nameOf = (n: Name) => `${n.preferredName ?? n.givenName} ${n.familyName}`;

export function inboxItems(from: {
  companion: {
    tasks: (Name & { id: string; youngPersonId: string; dueOn: string })[];
    threads: (Name & { id: string; subject: string; replyDueOn: string | null; unread: number })[];
    today: string;
  };
  requests: (Name & { id: string; on: string; dueBy: string })[];
  returned: (Name & { id: string; dueOn: string | null; returned: { on: string; reason: string } })[];
  quality: (Name & { id: string; text: string; dueOn: string; youngPersonId: string; planVersion: number })[];
  toSign: (Name & { id: string; dueOn: string | null })[];
}): InboxItem[] {
  const today = from.companion.today;
  const items: Omit<InboxItem, 'overdue'>[] = [
    ...from.companion.tasks.map((t) => ({
      kind: 'Asked for help',
      name: nameOf(t),
      about: 'They said "I need help" when they checked in',
      href: `/young-people/${t.youngPersonId}/check-ins`,
      dueOn: t.dueOn,
      doneUrl: `/inbox/tasks/${t.id}/done`,
    })),
    ...from.companion.threads.map((t) => ({
      kind: t.unread ? `Message (${t.unread} new)` : 'Message',
      name: nameOf(t),
      about: t.subject,
      href: `/messages/${t.id}`,
      dueOn: t.replyDueOn,
      doneUrl: t.replyDueOn ? `/messages/${t.id}/done` : null,
    })),
    ...from.requests.map((r) => ({
      kind: 'Asked for a review',
      name: nameOf(r),
      about: 'Review their plan with them',
      href: `/young-people/${r.id}`,
      dueOn: r.dueBy,
      doneUrl: null,
    })),
    ...from.returned.map((p) => ({
      kind: 'Plan returned',
      name: nameOf(p),
      about: p.returned.reason,
      href: `/reviews/${p.id}`,
      dueOn: p.dueOn,
      doneUrl: null,
    })),
    ...from.toSign.map((p) => ({
      kind: 'Plan to read and sign',
      name: nameOf(p),
      about: 'The plan is waiting for signatures',
      href: `/reviews/${p.id}`,
      dueOn: p.dueOn,
      doneUrl: null,
    })),
    ...from.quality.map((a) => ({
      kind: 'Quality action',
      name: nameOf(a),
      about: a.text,
      href: `/young-people/${a.youngPersonId}/plans/${a.planVersion}`,
      dueOn: a.dueOn,
      doneUrl: `/quality-actions/${a.id}/done`,
    })),
  ];
  // Soonest due first; items with no date after those with one.
  return items
    .map((i) => ({ ...i, overdue: i.dueOn !== null && i.dueOn < today }))
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
}
