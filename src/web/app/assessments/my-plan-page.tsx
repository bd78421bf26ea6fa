// "My plan": the patient's self-assessments, newest first, each with its answer in
// plain words and whether a practitioner has reviewed it.
import { Link } from 'react-router';
import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconClipboardHeart, IconRefresh } from '@tabler/icons-react';
import { useResource } from '../api/fetch-json.ts';
import { LoadFailed, LoadingPlaceholders } from '../pages/load-states.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import { CONCERN_WORDS, areaName, formatIsoDate } from '../../public/plan/words.ts';
import { MY_ASSESSMENTS_URL, ownAssessmentListSchema, type OwnAssessment } from './my-plan-api.ts';
import { DecisionBadge, ReviewStatus } from './plan-parts.tsx';
import classes from './my-plan.module.css';

/** The public questionnaire: a page of the site, not of the app, so a full page load. */
export const TAKE_ASSESSMENT_HREF = '/plan';

export function MyPlanPage() {
  const list = useResource(MY_ASSESSMENTS_URL, ownAssessmentListSchema);
  const plans = list.status === 'ready' ? list.data.assessments : [];
  return (
    <>
      <PageHeader
        title="My plan"
        description="Your answers to “Plan my treatment”: whether micro-needling suits you, and a draft plan for each time you took it."
        actions={
          list.status === 'ready' && plans.length > 0 ? (
            <Button component="a" href={TAKE_ASSESSMENT_HREF} variant="default" leftSection={<IconRefresh size={18} />}>
              Take the assessment again
            </Button>
          ) : undefined
        }
      />
      {list.status === 'loading' && <LoadingPlaceholders height={112} radius="lg" />}
      {list.status === 'error' && (
        <LoadFailed title="We could not load your plans" error={list.error} onRetry={list.reload} />
      )}
      {list.status === 'ready' && plans.length === 0 && <NoPlanYet />}
      {list.status === 'ready' && plans.length > 0 && (
        <ul className={classes.planList} aria-label="Your plans">
          {plans.map((plan) => (
            <li key={plan.id}>
              <PlanCard plan={plan} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function concernList(plan: OwnAssessment): string {
  const names = plan.concerns.map((concern) => CONCERN_WORDS[concern].name);
  if (names.length <= 1) return names[0] ?? 'Your plan';
  return `${names.slice(0, -1).join(', ')} and ${(names.at(-1) ?? '').toLowerCase()}`;
}

function PlanCard({ plan }: { plan: OwnAssessment }) {
  return (
    <Card withBorder radius="lg" padding="lg" className={classes.planCard} component="article">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
            <Title order={2} fz="lg">
              <Link to={`/plan/${plan.id}`} className={classes.planLink}>
                {concernList(plan)}
              </Link>
            </Title>
            <Text size="sm" c="dimmed">
              {formatIsoDate(plan.assessedOn)} · {plan.areas.map(areaName).join(', ')}
            </Text>
          </Stack>
          <DecisionBadge decision={plan.overallDecision} />
        </Group>
        <Group justify="space-between" align="center" gap="sm" wrap="nowrap">
          <ReviewStatus review={plan.latestReview} />
          <IconArrowRight size={20} aria-hidden color="var(--mantine-color-puncta-7)" style={{ flexShrink: 0 }} />
        </Group>
      </Stack>
    </Card>
  );
}

function NoPlanYet() {
  return (
    <Card withBorder radius="lg" p="xl">
      <Stack align="center" gap="sm" ta="center" maw={520} mx="auto">
        <ThemeIcon size={56} radius="xl" variant="light" color="puncta">
          <IconClipboardHeart size={30} stroke={1.6} aria-hidden />
        </ThemeIcon>
        <Title order={2} fz="lg">
          You have no plan yet
        </Title>
        <Text c="dimmed">
          Answer a few questions about your skin and your health. It takes about five minutes, and you get an answer on
          whether micro-needling suits you, with the reasons and a draft plan. Plans you make while signed in are kept
          here, and a practitioner reviews them.
        </Text>
        <Button component="a" href={TAKE_ASSESSMENT_HREF} size="md" rightSection={<IconArrowRight size={18} />}>
          Plan my treatment
        </Button>
      </Stack>
    </Card>
  );
}
