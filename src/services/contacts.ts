// Contact with a young person and their activity and accommodation over time (issue 11, part 2).
// Each write runs in one transaction: permission on the record (refusals audited), validation against
// the record, the write and its audit row. A face-to-face visit by the allocated personal adviser
// also records the statutory adviser visit, so the visit frequencies in the rules see it.
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import {
  ACCOMMODATION_NAMES,
  ACTIVITY_NAMES,
  CONTACT_METHOD_NAMES,
  NEVER_SUITABLE_ACCOMMODATION,
  SEEN_ALONE_NAMES,
} from '../domain/codes.ts';
import { birthday } from '../domain/statutory/index.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as repo from '../data/repositories/contacts.ts';
import * as people from '../data/repositories/people.ts';
import { errors } from '../errors.ts';
import { authorize } from '../domain/permissions.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';
import { onRecord, type FieldErrors, type Outcome } from './statutory-commands.ts';
import { policyIn } from './statutory.ts';

export const CONTACT_METHODS = ['visit', 'phone', 'video', 'message'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const SEEN_ALONE = ['yes', 'no', 'not_applicable'] as const;
export { CONTACT_METHOD_NAMES, SEEN_ALONE_NAMES };
export type SeenAlone = (typeof SEEN_ALONE)[number];
export const CONTACTS_PAGE_SIZE = 50;

export type ContactInput = {
  contactOn: string;
  method: string;
  seenAlone: string;
  place: string;
  othersPresent: string;
  discussed: string;
};
export type ChangeInput = {
  kind: 'activity' | 'accommodation';
  changedOn: string;
  code: string;
  /** Accommodation only: 'yes' or 'no'. */
  suitable: string;
  notes: string;
};

const TEXT_LIMIT = 500;
const DISCUSSED_LIMIT = 5000;

/** What can be checked of a contact without the record: everything but the date. */
export function contactFieldErrors(input: Omit<ContactInput, 'contactOn'>): FieldErrors {
  const fieldErrors: FieldErrors = {};
  if (!(CONTACT_METHODS as readonly string[]).includes(input.method))
    fieldErrors.method = 'Select how the contact happened';
  if (!(SEEN_ALONE as readonly string[]).includes(input.seenAlone))
    fieldErrors.seenAlone = 'Select whether they were seen alone';
  if (input.place.length > TEXT_LIMIT) fieldErrors.place = 'Where must be 500 characters or fewer';
  if (input.othersPresent.length > TEXT_LIMIT)
    fieldErrors.othersPresent = 'Who else was there must be 500 characters or fewer';
  if (!input.discussed) fieldErrors.discussed = 'Enter what was talked about';
  else if (input.discussed.length > DISCUSSED_LIMIT)
    fieldErrors.discussed = 'What was talked about must be 5,000 characters or fewer';
  return fieldErrors;
}

/** What can be checked of a change of activity or accommodation without the record. */
export function changeFieldErrors(input: Omit<ChangeInput, 'changedOn'>): FieldErrors {
  const fieldErrors: FieldErrors = {};
  const names = input.kind === 'activity' ? ACTIVITY_NAMES : ACCOMMODATION_NAMES;
  if (!Object.hasOwn(names, input.code))
    fieldErrors.code = input.kind === 'activity' ? 'Select their main activity' : 'Select where they live';
  if (input.kind === 'accommodation') {
    if (input.suitable !== 'yes' && input.suitable !== 'no')
      fieldErrors.suitable = 'Select whether the accommodation is suitable';
    else if (input.suitable === 'yes' && NEVER_SUITABLE_ACCOMMODATION.includes(input.code))
      fieldErrors.suitable = `${ACCOMMODATION_NAMES[input.code]} is never considered suitable`;
  }
  if (input.notes.length > TEXT_LIMIT) fieldErrors.notes = 'Notes must be 500 characters or fewer';
  return fieldErrors;
}

export function contactsService(db: Database, clock: Clock, records: RecordsService) {
  const today = () => ukDate(clock.now());
  /** A date of something that happened: not in the future, not before they were born. */
  const checkPast = (errorsOut: FieldErrors, field: string, date: string, dateOfBirth: string) => {
    if (date > today()) errorsOut[field] = 'The date must be today or in the past';
    else if (date < dateOfBirth) errorsOut[field] = 'The date must be after their date of birth';
  };

  return {
    /** Refuses (403, audited) anyone who may not record on a young person's record. */
    mayRecord(ctx: RequestContext): void {
      authorize(ctx.principal, 'record.update');
    },

    async recordContact(
      ctx: RequestContext,
      youngPersonId: string,
      input: ContactInput,
    ): Promise<Outcome<{ id: string; countsAsVisit: boolean }>> {
      return onRecord(db, records, ctx, youngPersonId, 'record.update', 'contact.record', async (tx, yp) => {
        const fieldErrors: FieldErrors = contactFieldErrors(input);
        checkPast(fieldErrors, 'contactOn', input.contactOn, yp.dateOfBirth);
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        const councilId = ctx.principal.councilId;
        // A face-to-face visit by their own personal adviser is the statutory adviser visit too.
        const countsAsVisit = input.method === 'visit' && yp.personalAdviserId === ctx.principal.id;
        const adviserVisitId = countsAsVisit
          ? await repo.insertAdviserVisit(tx, {
              councilId,
              youngPersonId,
              completedOn: input.contactOn,
              recordedBy: ctx.principal.id,
            })
          : null;
        const id = await repo.insertContact(tx, {
          councilId,
          youngPersonId,
          contactOn: input.contactOn,
          method: input.method,
          seenAlone: input.seenAlone,
          place: input.place || null,
          othersPresent: input.othersPresent || null,
          discussed: input.discussed,
          recordedBy: ctx.principal.id,
          adviserVisitId,
        });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'contact.record',
          youngPersonId,
          entityType: 'contact',
          entityId: id,
          details: { contactOn: input.contactOn, method: input.method, adviserVisitId },
        });
        return { ok: true, value: { id, countsAsVisit } };
      });
    },

    /** Every contact, newest first, a page at a time: one audited read. */
    contacts(ctx: RequestContext, youngPersonId: string, page: number) {
      return records.audited(
        ctx,
        youngPersonId,
        'contact.list',
        async (tx) => {
          const details = await people.youngPersonHeader(tx, youngPersonId);
          if (!details) throw errors.notFound();
          const found = await repo.contactsOf(tx, youngPersonId, CONTACTS_PAGE_SIZE, (page - 1) * CONTACTS_PAGE_SIZE);
          const pages = Math.max(1, Math.ceil(found.total / CONTACTS_PAGE_SIZE));
          return { ...found, person: details.yp, page, pages };
        },
        { asked: { page } },
      );
    },

    /** A change of main activity or accommodation, from the day it happened. */
    async recordChange(ctx: RequestContext, youngPersonId: string, input: ChangeInput): Promise<Outcome<string>> {
      return onRecord(
        db,
        records,
        ctx,
        youngPersonId,
        'record.update',
        'circumstance-change.record',
        async (tx, yp) => {
          const fieldErrors: FieldErrors = changeFieldErrors(input);
          checkPast(fieldErrors, 'changedOn', input.changedOn, yp.dateOfBirth);
          // Staying put (903 Z) is only for those who have turned 18 (903 rule 3001, reference §3.2).
          if (input.kind === 'accommodation' && input.code === 'Z' && !fieldErrors.changedOn) {
            const { policy } = await policyIn(tx);
            if (input.changedOn < birthday(yp.dateOfBirth, 18, policy.leapDayBirthday))
              fieldErrors.code = 'Living with former foster carers (staying put) is only from their 18th birthday';
          }
          if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
          const id = await repo.insertCircumstanceChange(tx, {
            councilId: ctx.principal.councilId,
            youngPersonId,
            kind: input.kind,
            changedOn: input.changedOn,
            code: input.code,
            suitable: input.kind === 'accommodation' ? input.suitable === 'yes' : null,
            notes: input.notes || null,
            recordedBy: ctx.principal.id,
          });
          await insertAudit(tx, {
            ...auditActor(ctx),
            action: 'circumstance-change.record',
            youngPersonId,
            entityType: 'circumstance_change',
            entityId: id,
            details: {
              kind: input.kind,
              changedOn: input.changedOn,
              code: input.code,
              suitable: input.suitable || null,
            },
          });
          return { ok: true, value: id };
        },
      );
    },

    /** Activity and accommodation history, newest first, with whose they are: one audited read. */
    changes(ctx: RequestContext, youngPersonId: string) {
      return records.audited(ctx, youngPersonId, 'circumstance-change.list', async (tx) => {
        const details = await people.youngPersonHeader(tx, youngPersonId);
        if (!details) throw errors.notFound();
        return {
          person: details.yp,
          activity: await repo.circumstanceHistory(tx, youngPersonId, 'activity'),
          accommodation: await repo.circumstanceHistory(tx, youngPersonId, 'accommodation'),
        };
      });
    },
  };
}
export type ContactsService = ReturnType<typeof contactsService>;
