// Errors are factories with stable ids; the HTTP layer turns them into pages or JSON problems.
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const errors = {
  forbidden: (message = 'You do not have permission to see this page') => new AppError('forbidden', 403, message),
  notFound: (message = 'Page not found') => new AppError('not-found', 404, message),
  conflict: (message: string) => new AppError('conflict', 409, message),
  tooManyAttempts: (message: string) => new AppError('too-many-attempts', 429, message),
  unauthenticated: () => new AppError('unauthenticated', 401, 'Sign in to continue'),
  csrf: () => new AppError('csrf', 403, 'This form has expired. Go back, refresh the page and try again'),
};
