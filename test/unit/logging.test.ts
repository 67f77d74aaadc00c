// What is cut out of logged addresses and errors (issue 7, item 11). The formats are the ones
// drizzle and PostgreSQL produce; test/http/logging.test.ts reads the real log of a real failure.
import { describe, expect, it } from 'vitest';
import { redactText, redactUrl, serializeError } from '../../src/http/logging.ts';

describe('redactUrl: query values and secrets in paths become [redacted]', () => {
  it.each([
    ['no query', '/young-people', '/young-people'],
    ['a search', '/young-people?q=Smith', '/young-people?q=[redacted]'],
    ['every value, names kept', '/team?team=1b2c&category=relevant', '/team?team=[redacted]&category=[redacted]'],
    ['a bare value', '/young-people?Smith', '/young-people?[redacted]'],
    ['an empty query', '/young-people?', '/young-people?'],
    ['a sign-in destination', '/sign-in?next=%2Fyoung-people%3Fq%3DSmith', '/sign-in?next=[redacted]'],
    ['an invitation link', '/invite/Abc_def-123456789012345678901', '/invite/[redacted]'],
    ['an invitation link with a query', '/invite/Abc_def-1234567890?x=1', '/invite/[redacted]?x=[redacted]'],
    ['accepting an invitation names no secret', '/invite/accept', '/invite/accept'],
    ['a set-password link', '/set-password/Abc_def-123456789012345678901', '/set-password/[redacted]'],
    ['the code page', '/invite', '/invite'],
  ])('%s', (_name, url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

describe('redactText: database values in messages and stacks', () => {
  it.each([
    [
      'drizzle: a failed query with its parameters',
      'Failed query: insert into "staff" ("email") values ($1)\nparams: x@example.org,Marigold Smith',
      'Failed query: insert into "staff" ("email") values ($1)\nparams: [redacted]',
    ],
    [
      'drizzle in a stack: parameters up to the first frame, even over lines',
      'Error: Failed query: select 1\nparams: Smith,line one\nline two\n    at f (file.js:1:1)',
      'Error: Failed query: select 1\nparams: [redacted]\n    at f (file.js:1:1)',
    ],
    [
      'PostgreSQL detail of a unique clash',
      'Key (lower(email::text))=(x@example.org) already exists.',
      'Key (lower(email::text))=([redacted]) already exists.',
    ],
    [
      'PostgreSQL detail of a missing reference',
      'Key (team_id)=(6f1c) is not present in table "teams".',
      'Key (team_id)=([redacted]) is not present in table "teams".',
    ],
    ['a value in a type error', 'syntax for type uuid: "Smith"', 'syntax for type uuid: [redacted]'],
    [
      'a constraint name stays',
      'duplicate key value violates unique constraint "staff_email_key"',
      'duplicate key value violates unique constraint "staff_email_key"',
    ],
  ])('%s', (_name, text, logged) => {
    expect(redactText(text)).toBe(logged);
  });
});

describe('serializeError', () => {
  it('keeps the type, safe fields and causes; drops params, detail, hint and where', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "staff_email_key"'), {
      code: '23505',
      constraint: 'staff_email_key',
      table: 'staff',
      detail: 'Key (email)=(x@example.org) already exists.',
      hint: 'x@example.org',
      where: 'x@example.org',
      parameters: ['x@example.org'],
    });
    const query = 'insert into "staff" values ($1)';
    const error = Object.assign(new Error(`Failed query: ${query}\nparams: x@example.org`, { cause }), {
      query,
      params: ['x@example.org'],
    });
    const logged = serializeError(error);
    const safeCause = { code: '23505', constraint: 'staff_email_key', table: 'staff' };
    expect(logged).toMatchObject({ type: 'Error', query, cause: safeCause });
    expect(JSON.stringify(logged)).not.toContain('x@example.org');
  });

  it('something thrown that is not an error is logged as text', () => {
    expect(serializeError('params: 1')).toEqual({ type: 'string', message: 'params: 1', stack: '' });
  });
});
