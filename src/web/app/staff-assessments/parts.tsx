// Pieces the assessment screens share: the screener's answer as a coloured badge,
// the sign-off status, and the sources behind a statement.
import type { ReactNode } from 'react';
import { Anchor, Badge, Box, Text, Title, type BadgeProps } from '@mantine/core';
import type { Decision } from './api.ts';
import { DECISION_WORDS, TIER_WORDS, sourceInfo } from './words.ts';

export function DecisionBadge({ decision, size = 'md' }: { decision: Decision; size?: BadgeProps['size'] }) {
  const words = DECISION_WORDS[decision];
  return (
    <Badge
      color={words.color}
      variant="light"
      size={size}
      radius="sm"
      style={{ textTransform: 'none', minWidth: 'max-content' }}
    >
      {words.label}
    </Badge>
  );
}

export function ReviewStatusBadge({ status }: { status: 'pending' | 'signed_off' }) {
  return status === 'pending' ? (
    <Badge color="gray" variant="outline" radius="sm" style={{ textTransform: 'none', minWidth: 'max-content' }}>
      Waiting for review
    </Badge>
  ) : (
    <Badge color="puncta" variant="light" radius="sm" style={{ textTransform: 'none', minWidth: 'max-content' }}>
      Signed off
    </Badge>
  );
}

/** The sources of a statement, each linking to the text it cites, with its kind. */
export function SourceList({ sources, label = 'Sources' }: { sources: readonly string[]; label?: string }) {
  if (sources.length === 0) return null;
  return (
    <Box>
      <Text size="xs" fw={600} c="dimmed" component="span">
        {label}:{' '}
      </Text>
      <Box component="ul" m={0} p={0} style={{ display: 'inline', listStyle: 'none' }}>
        {sources.map((key, index) => {
          const info = sourceInfo(key);
          return (
            <Text component="li" size="xs" key={key} style={{ display: 'inline' }}>
              {'url' in info ? (
                <Anchor href={info.url} target="_blank" rel="noreferrer" size="xs" title={info.title}>
                  {key}
                </Anchor>
              ) : (
                key
              )}
              {'tier' in info && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({TIER_WORDS[info.tier] ?? info.tier})
                </Text>
              )}
              {index < sources.length - 1 && ', '}
            </Text>
          );
        })}
      </Box>
    </Box>
  );
}

/** A titled card section whose heading names it for screen readers. */
export function Section({
  id,
  title,
  children,
  aside,
}: {
  id: string;
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <Box
      component="section"
      aria-labelledby={id}
      p={{ base: 'md', sm: 'lg' }}
      bg="white"
      // scroll-margin: a link to the section (#sign-off) stops below the fixed header.
      style={{
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-lg)',
        scrollMarginTop: 80,
      }}
    >
      <Box mb="md" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Title order={2} fz="lg" id={id} style={{ flex: '1 1 auto' }}>
          {title}
        </Title>
        {aside}
      </Box>
      {children}
    </Box>
  );
}
