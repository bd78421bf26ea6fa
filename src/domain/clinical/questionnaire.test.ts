import { describe, expect, it } from 'vitest';
import { allQuestions, questionsFor } from './questionnaire.ts';
import { ANSWER_IDS } from './vocabulary.ts';

const ids = (
  concerns: Parameters<typeof questionsFor>[0]['concerns'],
  areas: Parameters<typeof questionsFor>[0]['areas'],
) => questionsFor({ concerns, areas }).map((question) => question.id);

const ALWAYS = [
  'pregnant_or_breastfeeding',
  'isotretinoin',
  'bleeding_disorder',
  'anticoagulants',
  'active_infection_in_area',
  'skin_cancer_in_area',
  'keloid_tendency',
  'immunosuppressed',
  'diabetes',
  'metal_allergy',
  'anaesthetic_allergy',
  'eczema_psoriasis_in_area',
  'sunburn_in_area',
  'radiotherapy_to_area',
  'autoimmune_disease',
  'tattoo_in_area',
  'cardiac_condition',
  'moles_or_lesions_in_area',
];

describe('questionnaire', () => {
  it('asks the face questions for the face', () => {
    expect(ids(['acne_scars'], ['cheeks']).sort()).toEqual(
      [
        ...ALWAYS,
        'cold_sore_history',
        'active_acne',
        'active_rosacea_flare',
        'retinoid_last_used',
        'toxin_in_area_date',
        'filler_in_area_date',
        'laser_or_peel_date',
      ].sort(),
    );
  });

  it('asks only what matters for the scalp', () => {
    expect(ids(['hair_loss'], ['scalp']).sort()).toEqual([...ALWAYS].sort());
  });

  it('asks for the scar date only for surgical scars', () => {
    expect(ids(['surgical_scars'], ['abdomen'])).toContain('scar_date');
    expect(ids(['stretch_marks'], ['abdomen'])).not.toContain('scar_date');
  });

  it('every answer id has a question, with when it is shown', () => {
    const questions = allQuestions();
    expect(questions.map((question) => question.id)).toEqual([...ANSWER_IDS]);
    expect(questions.find((question) => question.id === 'scar_date')?.shownWhen).toEqual({
      concerns: ['surgical_scars'],
    });
    expect(questions.find((question) => question.id === 'bleeding_disorder')?.shownWhen).toEqual({});
    expect(questions.find((question) => question.id === 'toxin_in_area_date')?.allowsNever).toBe(true);
    for (const question of questions) {
      if (question.type === 'choice') expect(question.options?.length, question.id).toBeGreaterThan(1);
    }
  });
});
