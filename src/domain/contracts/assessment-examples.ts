// Examples for the OpenAPI document (zod .meta examples): real output of the screener,
// made with assessCandidate() on the demo clinic's prices and the default policy, then
// trimmed (fewer notes, aftercare steps and red flags than the real answer) but still
// valid. test/openapi-examples.test.ts parses every example in the served document
// against its schema, so they cannot drift from the contract. (They carry no type
// annotation: the schemas' types are inferred from the schemas that hold these examples.)

/** A straightforward case: acne scars on cheeks and forehead, every question answered "no". */
export const ACNE_SCARS_REQUEST_EXAMPLE = {
  birthDate: '1988-03-02',
  fitzpatrick: 3,
  concerns: ['acne_scars'],
  areas: ['cheeks', 'forehead'],
  answers: {
    pregnant_or_breastfeeding: false,
    isotretinoin: {
      status: 'never',
    },
    bleeding_disorder: false,
    anticoagulants: false,
    active_infection_in_area: false,
    cold_sore_history: false,
    skin_cancer_in_area: [],
    keloid_tendency: false,
    immunosuppressed: false,
    diabetes: 'none',
    metal_allergy: 'none',
    anaesthetic_allergy: false,
    active_acne: 'none',
    active_rosacea_flare: false,
    eczema_psoriasis_in_area: 'none',
    sunburn_in_area: false,
    retinoid_last_used: null,
    toxin_in_area_date: null,
    filler_in_area_date: null,
    laser_or_peel_date: null,
    radiotherapy_to_area: false,
    autoimmune_disease: false,
    tattoo_in_area: [],
    cardiac_condition: false,
    moles_or_lesions_in_area: [],
  },
  today: '2025-11-25',
};

/** Isotretinoin stopped two months ago: "not yet", with the earliest date. Some questions left open. */
export const ISOTRETINOIN_REQUEST_EXAMPLE = {
  birthDate: '1991-04-12',
  fitzpatrick: 5,
  concerns: ['acne_scars'],
  areas: ['cheeks', 'forehead'],
  answers: {
    pregnant_or_breastfeeding: false,
    isotretinoin: {
      status: 'stopped',
      lastDoseDate: '2025-09-20',
    },
    bleeding_disorder: false,
    anticoagulants: false,
    active_acne: 'mild',
    cold_sore_history: true,
    toxin_in_area_date: null,
    skin_cancer_in_area: [],
  },
  today: '2025-11-25',
};

/** The parts of the plan both response examples share: the same face areas and skin type. */
const SHARED_PLAN_PARTS = {
  excludedAreas: [],
  device: {
    class: 'pen',
    endpoint: 'erythema',
    titration: {
      text: "Depth starts at the low end of each range and goes up only until the skin turns evenly red, never past the deepest setting the clinic's device is evaluated for.",
      sources: ['SPstudy'],
    },
    outOfScope: {
      text: 'Radio-frequency micro-needling uses far deeper, device-specific settings and falls outside the FDA guidance for mechanical micro-needling; Puncta does not plan it.',
      sources: ['FDAGuid2020', 'Shauly2023'],
    },
  },
  downtimeDays: {
    min: 1,
    max: 3,
    typical: 1,
    note: 'Skin often looks normal within a day and rarely shows anything after 3; flaking or small bruises can last up to 7 days.',
    unit: 'days',
    sources: ['SPconsent', 'Nuance', 'DesertSage', 'Chu2021'],
    tier: 'L',
  },
  precautions: [
    {
      text: 'Every treatment uses a sterile, single-use needle cartridge, and only products approved for needled skin are applied: serums not made for it have caused lasting lumps (granulomas).',
      sources: ['SPIFU', 'DEN160029', 'Friedmann2024', 'Soltani2014'],
    },
  ],
  adjuncts: [
    {
      id: 'prp',
      name: 'Platelet-rich plasma (PRP) from your own blood',
      concerns: ['acne_scars'],
      evidence: 'moderate',
      summary:
        'In pooled trials, adding PRP raised the odds of a marked improvement in acne scars about threefold compared with needling alone, without more severe redness or swelling.',
      sources: ['KangLu2022', 'Long2020'],
      suitable: true,
    },
  ],
  preCare: [
    {
      id: 'stop_retinoids',
      text: 'Stop retinoids (such as tretinoin or retinol), exfoliating acids (glycolic, salicylic, lactic) and benzoyl peroxide on the areas 5 days before each session.',
      sources: ['Nuance', 'Dermatique', 'jazminek', 'Kichi', 'BrowsOfJoy'],
      daysBefore: 5,
    },
    {
      id: 'avoid_sun',
      text: 'Avoid sunburn and tanning for 14 days before each session; use a broad-spectrum sunscreen every day.',
      sources: ['Nuance', 'Elle', 'BrowsOfJoy', 'Esthetik'],
      daysBefore: 14,
    },
  ],
  aftercare: [
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
        'Redness fades a lot within hours; the skin often looks back to normal after 24 hours, or stays pink for a day or two.',
      ],
      do: [
        'Wash with a gentle cleanser and use a plain moisturiser.',
        'From 24 hours, broad-spectrum sunscreen SPF 30 or higher (mineral preferred) every day, for at least 4 weeks.',
      ],
      avoid: ['Sun exposure as much as you can for the first 3 days.'],
      sources: ['SPconsent', 'Nuance', 'DesertSage', 'Flawless', 'BrowsOfJoy'],
    },
  ],
  redFlags: [
    {
      text: 'Redness, warmth or itching that gets worse instead of better, or pus.',
      sources: ['SPlabel'],
    },
    {
      text: 'Fever or chills, severe or worsening pain, or swelling that spreads.',
      sources: ['MNBeforeAfterInfection', 'YourBestSelves'],
    },
  ],
  price: {
    minCents: 110000,
    maxCents: 395000,
    lines: [
      {
        serviceCode: 'consultation',
        units: 1,
        sessions: {
          min: 1,
          max: 1,
        },
        unitPriceCents: 5000,
        minCents: 5000,
        maxCents: 5000,
      },
      {
        serviceCode: 'face',
        units: 1,
        sessions: {
          min: 3,
          max: 6,
        },
        unitPriceCents: 35000,
        minCents: 105000,
        maxCents: 390000,
      },
    ],
    missingServiceCodes: [],
    note: "An estimate from the clinic's price list; the final price is agreed at your consultation. Body areas are priced per area, so a large area may count more than once.",
  },
  expectations: [
    {
      text: 'It is not risk-free. Redness and swelling are expected. Darkening of the treated skin (0 to 22% across studies), track-like scars, infection, cold-sore flare-ups and lasting lumps from unsuitable serums have been reported.',
      sources: ['Chu2021', 'Dogra2014', 'ArchDermRes2023', 'Friedmann2024', 'Amore2021'],
    },
    {
      text: 'This is decision support, not a diagnosis: a practitioner checks every answer with you at the consultation.',
      sources: [],
    },
  ],
};

/** The acne-scar course and its two zones, as both response examples plan them. */
const ACNE_SCARS_COURSES = [
  {
    concern: 'acne_scars',
    areas: ['cheeks', 'forehead'],
    recommended: true,
    evidence: {
      level: 'moderate',
      summary:
        'Reviews of the trials call the evidence for sunken (atrophic) acne scars moderate: the studies are small and varied. It is the use the first FDA-authorised pen was cleared for, in adults aged 22 or over of every skin type.',
      sources: ['Harris2015', 'DEN160029', 'K202243'],
    },
    notes: [
      {
        text: 'Rolling scars (soft, sloping edges) and boxcar scars (sharp edges) respond better than narrow, deep icepick scars. Icepick scars usually need another technique as well, such as a chemical applied into the scar or a small punch procedure.',
        sources: ['StatPearls', 'Chakrawarty', 'Goodman2019', 'Tam2022'],
      },
    ],
    sessions: {
      min: 3,
      max: 6,
      typical: 3,
      note: 'Studies used 3 to 6 sessions; the median was 3.',
      unit: 'sessions',
      sources: ['Harris2015', 'Alam2014', 'SPstudy', 'Fabbrocini2014', 'Dogra2014'],
      tier: 'L',
    },
    intervalWeeks: {
      min: 2,
      max: 4,
      typical: 4,
      note: 'Most studies treated about monthly; some every 2 weeks.',
      unit: 'weeks',
      sources: ['Harris2015', 'Alam2014', 'SPstudy'],
      tier: 'L',
    },
    results: {
      range: {
        min: 3,
        max: 6,
        typical: 6,
        note: 'In a randomised trial the improvement was clear at 6 months but not yet at 3.',
        unit: 'months',
        sources: ['Alam2014', 'SPstudy', 'SkinBySalima'],
        tier: 'L',
      },
      after: 'last_session',
    },
  },
];

/** The cheeks and forehead zones; `cheeksTypical` is the depth the screener suggests when it has one. */
function acneScarZones(cheeksTypical?: number) {
  return [
    {
      area: 'cheeks',
      depthMm: {
        min: 0.5,
        max: 1.5,
        ...(cheeksTypical === undefined ? {} : { typical: cheeksTypical }),
        note: 'Acne-scar studies used a median of 1.5 mm; the SkinPen study started low and stopped at 1.5 mm.',
        unit: 'mm',
        sources: ['Harris2015', 'SPstudy', 'NCT02646917'],
        tier: 'L',
      },
      constraints: [],
    },
    {
      area: 'forehead',
      depthMm: {
        min: 0.25,
        max: 0.5,
        note: 'From depth charts; no professional society publishes a zone table.',
        unit: 'mm',
        sources: ['GlowRefinery', 'MNBeforeAfter'],
        tier: 'CL',
      },
      constraints: [],
    },
  ];
}

/** The answer to ACNE_SCARS_REQUEST_EXAMPLE (trimmed). */
export const ACNE_SCARS_RESPONSE_EXAMPLE = {
  id: '3f6c1a9e-5b2d-4c7e-8a10-2d9b7e4f6a31',
  decision: {
    overall: 'proceed',
    byArea: {
      cheeks: 'proceed',
      forehead: 'proceed',
    },
    reasons: [],
    missingAnswers: [],
  },
  plan: {
    kind: 'treatment',
    status: 'ready',
    meanwhile: [],
    courses: ACNE_SCARS_COURSES,
    zones: acneScarZones(1.5),
    ...SHARED_PLAN_PARTS,
  },
  protocolVersion: '2025.11.1',
};

/** The answer to ISOTRETINOIN_REQUEST_EXAMPLE (trimmed): deferred, with a plan for later. */
export const ISOTRETINOIN_RESPONSE_EXAMPLE = {
  id: '8b0e2c54-7a19-4f3d-9c6e-5e1a4d2b7c90',
  decision: {
    overall: 'defer',
    byArea: {
      cheeks: 'defer',
      forehead: 'defer',
    },
    reasons: [
      {
        rule: 'isotretinoin_recent',
        ruleClass: 'temporary',
        decision: 'defer',
        message:
          'You took your last isotretinoin dose on 2025-09-20. This clinic waits 6 months after the last dose, so the earliest date is 2026-03-20. Published advice ranges from no wait to 12 months.',
        sources: ['ProjectLEAD', 'Nuance', 'Waldman2017', 'Mysore2017', 'Mahadevappa2016', 'Sisu', 'BrowsOfJoy'],
        earliestDate: '2026-03-20',
      },
      {
        rule: 'active_acne',
        ruleClass: 'temporary',
        decision: 'proceed_with_precautions',
        message: 'Mild spots are worked around; in one small study acne flared after treatment in 1 person in 10.',
        sources: ['NCT02646917', 'Dermapen4', 'Advances', 'Sohag'],
      },
      {
        rule: 'darker_skin_pigmentation',
        ruleClass: 'precaution',
        decision: 'proceed_with_precautions',
        message:
          'Your skin type darkens more easily after any skin injury, so your plan takes precautions: lower depths, redness rather than bleeding as the end point, and careful sun protection.',
        sources: ['Chu2021', 'Dogra2014', 'ArchDermRes2023', 'Esthetik', 'Cohen2016'],
      },
      {
        rule: 'cold_sore_history',
        ruleClass: 'precaution',
        decision: 'proceed_with_precautions',
        message:
          'Treatment can set off a cold sore (about 1 person in 50 in one study), so ask about antiviral tablets beforehand.',
        sources: ['Amore2021', 'Dermapen4', 'Elle', 'Nuance', 'BrowsOfJoy'],
      },
      {
        rule: 'stainless_steel_allergy',
        ruleClass: 'absolute',
        decision: 'physician_review',
        message:
          "We don't know whether you are allergic to any metal. A practitioner needs to check this with you before any treatment.",
        sources: ['SPconsent'],
        missingAnswer: 'metal_allergy',
      },
    ],
    missingAnswers: ['active_infection_in_area'],
    earliestDate: '2026-03-20',
  },
  plan: {
    kind: 'treatment',
    status: 'deferred',
    meanwhile: [
      {
        text: 'Book your first session for the earliest date shown or later.',
        sources: ['ProjectLEAD', 'Nuance', 'Waldman2017', 'Mysore2017', 'Mahadevappa2016', 'Sisu', 'BrowsOfJoy'],
      },
    ],
    courses: ACNE_SCARS_COURSES,
    zones: acneScarZones(),
    ...SHARED_PLAN_PARTS,
    earliestStart: '2026-03-20',
  },
  protocolVersion: '2025.11.1',
};

/** Part of the questionnaire for acne scars on the cheeks: one question of each kind. */
export const QUESTIONNAIRE_EXAMPLE = {
  protocolVersion: '2025.11.1',
  questions: [
    {
      id: 'pregnant_or_breastfeeding',
      type: 'boolean',
      text: 'Are you pregnant, trying to get pregnant, or breastfeeding?',
      allowsNever: false,
      shownWhen: {},
    },
    {
      id: 'isotretinoin',
      type: 'isotretinoin',
      text: 'Have you ever taken isotretinoin (for example Roaccutane or Accutane) for acne?',
      options: [
        {
          value: 'never',
          label: 'Never',
        },
        {
          value: 'current',
          label: 'I take it now',
        },
        {
          value: 'stopped',
          label: 'I took it in the past',
        },
      ],
      help: 'If you took it in the past, give the date of your last dose as closely as you can.',
      allowsNever: false,
      shownWhen: {},
    },
    {
      id: 'skin_cancer_in_area',
      type: 'areas',
      text: 'Do you have skin cancer in any of the areas? Mark them.',
      allowsNever: false,
      shownWhen: {},
    },
    {
      id: 'retinoid_last_used',
      type: 'date',
      text: 'When did you last use a retinoid (tretinoin, retinol, adapalene) or an exfoliating acid on the areas?',
      allowsNever: true,
      shownWhen: {
        areas: [
          'forehead',
          'periorbital',
          'nose',
          'cheeks',
          'perioral',
          'chin_jawline',
          'neck',
          'decollete',
          'abdomen',
          'thighs',
          'arms',
          'back',
        ],
      },
    },
  ],
};
