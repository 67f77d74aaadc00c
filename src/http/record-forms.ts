// The schemas that check a young person's details, a period of care and an allocation as typed on a form
// (issue 11 §1). Codes are checked against the DfE lists in domain/codes.ts; their shapes against
// domain/records.ts. Dates come through forms.ts dateField, which has the GOV.UK date messages.
import { z } from 'zod';
import {
  CATEGORY_OF_NEED_NAMES,
  ETHNICITY_NAMES,
  LEGAL_STATUS_NAMES,
  PLACEMENT_NAMES,
  PLACEMENT_PROVIDER_NAMES,
  REASON_NEW_EPISODE_NAMES,
  REASON_PLACE_CHANGE_NAMES,
  SEX_NAMES,
} from '../domain/codes.ts';
import { normalisePostcode, postcodeProblem, upnProblem, urnProblem } from '../domain/records.ts';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .transform((v) => v || null);

/** One of a DfE code list's codes. */
const code = (names: Readonly<Record<string, string>>, message: string) =>
  z
    .string()
    .trim()
    .refine((v) => Object.hasOwn(names, v), message);
/** One of a DfE code list's codes, or nothing. */
const optionalCode = (names: Readonly<Record<string, string>>, message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || Object.hasOwn(names, v), message)
    .transform((v) => v || null);

/** Text that, when given, must pass a domain check; normalised first. */
const checked = (normalise: (v: string) => string, problem: (v: string) => string | null) =>
  z
    .string()
    .transform((v) => normalise(v.trim()))
    .superRefine((v, ctx) => {
      const found = v ? problem(v) : null;
      if (found) ctx.addIssue({ code: 'custom', message: found });
    })
    .transform((v) => v || null);

const yesNo = (message: string) => z.enum(['yes', 'no'], { message }).transform((v) => v === 'yes');

export const detailsSchema = z.object({
  givenName: z.string().trim().min(1, 'Enter their given name').max(100, 'Given name must be 100 characters or fewer'),
  familyName: z
    .string()
    .trim()
    .min(1, 'Enter their family name')
    .max(100, 'Family name must be 100 characters or fewer'),
  preferredName: optionalText(100, 'Preferred name'),
  sex: z.enum(Object.keys(SEX_NAMES) as [string, ...string[]], { message: 'Select their sex' }),
  ethnicity: optionalCode(ETHNICITY_NAMES, 'Select their ethnicity'),
  upn: checked((v) => v.replace(/\s+/g, '').toUpperCase(), upnProblem),
  unaccompaniedAsylumSeeking: yesNo('Select whether they are an unaccompanied asylum-seeking child'),
  firstLanguage: optionalText(100, 'First language'),
  interpreterNeeded: yesNo('Select whether they need an interpreter'),
  communicationNeeds: optionalText(2000, 'Communication needs'),
});

export const newYoungPersonSchema = detailsSchema.extend({
  reference: z
    .string()
    .trim()
    .max(40, 'Reference must be 40 characters or fewer')
    .regex(/^[A-Za-z0-9/-]*$/, 'Reference can only include letters, numbers, hyphens and slashes'),
  ageAssessed: yesNo('Select whether their date of birth comes from an age assessment'),
  teamId: z.string().uuid({ message: 'Select their team' }),
});

/** A new period of care: every SSDA903 episode field but the dates (forms.ts reads those). */
export const episodeSchema = z.object({
  reasonNewEpisode: code(REASON_NEW_EPISODE_NAMES, 'Select why this period of care started'),
  legalStatus: code(LEGAL_STATUS_NAMES, 'Select the legal status'),
  categoryOfNeed: code(CATEGORY_OF_NEED_NAMES, 'Select the category of need'),
  placementType: code(PLACEMENT_NAMES, 'Select the placement'),
  placementProvider: code(PLACEMENT_PROVIDER_NAMES, 'Select who provides the placement'),
  reasonPlaceChange: optionalCode(REASON_PLACE_CHANGE_NAMES, 'Select why the placement changed'),
  homePostcode: checked(normalisePostcode, (v) => postcodeProblem(v, 'Home postcode')),
  placementPostcode: checked(normalisePostcode, (v) => postcodeProblem(v, 'Placement postcode')),
  urn: checked((v) => v.replace(/\s+/g, '').toUpperCase(), urnProblem),
});
export type EpisodeFields = z.infer<typeof episodeSchema>;

/** The version of the record the form was opened at (a hidden field). */
export const versionSchema = z.coerce.number().int().min(1);
