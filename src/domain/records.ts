// Rules for the details and care history staff type in (issue 11 §1): the shapes the DfE SSDA903 return
// accepts. Pure: the words of each problem are what the person sees next to the field.

/** The check letters of a UPN, indexed by the remainder (DfE "Unique pupil numbers" guidance, annex). */
const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Whether a Unique Pupil Number is well formed (DfE "Unique pupil numbers (UPNs)" guidance): 13 characters,
 * a check letter then 12 digits, or 11 digits and a letter for a temporary UPN. The check letter is the
 * sum of characters 2 to 13 each times its position (2 to 13), remainder after dividing by 23, as a letter
 * of `UPN_CHECK_LETTERS`; a temporary UPN's last letter counts as its place in that list.
 */
export function upnProblem(upn: string): string | null {
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return 'UPN must be 13 characters: a letter, then 12 numbers';
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const ch = upn[i];
    const value = /\d/.test(ch) ? Number(ch) : UPN_CHECK_LETTERS.indexOf(ch);
    if (value < 0) return 'UPN must be 13 characters: a letter, then 12 numbers';
    sum += value * (i + 1);
  }
  if (UPN_CHECK_LETTERS[sum % 23] !== upn[0]) return 'Enter a real UPN: the first letter does not match the numbers';
  return null;
}

/** A UK postcode, as Royal Mail writes it (outward code, space, inward code), in capitals. */
export function normalisePostcode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;

/** Whether a postcode (already normalised) has the shape of a UK postcode. */
export function postcodeProblem(postcode: string, label: string): string | null {
  return POSTCODE.test(postcode) ? null : `${label} must be a real UK postcode, like SW1A 1AA`;
}

/**
 * Whether an Ofsted unique reference number is well formed: "SC" and 6 digits for a children's home or
 * other social care setting, or 6 or 7 digits (SSDA903 guidance, URN of the placement).
 */
export function urnProblem(urn: string): string | null {
  return /^(SC\d{6}|\d{6,7})$/.test(urn) ? null : 'URN must be SC and 6 numbers, or 6 or 7 numbers';
}

/**
 * Placements that are temporary moves (SSDA903 PLACE T0–T4): the return does not ask why a placement
 * changed for them.
 */
export const TEMPORARY_PLACEMENTS: readonly string[] = ['T0', 'T1', 'T2', 'T3', 'T4'];

/**
 * The reasons for a new episode that mean the placement changed (SSDA903 RNE P, T, U, B). A reason for the
 * placement change (REASON_PLACE_CHANGE) belongs only to those, and never to a temporary placement.
 */
export const PLACEMENT_CHANGES: readonly string[] = ['P', 'T', 'U', 'B'];

/** Whether a reason for a change of placement fits the episode (SSDA903 REASON_PLACE_CHANGE). */
export function reasonPlaceChangeProblem(input: {
  reasonNewEpisode: string;
  placementType: string;
  reasonPlaceChange: string | null;
}): string | null {
  const changed = PLACEMENT_CHANGES.includes(input.reasonNewEpisode);
  const temporary = TEMPORARY_PLACEMENTS.includes(input.placementType);
  if (input.reasonPlaceChange && (!changed || temporary))
    return 'Only give a reason for a change of placement when the placement changed and is not temporary';
  if (!input.reasonPlaceChange && changed && !temporary) return 'Select why the placement changed';
  return null;
}

/**
 * Whether a period of care may start then for that reason (SSDA903 episodes): a new episode for a change
 * of legal status or placement (RNE other than S) carries on from the last one, so it starts the day that
 * one ended; "started to be looked after" (S) starts a new period.
 */
export function episodeStartProblem(
  reasonNewEpisode: string,
  startDate: string,
  lastEnd: string | null,
): string | null {
  if (reasonNewEpisode !== 'S' && lastEnd !== startDate)
    return lastEnd
      ? 'A change of legal status or placement starts the day the last period of care ended'
      : 'Their first period of care must start with “Started to be looked after”';
  return null;
}
