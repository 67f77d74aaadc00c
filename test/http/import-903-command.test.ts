// `npx pathway import-903 --council SLUG [--dry-run] DIR` (issue 11 §4): a summary and exit 0, or
// the error list and a non-zero exit with nothing written. In-process on both databases, and as a
// real process on the embedded one, as an operator runs it. Made-up children only.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport903 } from '../../src/cli/import-903.ts';
import type { Database } from '../../src/data/db.ts';
import { openDatabase } from '../../src/data/db.ts';
import { teams } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, testClock, testDatabase, testDriver } from '../support/app.ts';
import { csv, HEADER, sampleReturn } from '../support/ssda903.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'pathway-903-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes files into a new folder under the scratch folder; returns its path. */
function folder(files: Record<string, string>) {
  const dir = path.join(scratch, randomBytes(4).toString('hex'));
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const capture = () => {
  let text = '';
  return { write: (s: string) => (text += s), text: () => text };
};

describe('import-903 in process', () => {
  let db: Database;
  let rows: CouncilRows;
  beforeAll(async () => {
    db = await testDatabase();
    rows = await buildCouncil(db, { youngPeople: 5 });
  });
  afterAll(() => db.close());

  const run = async (dir: string, extra: { dryRun?: boolean; team?: string; council?: string } = {}) => {
    const out = capture();
    const err = capture();
    const code = await runImport903(
      db,
      testClock(),
      { council: extra.council ?? rows.council.slug, dir, dryRun: extra.dryRun ?? false, team: extra.team },
      out,
      err,
    );
    return { code, out: out.text(), err: err.text() };
  };

  it('prints what a dry run would do, then imports, then finds nothing to change', async () => {
    const s = sampleReturn(rows, `C${randomBytes(3).toString('hex')}`);
    const dir = folder(s.files);
    const dry = await run(dir, { dryRun: true, team: s.team.name });
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toContain('Dry run: nothing was written.');
    expect(dry.out).toContain('3 would be created');
    const done = await run(dir, { team: s.team.name });
    expect(done.code).toBe(0);
    expect(done.out).toContain('Young people: 3 created, 0 updated, 0 unchanged.');
    expect(done.out).toContain('1 young people have no name yet');
    const again = await run(dir, { team: s.team.name });
    expect(again.out).toContain('Young people: 0 created, 0 updated, 3 unchanged.');
  });

  it('lists every error with file, line and column, and exits 1', async () => {
    const s = sampleReturn(rows, `C${randomBytes(3).toString('hex')}`);
    const dir = folder({
      ...s.files,
      'header.csv': csv(HEADER, `${s.ids.x},9,01/02/2008,WBRI,,,`, `${s.ids.y},F,1/1/08,BAFR,,,`),
    });
    const result = await run(dir, { team: s.team.name });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('nothing was written');
    expect(result.err).toContain('header.csv, line 2, column SEX: ');
    expect(result.err).toContain('header.csv, line 3, column DOB: ');
  });

  it('refuses a council that does not exist, with exit 2', async () => {
    const result = await run(folder({}), { council: `no-such-${randomBytes(3).toString('hex')}` });
    expect(result.code).toBe(2);
    expect(result.err).toContain('There is no council');
  });
});

describe.runIf(testDriver() === 'pglite')('npx pathway import-903, as a process', () => {
  const exec = promisify(execFile);
  const dataDir = path.join(scratch, 'data');
  const pathway = async (args: string[]) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATHWAY_DATA_DIR: dataDir,
      PATHWAY_DEMO: 'false',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    try {
      const { stdout, stderr } = await exec(process.execPath, ['bin/pathway.mjs', ...args], { cwd: ROOT, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('imports a folder into a seeded council, and exits 1 with the errors for a bad one', async () => {
    expect((await pathway(['seed', '--councils', '1', '--young-people', '3', '--plan-history-years', '0'])).code).toBe(
      0,
    );
    const db = await openDatabase({ driver: 'pglite', dataDir });
    const [team] = await db.system((tx) => tx.select({ name: teams.name }).from(teams).limit(1));
    await db.close();
    const header = csv(HEADER, 'P1,M,01/02/2008,WBRI,,,');
    const episodes = csv(
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
      'P1,01/03/2024,S,C2,N1,U4,PR1,,,,,,',
    );
    const good = folder({ 'header.csv': header, 'episodes.csv': episodes });
    const dry = await pathway(['import-903', '--council', 'demo', '--team', team.name, '--dry-run', good]);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('1 would be created');
    const done = await pathway(['import-903', '--council', 'demo', '--team', team.name, good]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Young people: 1 created');

    const bad = folder({ 'header.csv': header.replace('01/02/2008', '2008-02-01') });
    const failed = await pathway(['import-903', '--council', 'demo', '--team', team.name, bad]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('episodes.csv: The file is missing');
    expect(failed.stderr).toContain('header.csv, line 2, column DOB');

    expect((await pathway(['import-903', good])).code).toBe(2);
  }, 120_000);
});
