// Before and after a session: pre-care, the day-by-day aftercare timeline, when to
// call the clinic, expected downtime and the honest expectations every plan carries
// (CLINICAL.md sections 3, 5, 6 and "Claims Puncta must not make"). Aftercare rests
// mostly on clinic sheets (tier CL); where they differ, the longer wait is used.
import type { AftercareStep, SourcedText } from '../contracts/assessment.ts';
import { range, sourced } from './figures.ts';
import type { ClinicPolicy } from './policy.ts';
import type { SourceKey } from './sources.ts';

export interface PreCareDefinition {
  id: string;
  text: (policy: ClinicPolicy) => string;
  /** Days before the first session to start; undefined when the timing is in the text. */
  daysBefore?: (policy: ClinicPolicy) => number;
  monthsBefore?: (policy: ClinicPolicy) => number;
  sources: SourceKey[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const PRE_CARE = {
  retinoids: {
    id: 'stop_retinoids',
    text: (policy) =>
      `Stop retinoids (such as tretinoin or retinol), exfoliating acids (glycolic, salicylic, lactic) and benzoyl ` +
      `peroxide on the areas ${plural(policy.retinoidHoldDays, 'day')} before each session.`,
    daysBefore: (policy) => policy.retinoidHoldDays,
    sources: ['Nuance', 'Dermatique', 'jazminek', 'Kichi', 'BrowsOfJoy'],
  },
  sun: {
    id: 'avoid_sun',
    text: (policy) =>
      `Avoid sunburn and tanning for ${plural(policy.sunAvoidanceDays, 'day')} before each session; ` +
      'use a broad-spectrum sunscreen every day.',
    daysBefore: (policy) => policy.sunAvoidanceDays,
    sources: ['Nuance', 'Elle', 'BrowsOfJoy', 'Esthetik'],
  },
  injectables: {
    id: 'no_injectables',
    text: (policy) =>
      `Leave at least ${plural(policy.toxinWaitDays, 'day')} between a wrinkle-relaxing injection and needling, and ` +
      `${plural(policy.fillerWaitDays, 'day')} after a filler, in the same area.`,
    daysBefore: (policy) => Math.max(policy.toxinWaitDays, policy.fillerWaitDays),
    sources: ['jazminek', 'BrowsOfJoy', 'Sisu', 'Balance'],
  },
  laserOrPeel: {
    id: 'no_laser_or_peel',
    text: (policy) =>
      `No laser, chemical peel or dermabrasion on the areas in the ${plural(policy.laserOrPeelWaitMonths, 'month')} ` +
      'before your first session.',
    monthsBefore: (policy) => policy.laserOrPeelWaitMonths,
    sources: ['jazminek', 'BrowsOfJoy', 'Esthetik'],
  },
  coldSores: {
    id: 'cold_sore_prophylaxis',
    text: () =>
      'Ask your practitioner or doctor whether to take antiviral tablets to prevent a cold sore; clinics start them ' +
      'between a week and a day before treatment.',
    sources: ['Elle', 'Nuance', 'BrowsOfJoy', 'DrMorgan', 'jazminek', 'Dermatique', 'YourBestSelves'],
  },
  bloodThinners: {
    id: 'keep_blood_thinners',
    text: () =>
      'Keep taking your blood thinner unless the doctor who prescribed it says otherwise; never stop it on your own ' +
      'for this treatment.',
    sources: ['Sisu', 'Balance', 'Kichi'],
  },
  numbing: {
    id: 'no_home_numbing',
    text: () =>
      'Do not put strong numbing cream on at home, and never under plastic wrap, unless your practitioner tells you ' +
      'exactly how: used on large areas that way it has caused serious harm.',
    sources: ['FDAanes', 'USPharm'],
  },
} satisfies Record<string, PreCareDefinition>;

export const AFTERCARE: AftercareStep[] = [
  {
    fromDay: 0,
    toDay: 0,
    title: 'Treatment day',
    expect: [
      'Red, warm and tight skin, like a moderate sunburn, and mild tenderness.',
      'Possibly tiny spots of bleeding, a little clear fluid and some swelling.',
    ],
    do: [
      'Put on only the gel or product your practitioner gave you.',
      'Rinse with lukewarm water; touch the skin only with clean hands.',
      'Sleep on a clean pillowcase.',
    ],
    avoid: [
      'Make-up and sunscreen for the first 24 hours: stay out of the sun instead.',
      'Exercise and anything that makes you sweat for 72 hours.',
    ],
    sources: ['SPconsent', 'SPlabel', 'Nuance', 'Wellspring', 'Dermatique', 'DesertSage', 'Wake', 'BrowsOfJoy'],
  },
  {
    fromDay: 1,
    toDay: 1,
    title: 'The next day',
    expect: [
      'Redness fades a lot within hours; the skin often looks back to normal after 24 hours, or stays pink for a ' +
        'day or two.',
    ],
    do: [
      'Wash with a gentle cleanser and use a plain moisturiser.',
      'From 24 hours, broad-spectrum sunscreen SPF 30 or higher (mineral preferred) every day, for at least 4 weeks.',
    ],
    avoid: ['Sun exposure as much as you can for the first 3 days.'],
    sources: ['SPconsent', 'Nuance', 'DesertSage', 'Flawless', 'BrowsOfJoy'],
  },
  {
    fromDay: 2,
    toDay: 3,
    title: 'Days 2 to 3',
    expect: [
      'Dryness, flaking or fine peeling, and tightness.',
      'By day 3 there is rarely any visible sign of the treatment.',
    ],
    do: ['From day 3 you may go back to your usual gentle skin care, as long as nothing in it exfoliates.'],
    avoid: ['Exercise and sweating until 72 hours have passed.'],
    sources: ['SPconsent', 'SkinBySalima', 'BrowsOfJoy', 'Nuance'],
  },
  {
    fromDay: 4,
    toDay: 7,
    title: 'Days 4 to 7',
    expect: [
      'A few small scabs, spots or bruises can appear; they clear by day 7 to 10.',
      'Most after-effects are gone within 7 days.',
    ],
    do: ['Keep up gentle cleansing, moisturiser and daily sunscreen.'],
    avoid: [
      'Retinoids, exfoliating acids, scrubs and facial brushes until day 7.',
      'Picking or scratching.',
      'Saunas, hot tubs and strong heat; swimming pools until day 5.',
      'Waxing or other hair removal on the area until it has healed.',
    ],
    sources: ['DesertSage', 'Dermatique', 'Wake', 'BrowsOfJoy', 'Chu2021'],
  },
  {
    fromDay: 8,
    toDay: 14,
    title: 'Week 2',
    expect: ['Texture often feels smoother after the first week.'],
    do: ['Exfoliating products may return now.', 'Keep daily sunscreen.'],
    avoid: ['Wrinkle-relaxing injections or fillers in the area until 2 weeks have passed.'],
    sources: ['Flawless', 'BrowsOfJoy', 'DesertSage'],
  },
  {
    fromDay: 15,
    toDay: 28,
    title: 'Weeks 3 to 4',
    expect: ['New collagen forms under the surface; it takes months to show.'],
    do: [
      'Keep daily sunscreen until at least day 28.',
      'Before your next session (often about 4 weeks on) you will be asked the health questions again.',
    ],
    avoid: [],
    sources: ['Harris2015', 'Alam2014', 'DesertSage'],
  },
];

export const RED_FLAGS: SourcedText[] = [
  sourced('Redness, warmth or itching that gets worse instead of better, or pus.', ['SPlabel']),
  sourced('Fever or chills, severe or worsening pain, or swelling that spreads.', [
    'MNBeforeAfterInfection',
    'YourBestSelves',
  ]),
  sourced('Blisters or a cold sore.', ['Amore2021', 'Dermapen4']),
  sourced('Redness or swelling that has not settled after about 7 days.', ['Chu2021']),
  sourced('New red bumps or lumps days or weeks later.', ['Friedmann2024', 'Soltani2014', 'PMC8008152']),
  sourced('Patches of skin getting darker.', ['Chu2021']),
  sourced('Lines or marks along the treatment tracks.', ['Dogra2014', 'Chu2021']),
  sourced('A rash or itch after a product was put on, or feeling unwell.', ['Chu2021', 'Soltani2014']),
];

export const DOWNTIME_DAYS = range(1, 3, 'days', ['SPconsent', 'Nuance', 'DesertSage', 'Chu2021'], {
  typical: 1,
  note: 'Skin often looks normal within a day and rarely shows anything after 3; flaking or small bruises can last up to 7 days.',
});

export const EXPECTATIONS: SourcedText[] = [
  sourced(
    'It is not risk-free. Redness and swelling are expected. Darkening of the treated skin (0 to 22% across studies), ' +
      'track-like scars, infection, cold-sore flare-ups and lasting lumps from unsuitable serums have been reported.',
    ['Chu2021', 'Dogra2014', 'ArchDermRes2023', 'Friedmann2024', 'Amore2021'],
  ),
  sourced(
    'Results are not immediate: new collagen takes weeks to months to form. Redness settles within hours to days.',
    ['Alam2014', 'SPconsent'],
  ),
  sourced(
    'Strong evidence for micro-needling is still lacking overall, and how well it works differs a lot from one ' +
      'concern to the next.',
    ['StatPearls', 'Harris2015', 'Wu2020'],
  ),
  sourced(
    'This is decision support, not a diagnosis: a practitioner checks every answer with you at the consultation.',
    [],
  ),
];

export const TITRATION: Record<ClinicPolicy['endpoint'], SourcedText> = {
  erythema: sourced(
    'Depth starts at the low end of each range and goes up only until the skin turns evenly red, never past the ' +
      "deepest setting the clinic's device is evaluated for.",
    ['SPstudy'],
  ),
  pinpoint_bleeding: sourced(
    'Depth starts at the low end of each range and goes up until tiny spots of bleeding appear with mild redness ' +
      "and swelling, never past the deepest setting the clinic's device is evaluated for.",
    ['Graham2016', 'ISkin', 'Chakote'],
  ),
};

export const RF_OUT_OF_SCOPE = sourced(
  'Radio-frequency micro-needling uses far deeper, device-specific settings and falls outside the FDA guidance for ' +
    'mechanical micro-needling; Puncta does not plan it.',
  ['FDAGuid2020', 'Shauly2023'],
);

export const STERILE_SINGLE_USE = sourced(
  'Every treatment uses a sterile, single-use needle cartridge, and only products approved for needled skin are ' +
    'applied: serums not made for it have caused lasting lumps (granulomas).',
  ['SPIFU', 'DEN160029', 'Friedmann2024', 'Soltani2014'],
);

export const DARKER_SKIN_PRECAUTION = sourced(
  'Your skin type darkens more easily after injury (up to about 1 in 5 people in some studies). Your plan starts at ' +
    'the lowest depth, goes no deeper than 1.5 mm, aims for redness rather than bleeding, and daily sun protection ' +
    'matters even more. In the darkest skin types, treated skin can darken before it lightens.',
  ['Chu2021', 'Dogra2014', 'ArchDermRes2023', 'Esthetik', 'SPstudy', 'Cohen2016'],
);

export const ROLLER_IN_DARKER_SKIN = sourced(
  'Track-like scars were reported with a roller in darker skin; ask whether a pen can be used instead.',
  ['Dogra2014'],
);

export const GENERAL_ALTERNATIVES = sourced(
  'A dermatologist can talk you through other treatments for your concern, including skin care and prescription ' +
    'creams. Lasers, peels and dermabrasion carry their own risks of pigment change and scarring, especially in ' +
    'darker skin.',
  ['Cohen2016'],
);
