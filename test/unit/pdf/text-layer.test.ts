// The plan PDF's text layer, read back with poppler's pdftotext: what a screen reader, a search or
// a copy and paste gets must be exactly the words that were put in, for every field of the plan.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePlanPdf, renderPlanPdf, type PlanPrintModel } from '../../../src/http/pdf/plan-pdf.ts';

const hasPoppler = !spawnSync('pdftotext', ['-v']).error;
const dir = mkdtempSync(path.join(tmpdir(), 'pathway-text-layer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** pdftotext -raw: the text in the order it was drawn, so each field's words come out together. */
export function textOf(pdf: Buffer, mode: '-raw' | '-layout' = '-raw'): string {
  const file = path.join(dir, `plan-${++count}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [mode, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
const flat = (text: string) => text.replace(/\s+/g, ' ');

// Every capital letter (the lost "O" was one of them), with and without accents.
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ÀÁÂÄÇÈÉÊÌÍÑÒÓÔÖØÙÚÜÝ Łódź Ōtaki';

/** A plan whose every field holds its own name and the letters, so each can be found on its own. */
function everyField(): { plan: PlanPrintModel; fields: string[] } {
  const fields: string[] = [];
  const f = (name: string, short = false) => {
    const text = short ? `${name} Oscar O.` : `${name}: Oscar Okafor, October, ${LETTERS}`;
    fields.push(text);
    return text;
  };
  const plan: PlanPrintModel = {
    councilName: f('Council'),
    youngPerson: { name: f('Name', true), preferredName: f('Known', true), dateOfBirth: '2008-10-05', reference: f('Ref', true) },
    version: 2,
    approvedOn: '2026-10-01',
    status: 'Approved',
    areas: [
      {
        title: f('Area'),
        youngPersonWords: { goingWell: f('Going well'), worries: f('Worries'), wants: f('Wants') },
        youngPersonScale: 6,
        workerScale: 5,
        assessmentOfNeed: f('Assessment'),
        progressSinceLastReview: f('Progress'),
        goal: f('Goal'),
        actions: [{ what: f('What'), who: f('Who'), how: f('How'), byWhen: f('By when'), howItHelps: f('Helps'), status: f('Status') }],
        disagreement: f('Disagree area'),
      },
    ],
    supportNetwork: [{ name: f('Friend', true), role: f('Role', true) }],
    financialArrangements: f('Money'),
    contingency: { triggers: f('Triggers'), actions: [{ what: f('Plan B', true), who: f('Helper', true), byWhen: f('Soon', true) }] },
    wholePlanDisagreement: f('Disagree whole'),
    signatures: [{ who: f('Signer', true), role: f('Signs', true), how: f('Paper', true), on: '2026-10-02' }],
    adviser: { name: f('Adviser'), email: f('Email', true), phone: f('Phone', true), teamName: f('Team') },
    generatedOn: '2026-10-09',
  };
  return { plan, fields };
}

describe.runIf(hasPoppler || Boolean(process.env.CI))('the plan PDF text layer', () => {
  beforeAll(async () => {
    // A plan with "Ó" first: fontkit then caches "O" as a part of "Ó" standing for no letter,
    // which is how every later plan in the process lost its capital O.
    await preparePlanPdf();
  });

  it('gives back every field exactly, capital O and every other letter included, in a later plan in the process', async () => {
    const { plan, fields } = everyField();
    const text = flat(textOf(await renderPlanPdf(plan, 'whole')));
    for (const field of fields) expect(text, field).toContain(flat(field));
    for (const date of ['5 October 2008', '1 October 2026', '2 October 2026', '9 October 2026']) expect(text).toContain(date);
  });
});
