// Finds personal health details in a public comment: a date of birth, a phone
// number, a medication taken with its dose, a diagnosis told in the first
// person. A comment with any of them is held, and its author is advised (in a
// private email) to book a consultation instead. The detector leans towards
// holding: a moderator releases a false alarm in one click, while a published
// date of birth cannot be taken back. It must still leave ordinary comments
// alone: "I had 3 sessions in 2024", "it cost $250", "1.5 mm on the cheeks".

export type HealthDetailKind = 'date_of_birth' | 'phone_number' | 'medication_dose' | 'diagnosis';

/**
 * Medications people commonly mention around micro-needling (from the clinic's
 * screening sources): retinoids, hair-loss and pigment treatments, numbing
 * creams, blood thinners and cold-sore antivirals.
 */
export const MEDICATION_NAMES = [
  'isotretinoin',
  'accutane',
  'absorica',
  'claravis',
  'roaccutane',
  'tretinoin',
  'retin-a',
  'adapalene',
  'minoxidil',
  'rogaine',
  'finasteride',
  'tranexamic acid',
  'txa',
  'hydroquinone',
  'lidocaine',
  'tetracaine',
  'valacyclovir',
  'valtrex',
  'acyclovir',
  'warfarin',
  'apixaban',
  'eliquis',
  'rivaroxaban',
  'xarelto',
  'clopidogrel',
  'aspirin',
  'doxycycline',
  'spironolactone',
  'prednisone',
  'methotrexate',
] as const;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
const MONTH_NUMBER = '(?:0?[1-9]|1[0-2])';
const YEAR = '(?:19|20)\\d{2}';

/** A whole date: 12/03/1985, 1985-03-12, 12.3.85, 12 March 1985, March 12th, 1985. */
const FULL_DATE = new RegExp(
  [
    `\\b${DAY}[/.-]${MONTH_NUMBER}[/.-](?:${YEAR}|\\d{2})\\b`,
    `\\b${MONTH_NUMBER}[/.-]${DAY}[/.-](?:${YEAR}|\\d{2})\\b`,
    `\\b${YEAR}[/.-]${MONTH_NUMBER}[/.-]${DAY}\\b`,
    `\\b${DAY}\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+${YEAR}\\b`,
    `\\b(?:${MONTHS})\\.?\\s+${DAY},?\\s+${YEAR}\\b`,
  ].join('|'),
  'gi',
);

/** "DOB", "date of birth", "born on": a date after these is a birth date, whatever its year. */
const BIRTH_WORDS =
  /\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)\s*(?:is|was|:|=|-)?\s*$/i;

/** A full date counts on its own when it is this many years or more in the past: nobody had a session at 12. */
const BIRTH_AGE_YEARS = 12;

function datesOfBirth(text: string, referenceYear: number): boolean {
  for (const match of text.matchAll(FULL_DATE)) {
    const before = text.slice(Math.max(0, match.index - 24), match.index);
    if (BIRTH_WORDS.test(before)) return true;
    const year = /(?:19|20)\d{2}/.exec(match[0])?.[0];
    if (year !== undefined && Number(year) <= referenceYear - BIRTH_AGE_YEARS) return true;
  }
  // "DOB 1985", "born in 1985": the year alone, right after the words.
  return /\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born\s+(?:on|in))\s*[:=-]?\s*(?:19|20)\d{2}\b/i.test(text);
}

/** Runs of digits with phone-like separators; money, dates and measurements are ruled out after. */
const PHONE_CANDIDATE = /(?<![\w$€£.,/])\+?\(?\d[\d\s().-]{5,}\d(?![\w%/])/g;

function phoneNumbers(text: string): boolean {
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/g, '');
    // Years and year ranges (2019-2024), decimals and dates are not phone numbers.
    if (/^\d{1,2}[.-]\d{1,2}[.-]\d{2,4}$/.test(candidate) || /^(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}$/.test(candidate)) {
      continue;
    }
    if (/^\d+\.\d+$/.test(candidate)) continue;
    if (digits.length >= 10 && digits.length <= 15) return true;
    // A local number: 555-0142, 555 0142, 555.0142.
    if (digits.length === 7 && /^\d{3}[\s.-]\d{4}$/.test(candidate)) return true;
  }
  return false;
}

const escapeName = (name: string) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&').replace(/ /g, '\\s+');
const MEDICATION = MEDICATION_NAMES.map(escapeName).join('|');
const DOSE = '\\d+(?:[.,]\\d+)?\\s?(?:mg|mcg|µg|ug|ml|iu|units?)\\b';

const MEDICATION_PATTERNS = [
  // "isotretinoin 20mg", "Accutane 40 mg", "minoxidil 5%", "isotretinoin at 20 mg a day"
  new RegExp(`\\b(?:${MEDICATION})\\b[\\s:,-]*(?:at\\s+|of\\s+)?(?:\\d+(?:[.,]\\d+)?\\s?%|${DOSE})`, 'i'),
  // "20 mg of isotretinoin", "40mg Accutane"
  new RegExp(`\\b${DOSE}\\s+(?:of\\s+)?(?:${MEDICATION})\\b`, 'i'),
  // Any medicine-like word followed by a dose: "Zoloft 50mg", "metformin 500 mg".
  /\b[a-z][a-z-]{2,}\s+\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ml|iu)\b/i,
  // Taking it, in the first person: "I'm on Accutane", "I am taking warfarin", "my isotretinoin".
  new RegExp(
    `\\b(?:i['’]?m\\s+(?:on|taking)|i\\s+am\\s+(?:on|taking)|i['’]?ve\\s+been\\s+(?:on|taking)|i\\s+have\\s+been\\s+(?:on|taking)|i\\s+was\\s+(?:on|taking|prescribed)|i\\s+(?:still\\s+)?take|my)\\s+(?:daily\\s+|a\\s+course\\s+of\\s+)?(?:${MEDICATION})\\b`,
    'i',
  ),
];

function medicationDoses(text: string): boolean {
  return MEDICATION_PATTERNS.some((pattern) => pattern.test(text));
}

const DIAGNOSIS = [
  /\bmy\s+(?:\w+\s+)?diagnosis\b/i,
  /\bi\s+(?:was|were|got|have\s+been|['’]ve\s+been|am|['’]m)\s+(?:just\s+|recently\s+|finally\s+)?diagnosed\b/i,
  /\bi['’]ve\s+been\s+diagnosed\b/i,
  /\bmy\s+(?:doctor|dermatologist|gp|physician|derm)\s+(?:said|says|told\s+me|thinks)\s+(?:that\s+)?i\s+(?:have|had|might\s+have|may\s+have)\b/i,
];

function diagnoses(text: string): boolean {
  return DIAGNOSIS.some((pattern) => pattern.test(text));
}

/**
 * The kinds of personal health details found in `text`, in a fixed order.
 * `referenceYear` (the current year) tells a birth date from a recent date.
 */
export function findPersonalHealthDetails(text: string, referenceYear: number): HealthDetailKind[] {
  const found: HealthDetailKind[] = [];
  if (datesOfBirth(text, referenceYear)) found.push('date_of_birth');
  if (phoneNumbers(text)) found.push('phone_number');
  if (medicationDoses(text)) found.push('medication_dose');
  if (diagnoses(text)) found.push('diagnosis');
  return found;
}
