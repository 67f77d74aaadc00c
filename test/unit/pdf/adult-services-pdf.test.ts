// Issue 12 §6 in the plan PDF: communication needs and the move to adult services are printed in the whole
// plan (not the planning section), and a plan without them prints no such section. Read back with pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPrintablePlan } from '../../../bench/pdf.ts';
import { renderPlanPdf } from '../../../src/http/pdf/plan-pdf.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pathway-adult-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const textOf = (pdf: Buffer, name: string) => {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('communication and moving to adult services in the PDF', () => {
  const adultServices = {
    communicationNeeds: 'Easy read, and more time to answer',
    careActAssessmentOn: '2027-06-14',
    adultSocialCareWorker: 'Robin Lee, Adult Transitions Team',
  };
  it('prints in the whole plan, not in the planning section', async () => {
    const plan = { ...buildPrintablePlan({ areas: 1 }), adultServices };
    const whole = textOf(await renderPlanPdf(plan, 'whole'), 'whole');
    for (const w of [
      'Communication and moving to adult services',
      'Easy read, and more time to answer',
      'Care Act assessment',
      '14 June 2027',
      'Robin Lee',
    ])
      expect(whole).toContain(w);
    expect(textOf(await renderPlanPdf(plan, 'planning'), 'planning')).not.toContain('adult services');
  });
  it('prints nothing of it when nothing is written', async () => {
    const plan = { ...buildPrintablePlan({ areas: 1 }), adultServices: null };
    expect(textOf(await renderPlanPdf(plan, 'whole'), 'none')).not.toContain('adult services');
  });
});
