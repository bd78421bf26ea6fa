// One plan as the patient reads it: the answer for each area with its reasons, the
// draft plan (sessions, weeks apart, needle depth per area, downtime, aftercare and
// the price range), and whether a practitioner has reviewed it. Every statement
// names its sources; the list at the end says what each source is.
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { SOURCES } from '../../../domain/clinical/sources.ts';
import type { AreaId } from '../../../domain/clinical/vocabulary.ts';
import type {
  NotSuitablePlan,
  ScreeningReason,
  SourcedRange,
  SourcedText,
  TreatmentPlan,
} from '../../../domain/contracts/assessment.ts';
import { ApiError, useResource } from '../api/fetch-json.ts';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { PageHeader } from '../pages/page-header.tsx';
import { formatPrice } from '../../public/format.ts';
import { CONCERN_WORDS, EVIDENCE_WORDS, areaName, formatIsoDate, formatRange } from '../../public/plan/words.ts';
import { decisionExplanation } from './decision-words.ts';
import {
  CLINIC_URL,
  assessmentUrl,
  clinicServicesSchema,
  storedAssessmentSchema,
  type StoredAssessment,
} from './my-plan-api.ts';
import { TAKE_ASSESSMENT_HREF } from './my-plan-page.tsx';
import { DecisionBadge, ReviewStatus } from './plan-parts.tsx';
import classes from './my-plan.module.css';

/** Collects the source keys the page cites, in order of first citation, for the list at the end. */
class Citations {
  readonly keys: string[] = [];
  cite(keys: readonly string[]): readonly string[] {
    for (const key of keys) if (!this.keys.includes(key)) this.keys.push(key);
    return keys;
  }
}

function Sources({ keys, citations }: { keys: readonly string[]; citations: Citations }) {
  if (keys.length === 0) return null;
  citations.cite(keys);
  return (
    <span className={classes.sources}>
      {' '}
      (Sources:{' '}
      {keys.map((key, index) => (
        <span key={key}>
          {index > 0 && ', '}
          <Anchor href={`#source-${key}`} inherit c="dimmed">
            {key}
          </Anchor>
        </span>
      ))}
      )
    </span>
  );
}

function rangeText(range: SourcedRange): string {
  return formatRange(range.min, range.max, range.unit);
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} fz="xl" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function SourcedList({ items, citations }: { items: readonly SourcedText[]; citations: Citations }) {
  return (
    <ul className={classes.plainList}>
      {items.map((item) => (
        <li key={item.text}>
          {item.text}
          <Sources keys={item.sources} citations={citations} />
        </li>
      ))}
    </ul>
  );
}

export function PlanDetailPage() {
  const { assessmentId = '' } = useParams();
  const stored = useResource(assessmentUrl(assessmentId), storedAssessmentSchema);

  if (stored.status === 'loading') {
    return (
      <Stack gap="md" role="status" aria-busy="true" aria-label="Loading">
        <Skeleton height={40} width="60%" radius="md" />
        <Skeleton height={120} radius="lg" />
        <Skeleton height={240} radius="lg" />
      </Stack>
    );
  }
  if (stored.status === 'error') {
    const notFound = stored.error instanceof ApiError && stored.error.status === 404;
    return (
      <>
        <BackToList />
        <PageHeader title={notFound ? 'We could not find this plan' : 'We could not load this plan'} />
        <Stack gap="sm" align="flex-start">
          <FormError
            message={
              notFound
                ? 'It may have been made in another account, or the link is not complete. Your plans are listed under My plan.'
                : stored.error instanceof ApiError
                  ? describeProblem(stored.error)
                  : stored.error.message
            }
          />
          {!notFound && (
            <Button variant="default" onClick={stored.reload}>
              Try again
            </Button>
          )}
        </Stack>
      </>
    );
  }
  return <PlanView assessment={stored.data} />;
}

function BackToList() {
  return (
    <Anchor component={Link} to="/plan" size="sm" fw={600} underline="hover" mb="sm" display="inline-block">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        All my plans
      </Group>
    </Anchor>
  );
}

function PlanView({ assessment }: { assessment: StoredAssessment }) {
  const citations = new Citations();
  const { decision, plan, review } = assessment;
  const current = review.current;
  return (
    <>
      <BackToList />
      <PageHeader
        title={`Your plan of ${formatIsoDate(assessment.assessedOn)}`}
        description={decisionExplanation(decision.overall)}
        badge={<DecisionBadge decision={decision.overall} size="lg" />}
        actions={
          <Button component="a" href={TAKE_ASSESSMENT_HREF} variant="default" leftSection={<IconRefresh size={18} />}>
            Take the assessment again
          </Button>
        }
      />
      <Stack gap="lg">
        <Card withBorder radius="lg" padding="lg" bg={current === null ? undefined : 'green.0'}>
          <Stack gap="xs">
            <ReviewStatus
              size="md"
              review={
                current === null
                  ? null
                  : {
                      decision: current.decision,
                      reviewedAt: current.reviewedAt,
                      reviewerName: current.reviewedBy.displayName,
                    }
              }
            />
            <Text size="sm" c="dimmed">
              {current === null
                ? 'This answer comes from your own replies. A practitioner checks it, and every answer with you at the consultation, before any treatment.'
                : 'Your practitioner still goes through everything with you at the consultation, before any treatment.'}
            </Text>
            {decision.earliestDate !== undefined && (
              <Text size="sm">
                Earliest date for a first session: <strong>{formatIsoDate(decision.earliestDate)}</strong>
              </Text>
            )}
          </Stack>
        </Card>

        <AreaAnswers assessment={assessment} citations={citations} />
        <OpenQuestions reasons={decision.reasons} citations={citations} />
        {plan.kind === 'treatment' ? (
          <TreatmentPlanView plan={plan} citations={citations} />
        ) : (
          <NotSuitableView plan={plan} citations={citations} />
        )}
        <References citations={citations} />
        <Text size="xs" c="dimmed">
          Reference {assessment.id.slice(0, 8)} · protocol {assessment.protocolVersion}. This is decision support, not a
          diagnosis.
        </Text>
      </Stack>
    </>
  );
}

function ReasonList({ reasons, citations }: { reasons: readonly ScreeningReason[]; citations: Citations }) {
  return (
    <ul className={classes.plainList}>
      {reasons.map((reason, index) => (
        <li key={`${reason.rule}-${index}`}>
          {reason.message}
          {reason.earliestDate !== undefined && <strong> Not before {formatIsoDate(reason.earliestDate)}.</strong>}
          <Sources keys={reason.sources} citations={citations} />
        </li>
      ))}
    </ul>
  );
}

function AreaAnswers({ assessment, citations }: { assessment: StoredAssessment; citations: Citations }) {
  const { decision } = assessment;
  const answered = decision.reasons.filter((reason) => reason.missingAnswer === undefined);
  const general = answered.filter((reason) => reason.area === undefined);
  const areas = Object.keys(decision.byArea) as AreaId[];
  return (
    <Section id="by-area" title="Your answer, area by area">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {areas.map((area) => {
          const own = answered.filter((reason) => reason.area === area);
          return (
            <Card key={area} withBorder radius="md" padding="md" bg="gray.0" data-testid="area-answer">
              <Stack gap="xs">
                <div className={classes.areaHead}>
                  <Title order={3} fz="md">
                    {areaName(area)}
                  </Title>
                  <DecisionBadge decision={decision.byArea[area] ?? 'physician_review'} size="sm" />
                </div>
                {own.length > 0 ? (
                  <ReasonList reasons={own} citations={citations} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {general.length > 0
                      ? 'See what applies to every area, below.'
                      : 'Nothing in your answers stands in the way here.'}
                  </Text>
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      {general.length > 0 && (
        <Stack gap="xs">
          <Title order={3} fz="md">
            For every area you chose
          </Title>
          <ReasonList reasons={general} citations={citations} />
        </Stack>
      )}
    </Section>
  );
}

function OpenQuestions({ reasons, citations }: { reasons: readonly ScreeningReason[]; citations: Citations }) {
  const open = reasons.filter((reason) => reason.missingAnswer !== undefined);
  if (open.length === 0) return null;
  return (
    <Section id="open-questions" title="Questions still open">
      <Text>
        You left these open, so the answer is more careful than it may need to be. Your practitioner will ask about
        them.
      </Text>
      <ReasonList reasons={open} citations={citations} />
    </Section>
  );
}

function Fact({ label, range, citations }: { label: string; range: SourcedRange; citations: Citations }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {rangeText(range)}
        {range.typical !== undefined && range.typical !== range.min && (
          <Text span size="sm" fw={400}>
            {' '}
            (usually {range.typical})
          </Text>
        )}
        <Sources keys={range.sources} citations={citations} />
      </dd>
    </div>
  );
}

function TreatmentPlanView({ plan, citations }: { plan: TreatmentPlan; citations: Citations }) {
  const clinic = useResource(CLINIC_URL, clinicServicesSchema);
  const services = clinic.status === 'ready' ? clinic.data.services : [];
  const currency = services[0]?.currency ?? 'USD';
  const serviceName = (code: string) => services.find((service) => service.code === code)?.name ?? code;
  const price = plan.price;
  return (
    <>
      {plan.meanwhile.length > 0 && (
        <Section id="meanwhile" title="What to do meanwhile">
          <SourcedList items={plan.meanwhile} citations={citations} />
        </Section>
      )}

      <Section id="plan" title="Your draft plan">
        {plan.status !== 'ready' && (
          <Alert variant="light" color="yellow" radius="md" icon={<IconInfoCircle aria-hidden />}>
            {plan.status === 'deferred'
              ? `This plan applies once you can start${plan.earliestStart === undefined ? '' : `, from ${formatIsoDate(plan.earliestStart)}`}.`
              : 'This plan is provisional until a doctor agrees at your consultation.'}
          </Alert>
        )}
        {plan.courses.map((course) => (
          <Stack key={course.concern} gap="xs" data-testid="course">
            <Group justify="space-between" gap="xs">
              <Title order={3} fz="md">
                {CONCERN_WORDS[course.concern].name}
              </Title>
              <Text size="sm" c="dimmed">
                {EVIDENCE_WORDS[course.evidence.level]}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              Areas: {course.areas.map(areaName).join(', ')}
            </Text>
            {course.recommended ? (
              <dl className={classes.facts}>
                {course.sessions !== undefined && (
                  <Fact label="Sessions" range={course.sessions} citations={citations} />
                )}
                {course.intervalWeeks !== undefined && (
                  <Fact label="Weeks apart" range={course.intervalWeeks} citations={citations} />
                )}
                {course.results !== undefined && (
                  <Fact
                    label={`Results judged, after the ${course.results.after === 'first_session' ? 'first' : 'last'} session`}
                    range={course.results.range}
                    citations={citations}
                  />
                )}
              </dl>
            ) : (
              <Text size="sm">
                We do not plan a course for this concern: the evidence is too weak. Your practitioner will talk with you
                about other options.
              </Text>
            )}
          </Stack>
        ))}
        <dl className={classes.facts}>
          <Fact label="Downtime after each session" range={plan.downtimeDays} citations={citations} />
        </dl>
      </Section>

      <Section id="depth" title="Needle depth by area">
        <Text size="sm">
          {plan.device.titration.text}
          <Sources keys={plan.device.titration.sources} citations={citations} />
        </Text>
        <ul className={classes.plainList}>
          {plan.zones.map((zone) => (
            <li key={zone.area}>
              <strong>{areaName(zone.area)}:</strong>{' '}
              {zone.depthMm === null ? 'set from the device instructions, starting low' : rangeText(zone.depthMm)}
              {zone.depthMm !== null && <Sources keys={zone.depthMm.sources} citations={citations} />}
            </li>
          ))}
          {plan.excludedAreas.map((excluded) => (
            <li key={excluded.area}>
              <strong>{areaName(excluded.area)}:</strong> not treated
            </li>
          ))}
        </ul>
      </Section>

      {plan.precautions.length > 0 && (
        <Section id="precautions" title="Precautions in your plan">
          <SourcedList items={plan.precautions} citations={citations} />
        </Section>
      )}

      <Section id="aftercare" title="Aftercare, day by day">
        <Timeline bulletSize={14} lineWidth={2} color="puncta">
          {plan.aftercare.map((step) => (
            <Timeline.Item key={`${step.fromDay}-${step.toDay}`} title={<Text fw={600}>{stepTitle(step)}</Text>}>
              <Stack gap={4} mt={4}>
                {step.expect.length > 0 && <CareLine label="What to expect" items={step.expect} />}
                {step.do.length > 0 && <CareLine label="Do" items={step.do} />}
                {step.avoid.length > 0 && <CareLine label="Avoid" items={step.avoid} />}
                <Text size="sm">
                  <Sources keys={step.sources} citations={citations} />
                </Text>
              </Stack>
            </Timeline.Item>
          ))}
        </Timeline>
      </Section>

      <Section id="red-flags" title="Call the clinic if you notice">
        <SourcedList items={plan.redFlags} citations={citations} />
      </Section>

      <Section id="price" title="What it may cost">
        {price.lines.length > 0 && (
          <Text fz={26} fw={700} data-testid="price-range">
            {formatPrice(price.minCents, currency)} to {formatPrice(price.maxCents, currency)}
          </Text>
        )}
        {price.lines.length > 0 && (
          <ul className={classes.plainList} aria-label="Price estimate by service">
            {price.lines.map((line) => (
              <li key={line.serviceCode}>
                <strong>
                  {serviceName(line.serviceCode)}
                  {line.units > 1 && ` × ${line.units} areas`}
                </strong>
                {', '}
                {formatRange(line.sessions.min, line.sessions.max, 'sessions')}
                {': '}
                {line.minCents === line.maxCents
                  ? formatPrice(line.minCents, currency)
                  : `${formatPrice(line.minCents, currency)} to ${formatPrice(line.maxCents, currency)}`}
              </li>
            ))}
          </ul>
        )}
        <Text size="sm" c="dimmed">
          {price.note}
        </Text>
      </Section>

      <Section id="expectations" title="What micro-needling can and cannot promise">
        <SourcedList items={plan.expectations} citations={citations} />
      </Section>
    </>
  );
}

/** "Day 0: Treatment day", "Days 8–14: Week 2"; a title that already names its days stands alone. */
function stepTitle(step: TreatmentPlan['aftercare'][number]): string {
  if (/^days? \d/i.test(step.title)) return step.title;
  const days = step.fromDay === step.toDay ? `Day ${step.fromDay}` : `Days ${step.fromDay}–${step.toDay}`;
  return `${days}: ${step.title}`;
}

function CareLine({ label, items }: { label: string; items: readonly string[] }) {
  return (
    <Text size="sm">
      <strong>{label}:</strong> {items.join(' ')}
    </Text>
  );
}

function NotSuitableView({ plan, citations }: { plan: NotSuitablePlan; citations: Citations }) {
  return (
    <>
      <Section id="plan" title="Why there is no treatment plan">
        <SourcedList items={plan.explanation} citations={citations} />
        {plan.alternatives.length > 0 && (
          <>
            <Title order={3} fz="md">
              Options to talk about with a doctor
            </Title>
            <SourcedList items={plan.alternatives} citations={citations} />
          </>
        )}
      </Section>
      <Section id="expectations" title="What micro-needling can and cannot promise">
        <SourcedList items={plan.expectations} citations={citations} />
      </Section>
    </>
  );
}

/** Rendered last, so every key cited above it is in the list. */
function References({ citations }: { citations: Citations }) {
  const sources = SOURCES as Record<string, { tier: string; title: string; url: string } | undefined>;
  if (citations.keys.length === 0) return null;
  return (
    <Section id="sources" title="Sources">
      <Text size="sm" c="dimmed">
        Each source named above, and what it is. Kinds: L labelling or regulation, SR systematic review, C consensus, P
        clinical study, R review, CL clinic or vendor page (practice convention only).
      </Text>
      <List type="ordered" className={classes.references} size="sm" spacing={0}>
        {citations.keys.map((key) => {
          const source = sources[key];
          return (
            <List.Item key={key} id={`source-${key}`}>
              <strong>{key}</strong>{' '}
              {source === undefined ? (
                'Reference in the clinical fact base.'
              ) : (
                <>
                  <Anchor href={source.url} target="_blank" rel="noopener noreferrer" inherit>
                    {source.title}
                  </Anchor>{' '}
                  ({source.tier})
                </>
              )}
            </List.Item>
          );
        })}
      </List>
    </Section>
  );
}
