// `pathway timeline` through streams (reference §7): JSON lines in, JSON lines out.
import { describe, it, expect } from 'vitest';
import { PassThrough, Readable, Writable } from 'node:stream';
import { runTimeline } from '../../../src/cli/timeline.ts';

async function run(text: string, today = '2026-04-20'): Promise<{ status: number; lines: unknown[]; raw: string }> {
  const chunks: string[] = [];
  const output = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const status = await runTimeline(Readable.from([text]), output, today);
  const raw = chunks.join('');
  return {
    status,
    raw,
    lines: raw
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l)),
  };
}

const eligible =
  '{"dateOfBirth":"2010-03-15","asOf":"2026-04-20","episodes":[{"start":"2023-01-10","end":null,"legalStatus":"C2"}],"lastReviewOn":"2026-04-01","hasPathwayPlan":true}';
const relevant =
  '{"dateOfBirth":"2008-11-05","asOf":"2026-03-01","episodes":[{"start":"2024-01-01","end":"2026-02-01"}],"hasPathwayPlan":false}';
const impossible = '{"dateOfBirth":"2010-02-30","asOf":"2026-04-20","episodes":[]}';
const backwards =
  '{"dateOfBirth":"2010-01-01","asOf":"2026-04-20","episodes":[{"start":"2025-03-01","end":"2025-02-01"}]}';

describe('runTimeline — §7 JSON lines contract', () => {
  it('answers each line in order and exits 0 when all lines are good', async () => {
    const { status, lines, raw } = await run(`${eligible}\n${relevant}\n`);
    expect(status).toBe(0);
    expect(lines).toEqual([
      expect.objectContaining({ category: 'eligible', needsAssessmentDue: '2026-06-15', nextReviewDue: '2026-10-01' }),
      expect.objectContaining({ category: 'relevant', relevantFrom: '2026-02-01', needsAssessmentDue: '2026-05-01' }),
    ]);
    expect(raw.endsWith('\n')).toBe(true);
    expect(raw.split('\n')).toHaveLength(3); // one line per answer, newline-terminated
  });

  it('bad lines get {"error": ...}, the others are still answered, and the exit status is 1', async () => {
    const { status, lines } = await run([impossible, eligible, 'not json', backwards, relevant].join('\n'));
    expect(status).toBe(1);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ error: expect.stringContaining('dateOfBirth') });
    expect(lines[1]).toMatchObject({ category: 'eligible' });
    expect(lines[2]).toEqual({ error: expect.any(String) });
    expect(lines[3]).toEqual({ error: expect.stringContaining('before') });
    expect(lines[4]).toMatchObject({ category: 'relevant' });
  });

  it('skips blank lines and accepts Windows line endings and a missing final newline', async () => {
    const { status, lines } = await run(`\r\n${eligible}\r\n\r\n   \n${relevant}`);
    expect(status).toBe(0);
    expect(lines.map((l) => (l as { category: string }).category)).toEqual(['eligible', 'relevant']);
  });

  it('empty input: no output, exit 0', async () => {
    expect(await run('')).toEqual({ status: 0, lines: [], raw: '' });
  });

  it('"asOf": "today" uses the date passed to runTimeline', async () => {
    const line = '{"dateOfBirth":"2010-01-10","asOf":"today","episodes":[{"start":"2026-01-10","end":null}]}';
    expect((await run(line, '2026-04-10')).lines[0]).toMatchObject({
      category: 'looked-after-not-yet-eligible',
      eligibleFrom: '2026-04-11',
    });
    expect((await run(line, '2026-04-11')).lines[0]).toMatchObject({ category: 'eligible' });
  });

  it('reads lines split across chunks and respects a slow writer', async () => {
    const input = new PassThrough();
    const received: string[] = [];
    const output = new Writable({
      highWaterMark: 1,
      write(chunk, _encoding, done) {
        received.push(String(chunk));
        setImmediate(done);
      },
    });
    const finished = runTimeline(input, output, '2026-04-20');
    const text = Array.from({ length: 200 }, () => eligible).join('\n');
    for (let i = 0; i < text.length; i += 97) input.write(text.slice(i, i + 97));
    input.end();
    expect(await finished).toBe(0);
    expect(received).toHaveLength(200);
    expect(new Set(received).size).toBe(1);
  });
});
