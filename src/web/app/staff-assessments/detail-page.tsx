// One assessment as a practitioner reviews it: what the person answered, what the
// screener decided and why (every rule that fired, with its sources), the draft plan,
// and the sign-off. Sign-offs are append-only: a new one is added to the history and
// becomes the current answer; earlier ones are never edited or removed.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconInfoCircle, IconSignature } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { PageHeader } from '../pages/page-header.tsx';
import {
  assessmentsApi,
  type Decision,
  type Review,
  type ScreeningReason,
  type StoredAssessment,
  type TreatmentPlan,
} from './api.ts';
import { DecisionBadge, ReviewStatusBadge, Section, SourceList } from './parts.tsx';
import {
  DECISION_WORDS,
  EVIDENCE_WORDS,
  QUESTION_ORDER,
  RULE_CLASS_WORDS,
  ageOn,
  answerText,
  areaList,
  areaName,
  concernName,
  formatIsoDate,
  formatRange,
  questionText,
  skinTypeText,
} from './words.ts';
import { DECISIONS, decisionRank } from '../../../domain/clinical/vocabulary.ts';

/** The server's own words for a changed answer without a note (422 note_required). */
const NOTE_REQUIRED = 'Say in a note why you change the screener’s answer; a confirmation may go without one.';
const NOTE_MAX = 2000;

type PageState =
  | { status: 'loading' }
  | { status: 'ready'; assessment: StoredAssessment }
  | { status: 'not_found' }
  | { status: 'error'; message: string };

export function AssessmentDetailPage() {
  const { assessmentId = '' } = useParams();
  const [page, setPage] = useState<PageState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setPage({ status: 'loading' });
    assessmentsApi.get(assessmentId, controller.signal).then(
      (assessment) => setPage({ status: 'ready', assessment }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
          setPage({ status: 'not_found' });
          return;
        }
        setPage({
          status: 'error',
          message: error instanceof ApiError ? describeProblem(error) : 'We could not load this assessment.',
        });
      },
    );
    return () => controller.abort();
  }, [assessmentId, attempt]);

  const backLink = (
    <Anchor component={Link} to="/staff/assessments" size="sm" underline="hover">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        All assessments
      </Group>
    </Anchor>
  );

  return (
    <>
      <Box mb="sm">{backLink}</Box>
      {page.status === 'loading' && <DetailSkeleton />}
      {page.status === 'not_found' && (
        <>
          <PageHeader title="Assessment not found" />
          <Card withBorder radius="lg" padding="xl" maw={620}>
            <Text>
              There is no assessment at this address in your clinic. It may belong to another clinic, or the link is
              incomplete.
            </Text>
          </Card>
        </>
      )}
      {page.status === 'error' && (
        <>
          <PageHeader title="Assessment" />
          <Stack gap="sm" align="flex-start">
            <FormError title="We could not load this assessment" message={page.message} />
            <Button variant="default" onClick={() => setAttempt((count) => count + 1)}>
              Try again
            </Button>
          </Stack>
        </>
      )}
      {page.status === 'ready' && (
        <AssessmentView
          assessment={page.assessment}
          onSignedOff={(reviews) =>
            setPage({
              status: 'ready',
              assessment: {
                ...page.assessment,
                reviews,
                review: { status: 'signed_off', current: reviews.at(-1) ?? null },
              },
            })
          }
        />
      )}
    </>
  );
}

/** The patient's name: handed over by the queue, else read from their record. */
function usePatientName(patientId: string | null): string | undefined {
  const location = useLocation();
  const handed = (location.state as { patientName?: unknown } | null)?.patientName;
  const [fetched, setFetched] = useState<string | undefined>();
  const known = typeof handed === 'string' ? handed : undefined;

  useEffect(() => {
    if (patientId === null || known !== undefined) return;
    const controller = new AbortController();
    assessmentsApi.patientName(patientId, controller.signal).then(
      (patient) => setFetched(`${patient.givenName} ${patient.familyName}`),
      () => setFetched('Linked patient'),
    );
    return () => controller.abort();
  }, [patientId, known]);

  if (patientId === null) return 'Anonymous (not yet linked)';
  return known ?? fetched;
}

function AssessmentView({
  assessment,
  onSignedOff,
}: {
  assessment: StoredAssessment;
  onSignedOff: (reviews: Review[]) => void;
}) {
  const formatDate = useDateTimeFormat();
  const patientName = usePatientName(assessment.patientId);
  const title =
    assessment.patientId === null
      ? 'Anonymous assessment'
      : patientName === undefined
        ? 'Assessment'
        : `Assessment of ${patientName}`;

  return (
    <>
      <PageHeader
        title={title}
        badge={<ReviewStatusBadge status={assessment.review.status} />}
        description={
          <>
            Submitted {formatDate(assessment.createdAt)}
            {assessment.patientId === null && ', without signing in: not yet linked to a patient record'}.
          </>
        }
        actions={
          <Button component="a" href="#sign-off" variant="default" hiddenFrom="lg">
            Go to sign-off
          </Button>
        }
      />
      <Grid gutter="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Person assessment={assessment} />
            <ScreenerAnswer assessment={assessment} />
            <RulesFired reasons={assessment.decision.reasons} />
            <HealthAnswers assessment={assessment} />
            <PlanView assessment={assessment} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <SignOff assessment={assessment} onSignedOff={onSignedOff} />
            <History assessment={assessment} formatDate={formatDate} />
            <RecordFacts assessment={assessment} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function ScreenerAnswer({ assessment }: { assessment: StoredAssessment }) {
  const { decision } = assessment;
  const current = assessment.review.current;
  const areas = Object.entries(decision.byArea) as [keyof typeof decision.byArea, Decision][];
  return (
    <Section id="screener-answer" title="The screener’s answer">
      <Stack gap="md">
        <Group gap="sm" align="center">
          <DecisionBadge decision={decision.overall} size="lg" />
          <Text size="sm">{DECISION_WORDS[decision.overall].explain}</Text>
        </Group>
        {current !== null && (
          <Group gap={8}>
            <Text size="sm" fw={600}>
              Current sign-off:
            </Text>
            <DecisionBadge decision={current.decision} size="sm" />
            <Text size="sm" c="dimmed">
              by {current.reviewedBy.displayName}
            </Text>
          </Group>
        )}
        {decision.earliestDate !== undefined && (
          <Text size="sm">
            Earliest first session: <strong>{formatIsoDate(decision.earliestDate)}</strong>
          </Text>
        )}
        <Box>
          <Title order={3} fz="sm" mb={6}>
            By area
          </Title>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Answer by area">
            {areas.map(([area, areaDecision]) => (
              <Group
                component="li"
                key={area}
                justify="space-between"
                wrap="nowrap"
                py={6}
                style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Text size="sm">{areaName(area)}</Text>
                <DecisionBadge decision={areaDecision} size="sm" />
              </Group>
            ))}
          </Box>
        </Box>
        <Text size="xs" c="dimmed">
          Decision support, not a diagnosis: the most restrictive rule sets the answer, and a practitioner confirms or
          changes it below.
        </Text>
      </Stack>
    </Section>
  );
}

function RulesFired({ reasons }: { reasons: ScreeningReason[] }) {
  // Most restrictive first; the screener's order within the same answer.
  const ordered = reasons
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => decisionRank(b.reason.decision) - decisionRank(a.reason.decision) || a.index - b.index)
    .map(({ reason }) => reason);
  const fromAnswers = ordered.filter((reason) => reason.missingAnswer === undefined);
  const fromMissing = ordered.filter((reason) => reason.missingAnswer !== undefined);
  return (
    <Section
      id="rules-fired"
      title="Rules that fired"
      aside={
        <Badge variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
          {reasons.length}
        </Badge>
      }
    >
      {reasons.length === 0 ? (
        <Text size="sm">No screening rule fired: nothing in the answers stands in the way.</Text>
      ) : (
        <Stack gap="lg">
          <Box>
            <Title order={3} fz="md" mb="xs">
              On the answers given
            </Title>
            {fromAnswers.length === 0 ? (
              <Text size="sm">None. Every rule that fired is waiting for an unanswered question.</Text>
            ) : (
              <RuleList label="Rules that fired on the answers" reasons={fromAnswers} />
            )}
          </Box>
          {fromMissing.length > 0 && (
            <Box>
              <Title order={3} fz="md">
                On questions not answered ({fromMissing.length})
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                Each needs its question asked before any treatment.
              </Text>
              <RuleList label="Rules that fired on unanswered questions" reasons={fromMissing} />
            </Box>
          )}
        </Stack>
      )}
    </Section>
  );
}

function RuleList({ label, reasons }: { label: string; reasons: ScreeningReason[] }) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {reasons.map((reason, index) => (
        <RuleItem key={`${reason.rule}-${reason.area ?? 'all'}-${index}`} reason={reason} />
      ))}
    </Box>
  );
}

function RuleItem({ reason }: { reason: ScreeningReason }) {
  const missing = reason.missingAnswer !== undefined;
  return (
    <Box
      component="li"
      py="sm"
      px="sm"
      mb="xs"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: `1px solid var(--mantine-color-${missing ? 'orange-3' : 'gray-2'})`,
        background: missing ? 'var(--mantine-color-orange-0)' : undefined,
      }}
    >
      <Stack gap={6}>
        <Group gap={8} justify="space-between" align="flex-start">
          <Group gap={8}>
            <DecisionBadge decision={reason.decision} size="sm" />
            <Text size="sm" fw={600}>
              {reason.area === undefined ? 'All chosen areas' : areaName(reason.area)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" ff="monospace">
            {reason.rule}
          </Text>
        </Group>
        <Text size="sm">{reason.message}</Text>
        <Text size="xs" c="dimmed">
          {RULE_CLASS_WORDS[reason.ruleClass]}
          {reason.earliestDate !== undefined && ` · not before ${formatIsoDate(reason.earliestDate)}`}
        </Text>
        {reason.missingAnswer !== undefined && (
          <Text size="xs" c="var(--mantine-color-orange-light-color)" fw={600}>
            Not answered: {questionText(reason.missingAnswer)}
          </Text>
        )}
        <SourceList sources={reason.sources} />
      </Stack>
    </Box>
  );
}

function Person({ assessment }: { assessment: StoredAssessment }) {
  const { inputs } = assessment;
  const age = ageOn(inputs.birthDate, assessment.assessedOn);
  return (
    <Section id="person" title="The person">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        <Fact label="Age">
          {age === undefined ? '—' : `${age} on ${formatIsoDate(assessment.assessedOn)}`}
          <Text span size="xs" c="dimmed">
            {' '}
            (born {formatIsoDate(inputs.birthDate)})
          </Text>
        </Fact>
        <Fact label="Skin type (Fitzpatrick)">{skinTypeText(inputs.fitzpatrick)}</Fact>
        <Fact label="Concerns">{inputs.concerns.map(concernName).join(', ')}</Fact>
        <Fact label="Areas">{areaList(inputs.areas)}</Fact>
      </SimpleGrid>
    </Section>
  );
}

function HealthAnswers({ assessment }: { assessment: StoredAssessment }) {
  const { inputs, decision } = assessment;
  const missing = new Set(decision.missingAnswers);
  const shown = QUESTION_ORDER.filter((id) => inputs.answers[id] !== undefined || missing.has(id));
  return (
    <Section id="answers" title="Health questions and answers">
      <Stack gap="md">
        {missing.size > 0 && (
          <Alert
            color="orange"
            variant="light"
            radius="md"
            icon={<IconAlertTriangle aria-hidden />}
            title={
              missing.size === 1
                ? '1 question a rule needed was not answered'
                : `${missing.size} questions rules needed were not answered`
            }
            styles={{ title: { color: 'var(--mantine-color-orange-light-color)' } }}
          >
            <Text size="sm">Ask these at the consultation; they are marked in the list below.</Text>
          </Alert>
        )}
        <Box>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Health questions and answers">
            {shown.map((id) => {
              const text = answerText(id, inputs.answers);
              const unanswered = text === undefined;
              return (
                <Box
                  component="li"
                  key={id}
                  py={8}
                  px={unanswered ? 'sm' : 0}
                  style={{
                    borderTop: '1px solid var(--mantine-color-gray-2)',
                    background: unanswered ? 'var(--mantine-color-orange-0)' : undefined,
                    borderLeft: unanswered ? '3px solid var(--mantine-color-orange-6)' : undefined,
                  }}
                >
                  <Text size="sm" c="dimmed">
                    {questionText(id)}
                  </Text>
                  {unanswered ? (
                    <Badge color="orange" variant="light" radius="sm" mt={4} style={{ textTransform: 'none' }}>
                      Not answered: a rule needs it
                    </Badge>
                  ) : (
                    <Text size="sm" fw={600}>
                      {text}
                    </Text>
                  )}
                </Box>
              );
            })}
          </Box>
          {shown.length < QUESTION_ORDER.length && (
            <Text size="xs" c="dimmed" mt="xs">
              Questions that do not apply to these concerns and areas were not asked.
            </Text>
          )}
        </Box>
      </Stack>
    </Section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Box>
  );
}

const PLAN_STATUS_WORDS: Record<TreatmentPlan['status'], string> = {
  ready: 'Ready to book',
  needs_physician_review: 'Provisional until a doctor agrees',
  deferred: 'Applies after the wait',
};

function PlanView({ assessment }: { assessment: StoredAssessment }) {
  const { plan } = assessment;
  if (plan.kind === 'not_suitable') {
    return (
      <Section id="plan" title="Plan">
        <Stack gap="md">
          <Text size="sm" fw={600}>
            No treatment plan: micro-needling is not suitable here.
          </Text>
          <SourcedList title="Why" items={plan.explanation} />
          <SourcedList title="Options to discuss with a doctor" items={plan.alternatives} />
        </Stack>
      </Section>
    );
  }
  return (
    <Section
      id="plan"
      title="Draft plan"
      aside={
        <Badge variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
          {PLAN_STATUS_WORDS[plan.status]}
        </Badge>
      }
    >
      <Stack gap="lg">
        {plan.earliestStart !== undefined && (
          <Text size="sm">
            Earliest start: <strong>{formatIsoDate(plan.earliestStart)}</strong>
          </Text>
        )}
        <SourcedList title="Meanwhile" items={plan.meanwhile} />

        <Box>
          <Title order={3} fz="md" mb="xs">
            Courses
          </Title>
          <Stack gap="sm">
            {plan.courses.map((course) => (
              <Box
                key={course.concern}
                p="sm"
                style={{ border: '1px solid var(--mantine-color-gray-2)', borderRadius: 'var(--mantine-radius-md)' }}
              >
                <Group justify="space-between" gap={6} mb={4}>
                  <Text fw={600} size="sm">
                    {concernName(course.concern)}
                    <Text span size="xs" c="dimmed">
                      {' · '}
                      {areaList(course.areas)}
                    </Text>
                  </Text>
                  <Badge variant="outline" color="gray" size="sm" radius="sm" style={{ textTransform: 'none' }}>
                    {EVIDENCE_WORDS[course.evidence.level]}
                  </Badge>
                </Group>
                {course.recommended ? (
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={6}>
                    {course.sessions !== undefined && (
                      <Fact label="Sessions">
                        {formatRange(course.sessions)}
                        <SourceList sources={course.sessions.sources} />
                      </Fact>
                    )}
                    {course.intervalWeeks !== undefined && (
                      <Fact label="Interval">
                        {formatRange(course.intervalWeeks)}
                        <SourceList sources={course.intervalWeeks.sources} />
                      </Fact>
                    )}
                  </SimpleGrid>
                ) : (
                  <Text size="sm">No course planned: the evidence is too weak. {course.evidence.summary}</Text>
                )}
              </Box>
            ))}
            {plan.courses.length === 0 && <Text size="sm">No course for these concerns in these areas.</Text>}
          </Stack>
        </Box>

        <Box>
          <Title order={3} fz="md" mb="xs">
            Depth per zone
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing="xs" horizontalSpacing="sm" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Zone</Table.Th>
                  <Table.Th>Depth</Table.Th>
                  <Table.Th>Notes and sources</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.zones.map((zone) => (
                  <Table.Tr key={zone.area}>
                    <Table.Td>
                      <Text size="sm">{areaName(zone.area)}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={600}>
                        {zone.depthMm === null ? 'Device instructions' : formatRange(zone.depthMm)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        {zone.depthMm === null ? (
                          <Text size="xs">No published figure: set from the device instructions, starting low.</Text>
                        ) : (
                          <>
                            {zone.depthMm.note !== undefined && <Text size="xs">{zone.depthMm.note}</Text>}
                            <SourceList sources={zone.depthMm.sources} />
                          </>
                        )}
                        {zone.constraints.map((constraint) => (
                          <Text size="xs" key={constraint.text}>
                            {constraint.text}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" mt={6}>
            Device: {plan.device.class === 'pen' ? 'pen' : 'roller'}, titrated to{' '}
            {plan.device.endpoint === 'erythema' ? 'even redness (erythema)' : 'pinpoint bleeding'}. Downtime{' '}
            {formatRange(plan.downtimeDays)}.
          </Text>
        </Box>

        {plan.excludedAreas.length > 0 && (
          <Box>
            <Title order={3} fz="md" mb="xs">
              Areas left out
            </Title>
            <List size="sm" spacing={4}>
              {plan.excludedAreas.map((excluded) => (
                <List.Item key={excluded.area}>
                  {areaName(excluded.area)}: {DECISION_WORDS[excluded.decision].label} ({excluded.rules.join(', ')})
                </List.Item>
              ))}
            </List>
          </Box>
        )}

        <Box>
          <Title order={3} fz="md" mb="xs">
            Adjuncts
          </Title>
          {plan.adjuncts.length === 0 ? (
            <Text size="sm">None for these concerns.</Text>
          ) : (
            <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {plan.adjuncts.map((adjunct) => (
                <Box
                  component="li"
                  key={adjunct.id}
                  py={6}
                  style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {adjunct.name}
                    </Text>
                    <Badge variant="outline" color="gray" size="xs" radius="sm" style={{ textTransform: 'none' }}>
                      {EVIDENCE_WORDS[adjunct.evidence]}
                    </Badge>
                    {!adjunct.suitable && (
                      <Badge color="red" variant="light" size="xs" radius="sm" style={{ textTransform: 'none' }}>
                        Ruled out by an answer
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs">{adjunct.summary}</Text>
                  {adjunct.caution !== undefined && (
                    <Text size="xs" c="var(--mantine-color-orange-light-color)">
                      {adjunct.caution}
                    </Text>
                  )}
                  <SourceList sources={adjunct.sources} />
                </Box>
              ))}
            </Box>
          )}
        </Box>

        <SourcedList title="Precautions" items={plan.precautions} />
      </Stack>
    </Section>
  );
}

function SourcedList({ title, items }: { title: string; items: readonly { text: string; sources: string[] }[] }) {
  if (items.length === 0) return null;
  return (
    <Box>
      <Title order={3} fz="md" mb="xs">
        {title}
      </Title>
      <Box component="ul" m={0} pl="md">
        {items.map((item) => (
          <Box component="li" key={item.text} mb={6}>
            <Text size="sm">{item.text}</Text>
            <SourceList sources={item.sources} />
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function SignOff({
  assessment,
  onSignedOff,
}: {
  assessment: StoredAssessment;
  onSignedOff: (reviews: Review[]) => void;
}) {
  const screener = assessment.decision.overall;
  const [decision, setDecision] = useState<Decision>(screener);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<Review | undefined>();
  const form = useSubmit({ note_required: 'note' });
  const changing = decision !== screener;
  const signedOffBefore = assessment.reviews.length;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    const trimmed = note.trim();
    void form.submit(
      async () => {
        const result = await assessmentsApi.signOff(assessment.id, {
          decision,
          ...(trimmed === '' ? {} : { note: trimmed }),
        });
        onSignedOff(result.reviews);
        setDone(result.review);
        setDecision(screener);
        setNote('');
      },
      {
        note:
          changing && trimmed === ''
            ? NOTE_REQUIRED
            : trimmed.length > NOTE_MAX
              ? 'Keep the note under 2000 characters.'
              : undefined,
      },
    );
  };

  return (
    <Section id="sign-off" title="Sign off">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {signedOffBefore === 0
              ? 'Confirm the screener’s answer, or change it and say why.'
              : 'Signed off before. A new sign-off is added to the history and becomes the current answer; earlier ones stay as they were.'}
          </Text>
          <NativeSelect
            label="Your decision"
            description={`Preset to the screener’s answer: ${DECISION_WORDS[screener].label}.`}
            value={decision}
            onChange={(event) => {
              const next = DECISIONS.find((candidate) => candidate === event.currentTarget.value);
              if (next === undefined) return;
              setDecision(next);
              setDone(undefined);
              if (next === screener) form.clearFieldError('note');
            }}
            data={DECISIONS.map((value) => ({ value, label: DECISION_WORDS[value].label }))}
          />
          {changing && (
            <Alert color="yellow" variant="light" radius="md" icon={<IconInfoCircle aria-hidden />} p="sm">
              <Text size="sm">
                You are changing the screener’s answer from <strong>{DECISION_WORDS[screener].label}</strong> to{' '}
                <strong>{DECISION_WORDS[decision].label}</strong>. A note saying why is required.
              </Text>
            </Alert>
          )}
          <Textarea
            label="Note"
            description={changing ? 'Required: why you change the answer.' : 'Optional when you confirm the answer.'}
            withAsterisk={changing}
            aria-required={changing}
            autosize
            minRows={3}
            maxRows={10}
            {...form.bind('note', note, setNote)}
          />
          <FormError message={form.formError} />
          {done !== undefined && (
            <FormSuccess>
              Signed off as <strong>{DECISION_WORDS[done.decision].label}</strong>. It is at the end of the history.
            </FormSuccess>
          )}
          <Group>
            <Button type="submit" loading={form.submitting} leftSection={<IconSignature size={18} aria-hidden />}>
              Sign off
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            A sign-off never replaces an earlier one: each is kept with your name and the time, and the audit log
            records it.
          </Text>
        </Stack>
      </form>
    </Section>
  );
}

function History({ assessment, formatDate }: { assessment: StoredAssessment; formatDate: (iso: string) => string }) {
  const { reviews } = assessment;
  const screener = assessment.decision.overall;
  return (
    <Section id="history" title="Sign-off history">
      {reviews.length === 0 ? (
        <Text size="sm" c="dimmed">
          No sign-off yet.
        </Text>
      ) : (
        <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Sign-off history">
          {reviews.map((review, index) => {
            const current = index === reviews.length - 1;
            return (
              <Box
                component="li"
                key={review.id}
                py="sm"
                style={{ borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-2)' }}
              >
                <Stack gap={4}>
                  <Group gap={6}>
                    <Text size="xs" c="dimmed">
                      {index + 1}.
                    </Text>
                    <DecisionBadge decision={review.decision} size="sm" />
                    {current && (
                      <Badge color="puncta" variant="filled" size="xs" radius="sm" style={{ textTransform: 'none' }}>
                        Current
                      </Badge>
                    )}
                    {review.decision !== screener && (
                      <Badge color="gray" variant="outline" size="xs" radius="sm" style={{ textTransform: 'none' }}>
                        Changed the answer
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm">
                    <strong>{review.reviewedBy.displayName}</strong>
                    <Text span size="xs" c="dimmed">
                      {' · '}
                      {formatDate(review.reviewedAt)}
                    </Text>
                  </Text>
                  {review.note === null || review.note === undefined ? (
                    <Text size="xs" c="dimmed">
                      No note.
                    </Text>
                  ) : (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {review.note}
                    </Text>
                  )}
                </Stack>
              </Box>
            );
          })}
        </Box>
      )}
    </Section>
  );
}

function RecordFacts({ assessment }: { assessment: StoredAssessment }) {
  return (
    <Section id="record" title="On record">
      <Stack gap="xs">
        <Fact label="Protocol version">{assessment.protocolVersion}</Fact>
        <Fact label="Clinic policy">
          {assessment.policyVersion === null ? 'The documented defaults' : `Version ${assessment.policyVersion}`}
        </Fact>
        <Fact label="Assessed as of">{formatIsoDate(assessment.assessedOn)}</Fact>
        <Fact label="Reference">
          <Text span size="xs" ff="monospace">
            {assessment.id}
          </Text>
        </Fact>
        <Text size="xs" c="dimmed">
          The answer is stored with the protocol and policy it was made with, so it can be reproduced.
        </Text>
      </Stack>
    </Section>
  );
}

function DetailSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the assessment">
      <Skeleton height={32} width="40%" />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Skeleton height={160} radius="lg" />
            <Skeleton height={260} radius="lg" />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Skeleton height={300} radius="lg" />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
