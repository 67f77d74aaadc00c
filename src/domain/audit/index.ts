// Dip sampling and case-file audits (issue 10 §4): the sample, the checklist with its evidence, and the
// checks of an auditor's submission. Pure.
export {
  checkDraw,
  drawSample,
  isSeed,
  MAX_SAMPLE_SIZE,
  MAX_SEED,
  samplePopulation,
  type DrawInput,
  type SampleCandidate,
  type SampleFilters,
  type ValidDraw,
} from './sample.ts';
export {
  AUDIT_ANSWER_NAMES,
  AUDIT_ANSWERS,
  AUDIT_CHECKLIST,
  AUDIT_ITEM_IDS,
  checklistEvidence,
  type AuditAnswer,
  type AuditItem,
  type AuditItemId,
  type CaseFile,
  type Evidence,
} from './checklist.ts';
export {
  answerField,
  checkAudit,
  countAnswers,
  followUpField,
  MAX_FOLLOW_UPS,
  noteField,
  type AuditInput,
  type FollowUpInput,
  type ValidAudit,
} from './submission.ts';
