// What micro-needling offers for each concern: where it is done, how strong the
// evidence is, and the course the studies used (CLINICAL.md sections 2a and 9).
// Evidence grades use the public site's words; rosacea and enlarged pores get no
// course because the evidence does not support planning one.
import type { Course, SourcedRange, SourcedText } from '../contracts/assessment.ts';
import { range, sourced } from './figures.ts';
import type { SourceKey } from './sources.ts';
import type { AreaId, ConcernId, EvidenceLevel } from './vocabulary.ts';
import { FACE_AREAS, AREA_IDS } from './vocabulary.ts';

export interface Indication {
  concern: ConcernId;
  name: string;
  /** The areas where this concern is treated; other chosen areas get no course for it. */
  areas: readonly AreaId[];
  evidence: { level: EvidenceLevel; summary: string; sources: SourceKey[] };
  /** False when the evidence is too weak to plan a course: no sessions, no price. */
  recommended: boolean;
  sessions?: SourcedRange;
  intervalWeeks?: SourcedRange;
  results?: NonNullable<Course['results']>;
  maintenance?: SourcedText;
  notes: SourcedText[];
}

const FACE_NECK_CHEST: readonly AreaId[] = [...FACE_AREAS, 'neck', 'decollete'];
const CENTRAL_FACE: readonly AreaId[] = ['forehead', 'nose', 'cheeks', 'perioral', 'chin_jawline'];

const WRINKLE_SESSIONS = range(4, 6, 'sessions', ['ASJ2021', 'ElDomyati2015a'], {
  note: 'Studies used 4 monthly or 6 fortnightly sessions.',
});
const WRINKLE_INTERVAL = range(2, 4, 'weeks', ['ElDomyati2015a', 'ASJ2021'], { typical: 4 });

export const INDICATIONS: Readonly<Record<ConcernId, Indication>> = {
  acne_scars: {
    concern: 'acne_scars',
    name: 'Acne scars',
    areas: [...FACE_AREAS, 'neck', 'decollete', 'back'],
    evidence: {
      level: 'moderate',
      summary:
        'Reviews of the trials call the evidence for sunken (atrophic) acne scars moderate: the studies are small ' +
        'and varied. It is the use the first FDA-authorised pen was cleared for, in adults aged 22 or over of every ' +
        'skin type.',
      sources: ['Harris2015', 'DEN160029', 'K202243'],
    },
    recommended: true,
    sessions: range(3, 6, 'sessions', ['Harris2015', 'Alam2014', 'SPstudy', 'Fabbrocini2014', 'Dogra2014'], {
      typical: 3,
      note: 'Studies used 3 to 6 sessions; the median was 3.',
    }),
    intervalWeeks: range(2, 4, 'weeks', ['Harris2015', 'Alam2014', 'SPstudy'], {
      typical: 4,
      note: 'Most studies treated about monthly; some every 2 weeks.',
    }),
    results: {
      range: range(3, 6, 'months', ['Alam2014', 'SPstudy', 'SkinBySalima'], {
        typical: 6,
        note: 'In a randomised trial the improvement was clear at 6 months but not yet at 3.',
      }),
      after: 'last_session',
    },
    notes: [
      sourced(
        'Rolling scars (soft, sloping edges) and boxcar scars (sharp edges) respond better than narrow, deep icepick ' +
          'scars. Icepick scars usually need another technique as well, such as a chemical applied into the scar or ' +
          'a small punch procedure.',
        ['StatPearls', 'Chakrawarty', 'Goodman2019', 'Tam2022'],
      ),
      sourced('Rolling scars are often combined with subcision, which frees the scar from below.', ['StatPearls']),
    ],
  },
  surgical_scars: {
    concern: 'surgical_scars',
    name: 'Surgical and injury scars',
    areas: AREA_IDS,
    evidence: {
      level: 'emerging',
      summary:
        'A large prospective study of mixed scars and a smaller one report improvement, and one pen is cleared ' +
        'for raised surgical scars on the abdomen. Controlled trials are few.',
      sources: ['AlsterLi2020', 'Claytor2022', 'K200044'],
    },
    recommended: true,
    sessions: range(3, 3, 'sessions', ['Claytor2022', 'K200044']),
    results: {
      range: range(3, 3, 'months', ['K200044'], {
        note: 'With the cleared pen, 73% of scars had improved 90 days after the last of 3 treatments.',
      }),
      after: 'last_session',
    },
    notes: [
      sourced('No study-based interval between sessions was found; your practitioner sets it.', [
        'Claytor2022',
        'K200044',
      ]),
      sourced(
        'Starting 6 to 7 weeks after surgery gave better scars than waiting 3 to 4 months in one study. Your ' +
          'surgeon should agree that the wound has healed.',
        ['Claytor2022'],
      ),
    ],
  },
  wrinkles: {
    concern: 'wrinkles',
    name: 'Wrinkles and fine lines',
    areas: FACE_NECK_CHEST,
    evidence: {
      level: 'emerging',
      summary:
        'Open studies of a few dozen people each report softer fine lines three to five months after starting; few ' +
        'compare against no treatment. One pen is cleared for neck wrinkles in skin types II to IV.',
      sources: ['Exceed2018', 'ElDomyati2015a', 'ASJ2021', 'K202243'],
    },
    recommended: true,
    sessions: WRINKLE_SESSIONS,
    intervalWeeks: WRINKLE_INTERVAL,
    results: {
      range: range(3, 5, 'months', ['Exceed2018'], { note: 'Measured at day 90 and day 150 in a device study.' }),
      after: 'first_session',
    },
    notes: [],
  },
  stretch_marks: {
    concern: 'stretch_marks',
    name: 'Stretch marks',
    areas: ['abdomen', 'thighs', 'arms', 'back'],
    evidence: {
      level: 'emerging',
      summary:
        'A pooled analysis of randomised and other trials found needling about as effective as lasers and better ' +
        'than non-laser options; the trials were small.',
      sources: ['AesPlastSurg2024', 'NAFL2019', 'CO2vsMN2022'],
    },
    recommended: true,
    sessions: range(3, 6, 'sessions', ['AesPlastSurg2024', 'NAFL2019', 'CO2vsMN2022', 'JEWDS2017'], {
      note: 'Studies used from 1-3 up to 6 or more sessions.',
    }),
    intervalWeeks: range(2, 4, 'weeks', ['JEWDS2017', 'NAFL2019']),
    results: {
      range: range(3, 10, 'months', ['AesPlastSurg2024', 'CO2vsMN2022'], {
        note: 'Studies judged results from 3 months (short courses) to 6-10 months.',
      }),
      after: 'first_session',
    },
    notes: [
      sourced('Newer red or purple marks respond better than older white ones.', ['JEWDS2017']),
      sourced('In one study of white stretch marks, about 1 in 5 people had temporary darkening of the treated skin.', [
        'ArchDermRes2023',
      ]),
      sourced('Compared with a laser, needling hurt more during the session but its after-effects cleared sooner.', [
        'NAFL2019',
      ]),
    ],
  },
  pigmentation: {
    concern: 'pigmentation',
    name: 'Melasma and pigmentation',
    areas: FACE_NECK_CHEST,
    evidence: {
      level: 'low',
      summary:
        'Reviews rate the studies as low quality. Needling helped only alongside a skin-lightening treatment such as ' +
        'tranexamic acid, and delivering the medicine by needling was not better than injecting it.',
      sources: ['Wu2020', 'Bailey2022', 'He2024'],
    },
    recommended: true,
    sessions: range(2, 6, 'sessions', ['Bailey2022', 'He2024', 'Lima2017']),
    intervalWeeks: range(2, 4, 'weeks', ['Bailey2022', 'He2024']),
    results: {
      range: range(12, 24, 'weeks', ['Bailey2022', 'He2024'], {
        note: 'Best at 12 to 24 weeks in pooled trials; some effect from week 4.',
      }),
      after: 'first_session',
    },
    notes: [
      sourced(
        'A dermatologist warns that deep needling can make melasma worse, so pigmented areas are needled at the ' +
          'shallowest setting unless your clinic decides otherwise.',
        ['DavinLim'],
      ),
      sourced('Strict daily sun protection is part of the treatment, during and after the course.', ['Lima2017']),
    ],
  },
  rosacea: {
    concern: 'rosacea',
    name: 'Rosacea',
    areas: CENTRAL_FACE,
    evidence: {
      level: 'very-low',
      summary:
        'There is one case report and one small retrospective series, both using needling to deliver a medicine; ' +
        'the series used radio-frequency needles.',
      sources: ['RosaceaCR', 'BoNTFMR'],
    },
    recommended: false,
    notes: [
      sourced(
        'Micro-needling is not planned as a treatment for rosacea. A flare with bumps or pustules is a reason not to ' +
          'needle the area; ask at your consultation about treatments with better evidence.',
        ['Dermapen4', 'Sisu', 'StatPearls'],
      ),
    ],
  },
  hair_loss: {
    concern: 'hair_loss',
    name: 'Pattern hair loss',
    areas: ['scalp'],
    evidence: {
      level: 'moderate',
      summary:
        'In randomised trials, pooled in meta-analyses, adding scalp needling to 5% minoxidil gave higher hair ' +
        'counts than minoxidil alone. The evidence is for that combination, not for needling on its own.',
      sources: ['Dhurat2013', 'Kumar2018', 'Ahmed2025', 'English2021'],
    },
    recommended: true,
    sessions: range(3, 12, 'sessions', ['Dhurat2013', 'English2021'], {
      typical: 12,
      note: 'A 12-week course: weekly in the main trial (12 sessions), monthly in others (3 sessions).',
    }),
    intervalWeeks: range(1, 4, 'weeks', ['Dhurat2013', 'English2021'], { typical: 1 }),
    results: {
      range: range(12, 24, 'weeks', ['Dhurat2013', 'Kumar2018', 'Ahmed2025'], {
        note: 'Trials measured at 12 weeks; benefit was still seen at 21-24 weeks.',
      }),
      after: 'first_session',
    },
    notes: [
      sourced(
        'The topical treatment your doctor recommends (usually minoxidil) continues at home for the whole course.',
        ['Dhurat2013', 'Kumar2018'],
      ),
      sourced(
        'Trials enrolled male pattern hair loss (Norwood III to IV); a practitioner first checks that your hair loss ' +
          'is the pattern type.',
        ['Dhurat2013', 'Kumar2018'],
      ),
      sourced('Side effects were more frequent than with minoxidil alone, but mild and short-lived.', ['Ahmed2025']),
    ],
  },
  skin_laxity: {
    concern: 'skin_laxity',
    name: 'Loose skin',
    areas: FACE_NECK_CHEST,
    evidence: {
      level: 'low',
      summary:
        'One open device study measured a small improvement in skin laxity five months after starting. ' +
        'Radio-frequency micro-needling is said to tighten more, on weak evidence; Puncta does not plan it.',
      sources: ['Exceed2018', 'Shauly2023', 'Kesty2020'],
    },
    recommended: true,
    sessions: { ...WRINKLE_SESSIONS, note: 'Borrowed from wrinkle studies; no course for loose skin was published.' },
    intervalWeeks: WRINKLE_INTERVAL,
    results: {
      range: range(5, 5, 'months', ['Exceed2018'], { note: 'Laxity score improved by about 1 point at day 150.' }),
      after: 'first_session',
    },
    notes: [],
  },
  enlarged_pores: {
    concern: 'enlarged_pores',
    name: 'Enlarged pores',
    areas: ['forehead', 'nose', 'cheeks', 'chin_jawline'],
    evidence: {
      level: 'very-low',
      summary:
        'No controlled trial of micro-needling for enlarged pores was found; pores appear only in lists of possible ' +
        'uses and in a six-person radio-frequency study.',
      sources: ['Alster2018', 'Wu2022', 'Kandhari'],
    },
    recommended: false,
    notes: [
      sourced(
        'Micro-needling is not planned as a treatment for enlarged pores; ask at your consultation about options.',
        ['Alster2018'],
      ),
    ],
  },
  rejuvenation: {
    concern: 'rejuvenation',
    name: 'General rejuvenation',
    areas: FACE_NECK_CHEST,
    evidence: {
      level: 'low',
      summary:
        'A narrative review finds the evidence limited. Reports are mostly retrospective, with more collagen and ' +
        'elastin seen in skin samples months later.',
      sources: ['Pajak2022', 'Aust2008', 'Graham2016'],
    },
    recommended: true,
    sessions: range(2, 6, 'sessions', ['Graham2016']),
    intervalWeeks: range(4, 6, 'weeks', ['Graham2016', 'Pajak2022'], {
      note: 'One practice says 4-6 weeks; a review of neck and chest treatment describes 2-4 weeks.',
    }),
    results: {
      range: range(3, 6, 'months', ['SkinBySalima', 'MedicaSkin', 'Aust2008'], {
        note: 'Skin samples showed more collagen and elastin at 6 months.',
      }),
      after: 'last_session',
    },
    maintenance: sourced('Some people repeat one session every 6 to 12 months; that is a choice.', ['Graham2016']),
    notes: [],
  },
};
