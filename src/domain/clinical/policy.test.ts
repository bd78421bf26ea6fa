import { describe, expect, it } from 'vitest';
import {
  applyPolicyChange,
  clinicPolicyChangeSchema,
  clinicPolicySchema,
  DEFAULT_CLINIC_POLICY,
  describePolicyChange,
  POLICY_RATIONALE,
} from './policy.ts';

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('clinic policy', () => {
  it('the defaults are a valid policy, and every setting documents its default and sources', () => {
    expect(clinicPolicySchema.parse(DEFAULT_CLINIC_POLICY)).toEqual(DEFAULT_CLINIC_POLICY);
    for (const [setting, doc] of Object.entries(POLICY_RATIONALE)) {
      expect(doc.sources.length, setting).toBeGreaterThan(0);
      expect(doc.why.length, setting).toBeGreaterThan(20);
    }
    expect(Object.keys(POLICY_RATIONALE).sort()).toEqual(Object.keys(DEFAULT_CLINIC_POLICY).sort());
  });

  it('a clinic may tighten the waits', () => {
    const stricter = applyPolicyChange(DEFAULT_CLINIC_POLICY, {
      isotretinoinWaitMonths: 12,
      fillerWaitDays: 90,
      maxDepthMm: { face: 1.0 },
    });
    expect(stricter.isotretinoinWaitMonths).toBe(12);
    expect(stricter.maxDepthMm).toEqual({ face: 1.0, neck_chest: 1.5, scalp: 1.5, body: 1.5 });
    expect(describePolicyChange(DEFAULT_CLINIC_POLICY, stricter)).toEqual([
      { setting: 'isotretinoinWaitMonths', from: 6, to: 12, direction: 'stricter' },
      { setting: 'fillerWaitDays', from: 14, to: 90, direction: 'stricter' },
      { setting: 'maxDepthMm.face', from: 1.5, to: 1, direction: 'stricter' },
    ]);
  });

  it('but not loosen a wait below its documented default', () => {
    const result = clinicPolicyChangeSchema.safeParse({
      isotretinoinWaitMonths: 0,
      toxinWaitDays: 5,
      retinoidHoldDays: 1,
    });
    expect(issues(result)).toEqual([
      'isotretinoinWaitMonths: cannot be shorter than the default of 6 months',
      'toxinWaitDays: cannot be shorter than the default of 14 days',
      'retinoidHoldDays: cannot be shorter than the default of 5 days',
    ]);
  });

  it('allows a deeper device limit only up to the deepest evaluated setting, and says it is looser', () => {
    const deeper = applyPolicyChange(DEFAULT_CLINIC_POLICY, {
      maxDepthMm: { body: 2.5 },
      endpoint: 'pinpoint_bleeding',
    });
    expect(describePolicyChange(DEFAULT_CLINIC_POLICY, deeper)).toEqual([
      { setting: 'maxDepthMm.body', from: 1.5, to: 2.5, direction: 'looser' },
      { setting: 'endpoint', from: 'erythema', to: 'pinpoint_bleeding', direction: 'looser' },
    ]);
    expect(issues(clinicPolicyChangeSchema.safeParse({ maxDepthMm: { face: 3 } }))).toEqual([
      'maxDepthMm.face: cannot exceed 2.5 mm',
    ]);
  });

  it('rejects unknown settings and fractional waits', () => {
    expect(issues(clinicPolicyChangeSchema.safeParse({ isotretinoinWaitMonths: 6.5 }))).toHaveLength(1);
    expect(issues(clinicPolicyChangeSchema.safeParse({ rfDepth: 3 }))).toEqual([': Unrecognized key: "rfDepth"']);
  });
});
