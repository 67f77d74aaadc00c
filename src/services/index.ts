import { oversightService } from './oversight.ts';
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { administrationService } from './administration.ts';
import { auditService } from './audit.ts';
import { addressAttempts } from './attempts.ts';
import { authenticationService } from './authentication.ts';
import { invitationsService } from './invitations.ts';
import { passwordLinksService } from './password-links.ts';
import { recordsService } from './records.ts';
import { sessionsService } from './sessions.ts';
import { statutoryCommands } from './statutory-commands.ts';
import { reviewsService } from './reviews.ts';
import { qualityService } from './quality.ts';
import { planQualityFiguresService } from './plan-quality-figures.ts';
import { surgeryService } from './surgery.ts';
import { caseFileAuditsService } from './case-file-audits.ts';
import { contactsService } from './contacts.ts';
import { recordCommands } from './record-commands.ts';
import { ssda903Import } from './ssda903-import.ts';
import { ssda903Export } from './ssda903-export.ts';
import { apiTokensService } from './api-tokens.ts';
import { subjectAccessService } from './subject-access.ts';
import { companionService } from './companion.ts';
import { profilesService } from './profiles.ts';
import type { NotifyConfig } from '../config.ts';
import { jobQueue } from '../data/queue.ts';
import { notifySender, reminderJobs, remindersService } from './reminders.ts';
import { languagesService } from './languages.ts';
import { supportersService } from './supporters.ts';

export type ServiceOptions = {
  sessionIdleMinutes: number;
  apiCallsPerMinute?: number;
  /** GOV.UK Notify; without it reminders go to the demo outbox only. */
  notify?: NotifyConfig | null;
  /** Where links in reminders point (PUBLIC_URL). */
  publicUrl?: string;
};

/** Composition root for use cases: everything a route may call. */
export function buildServices(db: Database, clock: Clock, options: ServiceOptions) {
  const records = recordsService(db, clock);
  const attempts = addressAttempts(db);
  const sessions = sessionsService(db, clock, options.sessionIdleMinutes);
  const queue = jobQueue(db);
  const reminders = remindersService(
    db,
    clock,
    records,
    queue,
    notifySender(options.notify ?? null),
    options.publicUrl ?? 'http://localhost:3000',
  );
  return {
    db,
    clock,
    auth: authenticationService(db, clock, options.sessionIdleMinutes, attempts, sessions),
    sessions,
    records,
    invitations: invitationsService(db, clock, records, attempts, sessions),
    supporters: supportersService(db, clock, records, { attempts, sessions }),
    passwordLinks: passwordLinksService(db, clock, attempts, sessions),
    admin: administrationService(db, clock),
    audit: auditService(db),
    statutory: statutoryCommands(db, clock, records),
    reviews: reviewsService(db, clock, records, reminders),
    oversight: oversightService(db, clock),
    quality: qualityService(db, clock, records),
    planQualityFigures: planQualityFiguresService(db, clock),
    surgery: surgeryService(db, clock),
    caseFileAudits: caseFileAuditsService(db, clock),
    contacts: contactsService(db, clock, records),
    recordCommands: recordCommands(db, clock, records),
    ssda903Import: ssda903Import(db, clock),
    ssda903Export: ssda903Export(db, clock),
    apiTokens: apiTokensService(db, clock, attempts, { callsPerMinute: options.apiCallsPerMinute ?? 120 }),
    subjectAccess: subjectAccessService(db, clock, records),
    companion: companionService(db, clock, records, reminders),
    profiles: profilesService(db, clock, records),
    reminders,
    jobs: reminderJobs(queue, reminders),
    languages: languagesService(db),
  };
}
export type Services = ReturnType<typeof buildServices>;
