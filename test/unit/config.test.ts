import { availableParallelism } from 'node:os';
// Configuration: links people are sent are built from PUBLIC_URL, which production must set
// (issue 7, item 11: a link built from the Host header can point anywhere).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('PUBLIC_URL', () => {
  it.each([
    ['defaults to localhost on the port', { PORT: '4000' }, 'http://localhost:4000'],
    ['drops a trailing slash', { PUBLIC_URL: 'https://pathway.leeds.gov.uk/' }, 'https://pathway.leeds.gov.uk'],
    ['keeps a path', { PUBLIC_URL: 'https://council.gov.uk/pathway/' }, 'https://council.gov.uk/pathway'],
    [
      'set in production',
      { NODE_ENV: 'production', PATHWAY_DEMO: 'false', PUBLIC_URL: 'https://pathway.leeds.gov.uk' },
      'https://pathway.leeds.gov.uk',
    ],
  ])('%s', (_name, env, expected) => {
    expect(loadConfig(env).publicUrl).toBe(expected);
  });

  it.each([
    [
      'missing in production',
      { NODE_ENV: 'production', PATHWAY_DEMO: 'false' },
      /PUBLIC_URL must be set in production/,
    ],
    ['not an address', { PUBLIC_URL: 'pathway.leeds.gov.uk' }, /PUBLIC_URL must be a full address/],
    ['not http', { PUBLIC_URL: 'javascript:alert(1)' }, /http or https/],
    ['with a query', { PUBLIC_URL: 'https://evil.example/?x=' }, /without a query/],
  ])('refused: %s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('PATHWAY_WORKERS', () => {
  it.each([
    ['one process by default on the embedded database', {}, 1],
    ['one per core by default on PostgreSQL', { DATABASE_URL: 'postgres://owner@db/pathway' }, availableParallelism()],
    ['several on PostgreSQL', { PATHWAY_WORKERS: '2', DATABASE_URL: 'postgres://owner@db/pathway' }, 2],
  ])('%s', (_name, env, expected) => {
    expect(loadConfig(env).workers).toBe(expected);
  });

  it.each([
    ['several on the embedded database', { PATHWAY_WORKERS: '2' }, /needs PostgreSQL \(DATABASE_URL\)/],
    ['none', { PATHWAY_WORKERS: '0', DATABASE_URL: 'postgres://owner@db/pathway' }, /1 or more/],
    ['not a number', { PATHWAY_WORKERS: 'many' }, /whole number/],
  ])('refused: %s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
