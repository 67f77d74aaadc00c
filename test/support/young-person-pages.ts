// The pages a signed-in young person reads (issue 12 §5), for the tests that open each one in every
// language. A thread of their messages, a worker's page, a question about who looked and a page that
// does not exist are added by each test.
export const YOUNG_PERSON_PAGES = [
  '/',
  '/check-in',
  '/check-ins',
  '/not-safe',
  '/messages',
  '/messages/new',
  '/my-record',
  '/account',
  '/account/contact',
  '/my-record/looks',
  '/help/privacy',
  '/my-plan',
  '/my-plan/ask-for-a-review',
];
