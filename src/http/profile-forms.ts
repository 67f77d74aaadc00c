// The forms of issue 12 §4: a worker's profile (staff page, English), the young person's "Ask why"
// (messages are translation keys in the profiles namespace) and the council's record-view policy.
import { z } from 'zod';
import { PROFILE_LIMITS, type ProfileField } from '../domain/profiles.ts';
import { MESSAGE_LIMIT } from '../domain/companion.ts';

const LABELS: Record<ProfileField, string> = {
  aboutMe: 'About me',
  howIWork: 'How I work',
  whenAround: "When I'm around",
  howToReach: 'How to reach me',
  languages: 'Languages I speak',
};

const words = (field: ProfileField) =>
  z
    .string()
    .optional()
    .default('')
    // Line endings as the browser sends them (CRLF) count once, as the database counts them.
    .transform((v) => v.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(
          PROFILE_LIMITS[field],
          `${LABELS[field]} must be ${PROFILE_LIMITS[field].toLocaleString('en-GB')} characters or fewer`,
        ),
    );

export const profileSchema = z.object({
  aboutMe: words('aboutMe'),
  howIWork: words('howIWork'),
  whenAround: words('whenAround'),
  howToReach: words('howToReach'),
  languages: words('languages'),
  removePhoto: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});

export const askWhySchema = z.object({
  body: z
    .string({ message: 'profiles:errors.body' })
    .transform((v) => v.trim())
    .pipe(z.string().min(1, 'profiles:errors.body').max(MESSAGE_LIMIT, 'profiles:errors.bodyLong')),
});

export const viewPolicySchema = z.object({
  showNames: z.enum(['yes', 'no'], { message: 'Choose whether young people see names' }),
});
