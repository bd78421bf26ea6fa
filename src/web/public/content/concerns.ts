// What micro-needling can and cannot do for each skin concern, in plain words.
// Every statement traces to the clinical fact base (shared/CLINICAL.md, sections
// 2, 3, 6 and 9); the evidence grade is shown to patients on purpose, because
// it differs a lot from one concern to the next.

export type EvidenceLevel = 'moderate' | 'emerging' | 'low' | 'very-low';

export const evidenceLevels: Record<EvidenceLevel, { label: string; meaning: string }> = {
  moderate: {
    label: 'Moderate evidence',
    meaning: 'Several controlled trials and systematic reviews agree, though studies are small and results vary.',
  },
  emerging: {
    label: 'Emerging evidence',
    meaning: 'Promising but smaller studies; few of them compare against another treatment or no treatment.',
  },
  low: {
    label: 'Low evidence',
    meaning: 'Only a handful of small or low-quality studies, mostly as an add-on to other treatment.',
  },
  'very-low': {
    label: 'Very limited evidence',
    meaning: 'Case reports and small series only. We will tell you plainly if another treatment suits you better.',
  },
};

export interface TypicalCourse {
  sessions: string;
  interval: string;
  judgeResults: string;
}

export interface Concern {
  slug: string;
  /** Heading of the detail page. */
  title: string;
  /** Short name for cards and links. */
  name: string;
  /** One or two sentences for the overview cards and the meta description. */
  summary: string;
  evidence: EvidenceLevel;
  /** Why the grade is what it is, for this concern. */
  evidenceNote: string;
  /** Absent when there is no course we would recommend on the evidence. */
  course?: TypicalCourse;
  overview: string[];
  goodToKnow: string[];
  /** Services on the clinic's menu that treat this concern (by service code). */
  serviceCodes: string[];
}

export const concerns: readonly Concern[] = [
  {
    slug: 'acne-scars',
    title: 'Micro-needling for acne scars',
    name: 'Acne scars',
    summary:
      'The best-studied use of micro-needling. Rolling and boxcar scars tend to soften; deep icepick scars usually need other techniques as well.',
    evidence: 'moderate',
    evidenceNote:
      'Reviews of the published trials grade the evidence for atrophic acne scars as moderate, and the first micro-needling pen authorised by the US FDA (2018) was authorised for facial acne scars in adults aged 22 and over, a use that now covers every skin type.',
    course: {
      sessions: 'Usually 3, sometimes up to 6',
      interval: 'About 4 weeks apart (2 to 6 weeks in studies)',
      judgeResults: 'At 3 to 6 months after the last session',
    },
    overview: [
      'Acne scars that sit below the surface of the skin (atrophic scars) are where micro-needling has its strongest record. The tiny channels prompt the skin to lay down new collagen underneath the scar, which can lift and soften its edges over the following months.',
      'Scars with gently sloping edges (rolling scars) and wider scars with sharp edges (boxcar scars) respond best. Narrow, deep icepick scars respond little to needling alone; for those, your practitioner may suggest combining it with a focal technique such as a chemical applied into the scar or a small punch procedure.',
      'Patience matters. In one randomised trial the improvement was clear six months after treatment but not yet at three months, because new collagen takes that long to mature.',
    ],
    goodToKnow: [
      'Active, inflamed acne is a reason to wait: we treat the acne first and needle the scars once breakouts are under control.',
      'If you have taken isotretinoin, tell us when your last dose was. Needling while you are still taking it is not offered; the wait after stopping is decided with your doctor.',
      'Adding platelet-rich plasma (PRP), prepared from your own blood, made a marked improvement more likely in a pooled analysis of trials, without more severe redness or swelling.',
      'In darker skin types, temporary darkening of treated skin is more common; we plan depth and aftercare with that in mind.',
    ],
    serviceCodes: ['face', 'face-prp'],
  },
  {
    slug: 'surgical-scars',
    title: 'Micro-needling for surgical and injury scars',
    name: 'Surgical and injury scars',
    summary:
      'Can improve the look of raised or uneven scars after surgery or injury. Early results suggest starting weeks, not months, after surgery.',
    evidence: 'emerging',
    evidenceNote:
      'A large prospective study of mixed scar types and several smaller ones report improvement, and one pen is FDA-cleared for raised surgical scars on the abdomen. Controlled trials are still few.',
    course: {
      sessions: 'Usually 3',
      interval: 'Set in your plan; studies have not settled on one interval',
      judgeResults: 'About 3 months after the last session',
    },
    overview: [
      'Scars from surgery or injury can be raised, flat, stretched or uneven in colour. Micro-needling encourages the scar to remodel, so that it blends better with the skin around it.',
      'A small study found that starting six to seven weeks after surgery gave better results than waiting three to four months, which challenges the old advice to wait six to twelve months for a scar to "mature". Your surgeon should agree that the wound has healed before we treat.',
    ],
    goodToKnow: [
      'Bring the date of your operation and any notes from your surgeon to the consultation.',
      'If you tend to form keloids, a doctor reviews your case before any treatment is booked.',
      'Scars are priced by area; the body and stretch-mark treatment covers an area of about 15 by 15 cm.',
    ],
    serviceCodes: ['face', 'body-stretch-marks'],
  },
  {
    slug: 'fine-lines',
    title: 'Micro-needling for fine lines and sun-damaged skin',
    name: 'Fine lines and texture',
    summary:
      'Studies show smoother texture and softer fine lines over several months. Deep folds and loose skin respond much less.',
    evidence: 'emerging',
    evidenceNote:
      'Open studies of a few dozen people each report improvement measured three to five months after starting, and one pen is cleared for neck wrinkles in lighter and medium skin types. Few studies compare against no treatment.',
    course: {
      sessions: '4 to 6',
      interval: 'Every 2 to 4 weeks',
      judgeResults: 'From about 3 months after the first session',
    },
    overview: [
      'With age and years of sun, the surface of the skin becomes finer-lined and uneven in texture. Micro-needling prompts the skin to build new collagen and elastic tissue, and studies measured a thicker upper layer of skin months later, with gradually smoother texture and softer fine lines.',
      'It works best on fine lines and early sun damage. It does not replace treatments for deep folds or for sagging skin, and we will say so if that is what you are hoping to change.',
    ],
    goodToKnow: [
      'Daily broad-spectrum sunscreen protects the result; without it, sun damage keeps undoing the work.',
      'If you have had wrinkle-relaxing injections or fillers in the same area, tell us the dates: we leave a gap between those treatments and needling.',
      'Some people repeat a single maintenance session every 6 to 12 months; that is a choice, not a requirement.',
    ],
    serviceCodes: ['face', 'face-prp'],
  },
  {
    slug: 'stretch-marks',
    title: 'Micro-needling for stretch marks',
    name: 'Stretch marks',
    summary:
      'Newer red or purple marks respond better than older white ones. In trials, results were similar to fractional laser treatment.',
    evidence: 'emerging',
    evidenceNote:
      'A pooled analysis of randomised and other trials found micro-needling about as effective as lasers and better than non-laser options, but the trials were small.',
    course: {
      sessions: '3 to 6 per area',
      interval: 'Every 2 to 4 weeks',
      judgeResults: 'About 3 to 6 months after the last session',
    },
    overview: [
      'Stretch marks are scars in the deeper layer of the skin. Micro-needling encourages new collagen there, which can make the marks narrower, flatter and closer to your own skin colour.',
      'Fresh, reddish marks (striae rubra) tend to respond better than older, silvery-white ones (striae alba). Older marks can still improve, but expect a more modest change.',
    ],
    goodToKnow: [
      'In one trial, needling hurt more than laser treatment during the session but its after-effects cleared sooner.',
      'Temporary darkening of treated skin happened in about one in five people in one study of white stretch marks; we test a small area first if your skin tends to darken after injury.',
      'We do not treat during pregnancy or while breastfeeding.',
    ],
    serviceCodes: ['body-stretch-marks'],
  },
  {
    slug: 'hair-loss',
    title: 'Scalp micro-needling for pattern hair loss',
    name: 'Pattern hair loss',
    summary:
      'Used together with minoxidil, scalp needling gave more regrowth in trials than minoxidil alone. It is an add-on, not a replacement.',
    evidence: 'moderate',
    evidenceNote:
      'Randomised trials, pooled in meta-analyses, found higher hair counts when needling was added to 5% minoxidil than with minoxidil alone. The trials were small and short, so we grade the evidence as moderate, for this combination only.',
    course: {
      sessions: 'A series over about 12 weeks',
      interval: 'Weekly to monthly, as your plan sets out',
      judgeResults: 'From about 12 weeks, with photos compared to your first visit',
    },
    overview: [
      'In male and female pattern hair loss, hair follicles gradually shrink. Needling the scalp alongside a topical treatment such as minoxidil appears to wake up some of those follicles: in trials, people grew noticeably more hair than with the topical treatment alone.',
      'Depth made little difference in the studies, so we keep treatment comfortable. Side effects were more frequent than with minoxidil alone but mild and short-lived, such as redness and tenderness.',
    ],
    goodToKnow: [
      'Before treatment we check that your hair loss is the pattern type; other kinds of hair loss need a different assessment.',
      'You will need to keep using the topical treatment your practitioner recommends, at home, for the whole course.',
      'We take standardised scalp photos at the start so that change can be measured rather than guessed.',
    ],
    serviceCodes: ['scalp'],
  },
  {
    slug: 'pigmentation',
    title: 'Micro-needling for melasma and uneven pigment',
    name: 'Melasma and pigmentation',
    summary:
      'Only as a gentle add-on to skin-lightening treatment, and only after a doctor has looked at your skin. The evidence is low.',
    evidence: 'low',
    evidenceNote:
      'Reviews rate the studies as low quality. Where needling helped, it was combined with a topical treatment such as tranexamic acid, and the benefit showed at around 12 to 24 weeks.',
    course: {
      sessions: '2 to 6, at very shallow depth',
      interval: 'Every 2 to 4 weeks',
      judgeResults: 'At about 12 to 24 weeks',
    },
    overview: [
      'Melasma is a long-lasting pattern of darker patches, most often on the cheeks, forehead and chin. Micro-needling can help a skin-lightening treatment work better when the two are used together, but it is not a treatment on its own.',
      'There is a real risk of making pigment worse: some dermatologists warn that deep needling can aggravate melasma. We therefore needle only very superficially for this concern, and only after a dermatologist has confirmed the diagnosis.',
    ],
    goodToKnow: [
      'Strict daily sun protection is part of the treatment, not an extra.',
      'Keep up the topical treatment and sun protection your doctor recommends after the course as well.',
      'If your skin tends to darken after spots or grazes, tell us: it changes how we plan.',
    ],
    serviceCodes: ['face'],
  },
  {
    slug: 'rosacea-and-pores',
    title: 'Rosacea and enlarged pores: what we can and cannot offer',
    name: 'Rosacea and enlarged pores',
    summary: 'Often advertised, rarely studied. We explain the options honestly and do not needle active rosacea.',
    evidence: 'very-low',
    evidenceNote:
      'For rosacea there is a case report and one small retrospective series, both using needling to deliver a medicine. For enlarged pores we found no dedicated controlled trial at all.',
    overview: [
      'Clinic advertising sometimes promises smaller pores or calmer rosacea after micro-needling. The published evidence does not support those promises yet, so we do not offer micro-needling as a treatment for either.',
      'Active rosacea with bumps and pustules is a reason not to needle the area at all. If pores or redness bother you, a consultation is the right place to talk through treatments with better evidence.',
    ],
    goodToKnow: [
      'If you are treated for another concern, such as acne scars, some people notice finer texture as a side benefit; we do not promise it.',
      'Rosacea that is flaring should be calmed with medical treatment first.',
    ],
    serviceCodes: ['consultation'],
  },
];

export function findConcern(slug: string): Concern | undefined {
  return concerns.find((concern) => concern.slug === slug);
}
