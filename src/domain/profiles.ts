// Workers' one-page profiles and "Who has looked at my record" (issue 12 §4). Pure: no I/O.

/** How long each part of a profile may be (migration 028 checks the same). */
export const PROFILE_LIMITS = {
  aboutMe: 1000,
  howIWork: 1000,
  whenAround: 500,
  howToReach: 500,
  languages: 300,
} as const;
export type ProfileField = keyof typeof PROFILE_LIMITS;
export const PROFILE_FIELDS = Object.keys(PROFILE_LIMITS) as ProfileField[];

/** The largest photo taken from a phone (bytes as sent); what is kept is re-encoded and far smaller. */
export const PHOTO_UPLOAD_LIMIT = 8 * 1024 * 1024;
/** The photo as kept: at most this many pixels a side, and at most this many bytes (migration 028). */
export const PHOTO_SIDE = 480;
export const PHOTO_KEPT_LIMIT = 512 * 1024;

export type PhotoType = 'image/jpeg' | 'image/png';

/**
 * What a file is by its first bytes, never by its name or the type the browser claims: JPEG starts FF D8 FF,
 * PNG with its 8-byte signature (ISO/IEC 10918-1 Annex B; ISO/IEC 15948 §5.2). Anything else is refused.
 */
export function photoTypeOf(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

/** One allowed action of a member of staff on the record, from the audit trail. */
export type StaffLook = {
  /** The audit row's id. */
  id: number;
  actorId: string;
  name: string;
  role: string;
  teamName: string | null;
  /** The UK day it happened on (YYYY-MM-DD). */
  on: string;
};

export type LookShown = { on: string; role: string; teamName: string | null; name: string | null; key: string };

/**
 * The looks a young person is shown: one line a person a day however many pages they opened, newest
 * first (the rows come newest first), with the name only when the council's policy shows names. The key
 * (the newest audit row's id) names the line for "Ask why" without naming the person.
 */
export function looksShown(rows: readonly StaffLook[], showNames: boolean): LookShown[] {
  const seen = new Set<string>();
  const shown: LookShown[] = [];
  for (const r of rows) {
    const day = `${r.on}/${r.actorId}`;
    if (seen.has(day)) continue;
    seen.add(day);
    shown.push({ on: r.on, role: r.role, teamName: r.teamName, name: showNames ? r.name : null, key: String(r.id) });
  }
  return shown;
}
