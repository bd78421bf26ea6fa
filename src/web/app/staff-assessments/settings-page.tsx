// Clinic settings for clinic admins: the screening policy, i.e. the settings where
// published sources disagree. Each shows its documented conservative default and why;
// waits may only be made longer than the default (the server refuses shorter ones),
// and the page warns when a setting is less conservative than its default. Every
// saved change is a new version, recorded in the audit log by the server.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy, IconHistory } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit, type FieldErrors } from '../forms/use-submit.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { PageHeader } from '../pages/page-header.tsx';
import { clinicPolicySchema, describePolicyChange } from '../../../domain/clinical/policy.ts';
import {
  clinicPolicyApi,
  type ClinicPolicy,
  type ClinicPolicyChange,
  type PolicyDifference,
  type PolicyView,
  type Region,
} from './api.ts';
import { SourceList } from './parts.tsx';
import { REGION_WORDS } from './words.ts';

type WaitKey =
  | 'isotretinoinWaitMonths'
  | 'toxinWaitDays'
  | 'fillerWaitDays'
  | 'retinoidHoldDays'
  | 'laserOrPeelWaitMonths'
  | 'sunAvoidanceDays'
  | 'surgicalScarMinWeeks';

const WAITS: readonly { key: WaitKey; label: string; unit: 'days' | 'weeks' | 'months' }[] = [
  { key: 'isotretinoinWaitMonths', label: 'Wait after the last isotretinoin dose', unit: 'months' },
  {
    key: 'toxinWaitDays',
    label: 'Wait after a wrinkle-relaxing (botulinum toxin) injection in the area',
    unit: 'days',
  },
  { key: 'fillerWaitDays', label: 'Wait after a dermal filler in the area', unit: 'days' },
  { key: 'retinoidHoldDays', label: 'Stop retinoids and exfoliating acids before each session', unit: 'days' },
  {
    key: 'laserOrPeelWaitMonths',
    label: 'Wait after a laser, medium or deep peel, or dermabrasion in the area',
    unit: 'months',
  },
  { key: 'sunAvoidanceDays', label: 'No sunburn or tanning before a session', unit: 'days' },
  { key: 'surgicalScarMinWeeks', label: 'Earliest needling of a surgical or injury scar', unit: 'weeks' },
];

const REGIONS: readonly Region[] = ['face', 'neck_chest', 'scalp', 'body'];

const CHOICES = {
  deviceClass: {
    label: 'Device the clinic uses',
    options: { pen: 'Pen', roller: 'Roller' },
  },
  endpoint: {
    label: 'What depth is raised to',
    options: { erythema: 'Even redness (erythema)', pinpoint_bleeding: 'Pinpoint bleeding' },
  },
  pigmentationDepth: {
    label: 'Depth for pigmentation and melasma',
    options: { shallowest: 'The shallowest setting of each zone', zone_range: 'The zone’s full depth range' },
  },
} as const;
type ChoiceKey = keyof typeof CHOICES;

/** Floors and ceilings from the domain's schema, so the page and the server agree. */
function bounds(key: WaitKey): { min: number; max: number } {
  const schema = clinicPolicySchema.shape[key];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? 999 };
}
const depthSchema = clinicPolicySchema.shape.maxDepthMm.shape.face;
const DEPTH_MIN = depthSchema.minValue ?? 0.25;
const DEPTH_MAX = depthSchema.maxValue ?? 2.5;

interface Draft {
  waits: Record<WaitKey, number | string>;
  depth: Record<Region, number | string>;
  deviceClass: ClinicPolicy['deviceClass'];
  endpoint: ClinicPolicy['endpoint'];
  pigmentationDepth: ClinicPolicy['pigmentationDepth'];
}

function draftFrom(policy: ClinicPolicy): Draft {
  return {
    waits: Object.fromEntries(WAITS.map(({ key }) => [key, policy[key]])) as Record<WaitKey, number>,
    depth: { ...policy.maxDepthMm },
    deviceClass: policy.deviceClass,
    endpoint: policy.endpoint,
    pigmentationDepth: policy.pigmentationDepth,
  };
}

/** The draft as a policy; fields left empty or not numbers stay NaN and fail the schema. */
function policyFrom(draft: Draft): ClinicPolicy {
  const number = (value: number | string) =>
    typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  const waits = Object.fromEntries(WAITS.map(({ key }) => [key, number(draft.waits[key])])) as Record<WaitKey, number>;
  return {
    ...waits,
    maxDepthMm: {
      face: number(draft.depth.face),
      neck_chest: number(draft.depth.neck_chest),
      scalp: number(draft.depth.scalp),
      body: number(draft.depth.body),
    },
    deviceClass: draft.deviceClass,
    endpoint: draft.endpoint,
    pigmentationDepth: draft.pigmentationDepth,
  };
}

/** Browser-side checks with the domain's schema, one message per field ("maxDepthMm.face"). */
function checksFor(policy: ClinicPolicy): FieldErrors {
  const parsed = clinicPolicySchema.safeParse(policy);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    const isDepth = field.startsWith('maxDepthMm.');
    let message: string;
    if (issue.code === 'invalid_type') message = 'Enter a number.';
    else if (issue.code === 'not_multiple_of') message = 'Use steps of 0.05 mm.';
    else if (issue.code === 'too_small' && isDepth) message = `At least ${DEPTH_MIN} mm.`;
    else if (issue.code === 'invalid_format' || /expected/i.test(issue.message)) message = 'Enter a whole number.';
    else message = `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
    errors[field] ??= message;
  }
  return errors;
}

/** Only what differs from the stored policy: a change someone else saved meanwhile to another setting stays. */
function changeFrom(current: ClinicPolicy, next: ClinicPolicy): ClinicPolicyChange {
  const change: ClinicPolicyChange = {};
  for (const { key } of WAITS) if (current[key] !== next[key]) change[key] = next[key];
  const depth: Partial<Record<Region, number>> = {};
  for (const region of REGIONS) {
    if (current.maxDepthMm[region] !== next.maxDepthMm[region]) depth[region] = next.maxDepthMm[region];
  }
  if (Object.keys(depth).length > 0) change.maxDepthMm = depth;
  if (current.deviceClass !== next.deviceClass) change.deviceClass = next.deviceClass;
  if (current.endpoint !== next.endpoint) change.endpoint = next.endpoint;
  if (current.pigmentationDepth !== next.pigmentationDepth) change.pigmentationDepth = next.pigmentationDepth;
  return change;
}

/** A setting's name in words, for "what changed" lists ("maxDepthMm.face" too). */
function settingName(setting: string): string {
  const wait = WAITS.find(({ key }) => key === setting);
  if (wait !== undefined) return wait.label;
  if (setting.startsWith('maxDepthMm.')) {
    const region = setting.slice('maxDepthMm.'.length) as Region;
    return `Deepest setting, ${(REGION_WORDS[region] ?? region).toLowerCase()}`;
  }
  if (setting in CHOICES) return CHOICES[setting as ChoiceKey].label;
  return setting;
}

function valueText(setting: string, value: string | number): string {
  const wait = WAITS.find(({ key }) => key === setting);
  if (wait !== undefined) return `${value} ${value === 1 ? wait.unit.slice(0, -1) : wait.unit}`;
  if (setting.startsWith('maxDepthMm.')) return `${value} mm`;
  if (setting in CHOICES) {
    const options = CHOICES[setting as ChoiceKey].options as Record<string, string>;
    return options[String(value)] ?? String(value);
  }
  return String(value);
}

const DIRECTION_WORDS: Record<PolicyDifference['direction'], { label: string; color: string }> = {
  stricter: { label: 'More conservative', color: 'green' },
  looser: { label: 'Less conservative', color: 'orange' },
  different: { label: 'Different', color: 'gray' },
};

type PageState = { status: 'loading' } | { status: 'ready'; view: PolicyView } | { status: 'error'; message: string };

export function ClinicSettingsPage() {
  const [page, setPage] = useState<PageState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setPage({ status: 'loading' });
    clinicPolicyApi.get(controller.signal).then(
      (view) => setPage({ status: 'ready', view }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setPage({
          status: 'error',
          message: error instanceof ApiError ? describeProblem(error) : 'We could not load the clinic’s policy.',
        });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  return (
    <>
      <PageHeader
        title="Clinic settings"
        description="The screening policy: where published sources disagree, the clinic chooses. Each setting shows the documented conservative default and why."
      />
      {page.status === 'loading' && <SettingsSkeleton />}
      {page.status === 'error' && (
        <Stack gap="sm" align="flex-start">
          <FormError title="We could not load the clinic’s policy" message={page.message} />
          <Button variant="default" onClick={() => setAttempt((count) => count + 1)}>
            Try again
          </Button>
        </Stack>
      )}
      {page.status === 'ready' && (
        <PolicyEditor
          view={page.view}
          onSaved={(view) => setPage({ status: 'ready', view })}
          onReload={() => setAttempt((count) => count + 1)}
        />
      )}
    </>
  );
}

function PolicyEditor({
  view,
  onSaved,
  onReload,
}: {
  view: PolicyView;
  onSaved: (view: PolicyView) => void;
  onReload: () => void;
}) {
  const formatDate = useDateTimeFormat();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(view.policy));
  const [saved, setSaved] = useState<number | undefined>();
  const form = useSubmit();
  const candidate = useMemo(() => policyFrom(draft), [draft]);
  const pending = useMemo(() => describePolicyChange(view.policy, candidate), [view.policy, candidate]);
  // Looser than the documented default, setting by setting (the domain decides what "looser" is).
  const looserThanDefault = useMemo(
    () =>
      new Set(
        describePolicyChange(view.defaults, candidate)
          .filter((difference) => difference.direction !== 'stricter')
          .map((difference) => difference.setting),
      ),
    [view.defaults, candidate],
  );

  const errorFor = (field: string): string | undefined =>
    form.fieldErrors[field] ?? form.problem?.fieldErrors.find((problem) => problem.path === field)?.message;

  const setWait = (key: WaitKey) => (value: number | string) => {
    setDraft((current) => ({ ...current, waits: { ...current.waits, [key]: value } }));
    form.clearFieldError(key);
    setSaved(undefined);
  };
  const setDepth = (region: Region) => (value: number | string) => {
    setDraft((current) => ({ ...current, depth: { ...current.depth, [region]: value } }));
    form.clearFieldError(`maxDepthMm.${region}`);
    setSaved(undefined);
  };
  const setChoice =
    <K extends ChoiceKey>(key: K) =>
    (value: string) => {
      setDraft((current) => ({ ...current, [key]: value as Draft[K] }));
      setSaved(undefined);
    };

  const save = () => {
    setSaved(undefined);
    void form.submit(async () => {
      const next = await clinicPolicyApi.change(changeFrom(view.policy, candidate));
      onSaved(next);
      setDraft(draftFrom(next.policy));
      setSaved(next.version);
    }, checksFor(candidate));
  };

  const rationale = (setting: string) => view.rationale[setting];

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      noValidate
    >
      <Stack gap="lg">
        <CurrentVersion view={view} formatDate={formatDate} />
        {saved !== undefined && (
          <FormSuccess title={`Saved as version ${saved}`}>
            New assessments use it from now on; earlier ones keep the version they were made with. The change is in the
            audit log.
          </FormSuccess>
        )}

        <SettingsCard
          id="waits"
          title="Waiting times"
          intro="How long the screener defers treatment after each of these. They can be made longer than the documented default, never shorter: a practitioner’s sign-off on a person’s assessment is the place for an exception."
        >
          {WAITS.map(({ key, label, unit }) => {
            const { min, max } = bounds(key);
            const why = rationale(key);
            return (
              <SettingRow key={key} why={why}>
                <NumberInput
                  label={label}
                  description={`Default ${why?.default ?? `${view.defaults[key]} ${unit}`}. Allowed ${min}–${max} ${unit}.`}
                  value={draft.waits[key]}
                  onChange={setWait(key)}
                  min={min}
                  max={max}
                  clampBehavior="none"
                  allowDecimal={false}
                  allowNegative={false}
                  hideControls
                  rightSection={<UnitText>{unit}</UnitText>}
                  rightSectionWidth={72}
                  rightSectionPointerEvents="none"
                  error={errorFor(key)}
                  maw={320}
                />
              </SettingRow>
            );
          })}
        </SettingsCard>

        <SettingsCard
          id="device"
          title="Device and depth"
          intro="What the clinic’s device is evaluated for and how the practitioner titrates depth. Plans never go deeper than these settings."
        >
          <SettingRow why={rationale('maxDepthMm')}>
            <Box component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
              <Text component="legend" size="sm" fw={500} p={0}>
                Deepest setting the device is evaluated for
              </Text>
              <Text size="xs" c="dimmed" mb="xs">
                Default {rationale('maxDepthMm')?.default ?? `${view.defaults.maxDepthMm.face} mm`}. Allowed {DEPTH_MIN}
                –{DEPTH_MAX} mm, in steps of 0.05 mm.
              </Text>
              <SimpleGrid cols={2} spacing="sm" maw={360}>
                {REGIONS.map((region) => (
                  <NumberInput
                    key={region}
                    label={REGION_WORDS[region]}
                    value={draft.depth[region]}
                    onChange={setDepth(region)}
                    min={DEPTH_MIN}
                    max={DEPTH_MAX}
                    step={0.05}
                    decimalScale={2}
                    clampBehavior="none"
                    allowNegative={false}
                    hideControls
                    rightSection={<UnitText>mm</UnitText>}
                    rightSectionWidth={40}
                    rightSectionPointerEvents="none"
                    error={errorFor(`maxDepthMm.${region}`)}
                  />
                ))}
              </SimpleGrid>
              {REGIONS.some((region) => looserThanDefault.has(`maxDepthMm.${region}`)) && (
                <LooserWarning>
                  Deeper than the documented default in{' '}
                  {REGIONS.filter((region) => looserThanDefault.has(`maxDepthMm.${region}`))
                    .map((region) => REGION_WORDS[region].toLowerCase())
                    .join(', ')}
                  . Only if your device’s labelling covers this depth.
                </LooserWarning>
              )}
            </Box>
          </SettingRow>
          {(Object.keys(CHOICES) as ChoiceKey[]).map((key) => (
            <SettingRow key={key} why={rationale(key)}>
              <Radio.Group
                label={CHOICES[key].label}
                description={`Default: ${valueText(key, view.defaults[key])}.`}
                value={draft[key]}
                onChange={setChoice(key)}
              >
                <Stack gap={8} mt={8}>
                  {Object.entries(CHOICES[key].options).map(([value, label]) => (
                    <Radio key={value} value={value} label={label} />
                  ))}
                </Stack>
              </Radio.Group>
              {looserThanDefault.has(key) && (
                <LooserWarning>
                  {key === 'deviceClass'
                    ? 'Differs from the documented default. Plans leave out zones a roller cannot follow.'
                    : 'Less conservative than the documented default.'}
                </LooserWarning>
              )}
            </SettingRow>
          ))}
        </SettingsCard>

        <Card withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="save-heading">
          <Stack gap="sm">
            <Title order={2} fz="lg" id="save-heading">
              Save
            </Title>
            {pending.length === 0 ? (
              <Text size="sm" c="dimmed">
                No changes yet.
              </Text>
            ) : (
              <DifferenceList title="You are changing" differences={pending} />
            )}
            <Text size="sm">
              Saving makes a new version of the policy. The audit log records who changed it and when, and marks a
              change that makes any setting less conservative.
            </Text>
          </Stack>
        </Card>
        {/* While there is something to save, the buttons stay in view at the bottom of the window. */}
        <Box
          p={{ base: 'sm', sm: 'md' }}
          bg="white"
          style={{
            position: pending.length > 0 ? 'sticky' : 'static',
            bottom: 0,
            zIndex: 5,
            border: '1px solid var(--mantine-color-gray-3)',
            borderRadius: 'var(--mantine-radius-lg)',
            boxShadow: pending.length > 0 ? '0 -4px 16px rgba(23, 38, 43, 0.08)' : undefined,
          }}
        >
          <Stack gap="sm">
            <FormError message={form.formError} />
            {form.problem?.code === 'policy_changed_meanwhile' && (
              <Button variant="default" onClick={onReload} w="fit-content">
                Load the current policy
              </Button>
            )}
            <Group justify="space-between" gap="sm">
              <Text size="sm" fw={600} aria-live="polite">
                {pending.length === 0
                  ? 'No unsaved changes'
                  : pending.length === 1
                    ? '1 unsaved change'
                    : `${pending.length} unsaved changes`}
              </Text>
              <Group gap="sm">
                {pending.length > 0 && (
                  <Button
                    variant="subtle"
                    onClick={() => {
                      setDraft(draftFrom(view.policy));
                      form.reset();
                    }}
                  >
                    Undo changes
                  </Button>
                )}
                <Button
                  type="submit"
                  loading={form.submitting}
                  disabled={pending.length === 0}
                  leftSection={<IconDeviceFloppy size={18} aria-hidden />}
                >
                  Save changes
                </Button>
              </Group>
            </Group>
          </Stack>
        </Box>
      </Stack>
    </form>
  );
}

function CurrentVersion({ view, formatDate }: { view: PolicyView; formatDate: (iso: string) => string }) {
  return (
    <Card withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="version-heading">
      <Stack gap="sm">
        <Group gap="sm">
          <IconHistory size={20} aria-hidden />
          <Title order={2} fz="lg" id="version-heading">
            {view.version === 0 ? 'The documented defaults apply' : `Version ${view.version}`}
          </Title>
        </Group>
        {view.version === 0 ? (
          <Text size="sm">Nobody has changed the policy yet.</Text>
        ) : (
          <Text size="sm">
            Changed by <strong>{view.updatedBy?.displayName ?? 'someone no longer on the team'}</strong>
            {view.updatedAt !== null && <> on {formatDate(view.updatedAt)}</>}.
          </Text>
        )}
        {view.changes.length > 0 && <DifferenceList title="What this version changed" differences={view.changes} />}
        <Text size="sm" c="dimmed">
          Every change is recorded in the{' '}
          <Anchor component={Link} to="/staff/audit">
            audit log
          </Anchor>
          . Each assessment keeps the policy version it was made with.
        </Text>
      </Stack>
    </Card>
  );
}

function DifferenceList({
  title,
  differences,
}: {
  title: string;
  differences: readonly {
    setting: string;
    from: string | number;
    to: string | number;
    direction: PolicyDifference['direction'];
  }[];
}) {
  return (
    <Box>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={title}>
        {differences.map((difference) => {
          const direction = DIRECTION_WORDS[difference.direction];
          return (
            <Group component="li" key={difference.setting} gap={8} py={4} wrap="wrap">
              <Text size="sm">
                {settingName(difference.setting)}: {valueText(difference.setting, difference.from)} →{' '}
                <strong>{valueText(difference.setting, difference.to)}</strong>
              </Text>
              <Badge size="sm" variant="light" color={direction.color} radius="sm" style={{ textTransform: 'none' }}>
                {direction.label}
              </Badge>
            </Group>
          );
        })}
      </Box>
    </Box>
  );
}

function SettingsCard({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={`${id}-heading`}>
      <Title order={2} fz="lg" id={`${id}-heading`}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="xs" maw={760}>
        {intro}
      </Text>
      <Stack gap={0}>{children}</Stack>
    </Card>
  );
}

/** A setting on the left, why its default is what it is (with sources) on the right, or below on phones. */
function SettingRow({ why, children }: { why: { why: string; sources: string[] } | undefined; children: ReactNode }) {
  return (
    <SimpleGrid
      cols={{ base: 1, md: 2 }}
      spacing="lg"
      verticalSpacing="xs"
      py="md"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Box>{children}</Box>
      {why !== undefined && (
        <Stack gap={4}>
          <Text size="sm">
            <Text span fw={600} size="sm">
              Why the default:{' '}
            </Text>
            {why.why}
          </Text>
          <SourceList sources={why.sources} />
        </Stack>
      )}
    </SimpleGrid>
  );
}

function UnitText({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" aria-hidden>
      {children}
    </Text>
  );
}

function LooserWarning({ children }: { children: ReactNode }) {
  return (
    <Alert
      mt="sm"
      p="xs"
      color="orange"
      variant="light"
      radius="md"
      icon={<IconAlertTriangle size={18} aria-hidden />}
      role="status"
    >
      <Text size="sm">{children}</Text>
    </Alert>
  );
}

function SettingsSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the clinic’s policy">
      <Skeleton height={110} radius="lg" />
      <Skeleton height={420} radius="lg" />
    </Stack>
  );
}
