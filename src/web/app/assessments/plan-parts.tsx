// Pieces the "My plan" list and the plan itself share: the answer as a badge, the
// practitioner's review in a sentence, and dates in the clinic's time zone.
import { useMemo } from 'react';
import { Badge, Group, Text, ThemeIcon } from '@mantine/core';
import { IconHourglassHigh, IconStethoscope } from '@tabler/icons-react';
import type { Decision } from '../../../domain/clinical/vocabulary.ts';
import { useSession } from '../auth/session-context.tsx';
import { decisionBadges } from './decision-words.ts';

export function DecisionBadge({ decision, size = 'md' }: { decision: Decision; size?: 'sm' | 'md' | 'lg' }) {
  const badge = decisionBadges[decision];
  return (
    <Badge color={badge.color} variant="light" size={size} radius="sm" tt="none" style={{ flexShrink: 0 }}>
      {badge.label}
    </Badge>
  );
}

/** "November 26, 2025" for a moment, as a day in the clinic's time zone (as the public pages write dates). */
export function useDayFormat(): (iso: string) => string {
  const { state } = useSession();
  const timeZone = state.status === 'signed_in' ? state.session.clinic.timeZone : undefined;
  return useMemo(() => {
    const format = new Intl.DateTimeFormat('en-US', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    return (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [timeZone]);
}

export interface ReviewView {
  decision: Decision;
  reviewedAt: string;
  reviewerName: string;
}

/** "Reviewed by Dr. Maya Patel on November 26, 2025: Go ahead", or that it is still waiting. */
export function reviewSentence(review: ReviewView | null, formatDay: (iso: string) => string): string {
  if (review === null) return 'Waiting for a practitioner’s review';
  return `Reviewed by ${review.reviewerName} on ${formatDay(review.reviewedAt)}: ${decisionBadges[review.decision].label}`;
}

export function ReviewStatus({ review, size = 'sm' }: { review: ReviewView | null; size?: 'sm' | 'md' }) {
  const formatDay = useDayFormat();
  const reviewed = review !== null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="review-status">
      <ThemeIcon size={size === 'sm' ? 22 : 28} radius="xl" variant="light" color={reviewed ? 'green' : 'gray'}>
        {reviewed ? (
          <IconStethoscope size={size === 'sm' ? 14 : 18} aria-hidden />
        ) : (
          <IconHourglassHigh size={size === 'sm' ? 14 : 18} aria-hidden />
        )}
      </ThemeIcon>
      <Text size={size} fw={reviewed ? 600 : 400} c={reviewed ? undefined : 'dimmed'}>
        {reviewSentence(review, formatDay)}
      </Text>
    </Group>
  );
}
