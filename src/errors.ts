// Errors are factories with stable ids; the HTTP layer turns them into pages or JSON problems.
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    /** A refusal whose audit row was already written, in the transaction that refused it. */
    readonly audited = false,
  ) {
    super(message);
  }
}

export const errors = {
  forbidden: (message = 'You do not have permission to see this page') => new AppError('forbidden', 403, message),
  /** A refusal a service has already written to the audit trail. */
  forbiddenAudited: (message: string) => new AppError('forbidden', 403, message, undefined, true),
  notFound: (message = 'Page not found') => new AppError('not-found', 404, message),
  /** Something the asker may not know exists: refused as not found, the refusal already audited. */
  notFoundAudited: (message = 'Page not found') => new AppError('not-found', 404, message, undefined, true),
  /** A request the server cannot act on as it stands: `fields` says what is wrong with which field. */
  badRequest: (message: string, fields?: Record<string, string>) =>
    new AppError('bad-request', 400, message, fields ? { fields } : undefined),
  conflict: (message: string) => new AppError('conflict', 409, message),
  /** A write to a closed case's record (issue 11 §3); the app writes the refusal to the audit trail. */
  caseClosed: (action: string, youngPersonId: string) =>
    new AppError(
      'case-closed',
      409,
      'This case is closed. Nothing was changed. A manager can reopen the case if it needs more work',
      { action, youngPersonId },
    ),
  /** An API call whose idempotency key was already used with a different request (issue 11 §5). */
  keyReused: () =>
    new AppError(
      'idempotency-key-reused',
      422,
      'This Idempotency-Key was already used with a different request. Use a new key for a new request',
    ),
  /** An API call without a valid token: none, unknown, revoked or expired. */
  apiUnauthorized: (message: string) => new AppError('invalid-token', 401, message),
  tooManyAttempts: (message: string) => new AppError('too-many-attempts', 429, message),
  unauthenticated: () => new AppError('unauthenticated', 401, 'Sign in to continue'),
  csrf: () => new AppError('csrf', 403, 'This form has expired. Go back, refresh the page and try again'),
};
