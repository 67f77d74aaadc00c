import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { administrationService } from './administration.ts';
import { auditService } from './audit.ts';
import { authenticationService } from './authentication.ts';
import { invitationsService } from './invitations.ts';
import { recordsService } from './records.ts';
import { statutoryCommands } from './statutory-commands.ts';
import { reviewsService } from './reviews.ts';

export type ServiceOptions = { sessionIdleMinutes: number };

/** Composition root for use cases: everything a route may call. */
export function buildServices(db: Database, clock: Clock, options: ServiceOptions) {
  const records = recordsService(db, clock);
  return {
    db,
    clock,
    auth: authenticationService(db, clock, options.sessionIdleMinutes),
    records,
    invitations: invitationsService(db, clock, records),
    admin: administrationService(db, clock),
    audit: auditService(db),
    statutory: statutoryCommands(db, clock, records),
    reviews: reviewsService(db, clock, records),
  };
}
export type Services = ReturnType<typeof buildServices>;
