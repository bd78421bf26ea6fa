// Small pieces the article screens share: the state badge and the words for states and concerns.
import { Badge } from '@mantine/core';
import { INDICATIONS } from '../../../domain/clinical/indications.ts';
import { CONCERN_IDS, type ConcernId } from '../../../domain/clinical/vocabulary.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import type { ArticleState } from './api.ts';

export const STATE_WORDS: Readonly<Record<ArticleState, { label: string; color: string }>> = {
  draft: { label: 'Draft', color: 'gray' },
  scheduled: { label: 'Scheduled', color: 'blue' },
  published: { label: 'Published', color: 'green' },
  deleted: { label: 'Deleted', color: 'red' },
};

/** "Draft", "Published", or "Scheduled for Dec 1, 2026, 9:00 AM" in the clinic's time. */
export function StateBadge({ state, publishAt }: { state: ArticleState; publishAt: string | null }) {
  const formatDate = useDateTimeFormat();
  const words = STATE_WORDS[state];
  const label = state === 'scheduled' && publishAt !== null ? `Scheduled for ${formatDate(publishAt)}` : words.label;
  return (
    <Badge variant="light" color={words.color} size="md" radius="sm" style={{ textTransform: 'none' }}>
      {label}
    </Badge>
  );
}

export const CONCERN_OPTIONS: { value: ConcernId; label: string }[] = CONCERN_IDS.map((id) => ({
  value: id,
  label: INDICATIONS[id].name,
}));
