// Every saved version of the article, newest first. Opening one shows its
// title, summary and text; restoring it saves that content as a new version,
// so nothing in the history is ever lost.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Code, Group, ScrollArea, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { Dialog } from '../forms/dialog.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { articlesApi, type Revision, type RevisionListItem } from './api.ts';

type ListState =
  { status: 'loading' } | { status: 'ready'; revisions: RevisionListItem[] } | { status: 'error'; message: string };

export function RevisionsCard({
  articleId,
  currentVersion,
  refresh,
  dirty,
  readOnly,
  onRestore,
}: {
  articleId: string;
  currentVersion: number;
  /** Changes after every save, to load the list again. */
  refresh: number;
  dirty: boolean;
  readOnly: boolean;
  onRestore: (revision: Revision) => void;
}) {
  const formatDate = useDateTimeFormat();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [open, setOpen] = useState<number | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    articlesApi.revisions(articleId, controller.signal).then(
      (result) => setList({ status: 'ready', revisions: result.revisions }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setList({
          status: 'error',
          message: error instanceof ApiError ? describeProblem(error) : 'We could not load the revisions.',
        });
      },
    );
    return () => controller.abort();
  }, [articleId, refresh]);

  return (
    <Card withBorder radius="lg" p="lg">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          Revisions
        </Title>
        {list.status === 'loading' && <Skeleton height={80} />}
        {list.status === 'error' && <FormError message={list.message} />}
        {list.status === 'ready' && (
          <Stack component="ol" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Revisions">
            {list.revisions.map((revision) => (
              <Group
                component="li"
                key={revision.version}
                justify="space-between"
                wrap="nowrap"
                py={8}
                style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      Version {revision.version}
                    </Text>
                    {revision.version === currentVersion && (
                      <Badge size="xs" variant="light" color="puncta">
                        Current
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDate(revision.createdAt)} · {revision.editedBy.displayName}
                  </Text>
                </Stack>
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconHistory size={14} aria-hidden />}
                  onClick={() => setOpen(revision.version)}
                  aria-label={`View version ${revision.version}`}
                >
                  View
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      <RevisionDialog
        articleId={articleId}
        version={open}
        current={open === currentVersion}
        dirty={dirty}
        readOnly={readOnly}
        onClose={() => setOpen(undefined)}
        onRestore={(revision) => {
          setOpen(undefined);
          onRestore(revision);
        }}
      />
    </Card>
  );
}

function RevisionDialog({
  articleId,
  version,
  current,
  dirty,
  readOnly,
  onClose,
  onRestore,
}: {
  articleId: string;
  version: number | undefined;
  current: boolean;
  dirty: boolean;
  readOnly: boolean;
  onClose: () => void;
  onRestore: (revision: Revision) => void;
}) {
  const formatDate = useDateTimeFormat();
  const [revision, setRevision] = useState<Revision | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setRevision(undefined);
    setError(undefined);
    if (version === undefined) return undefined;
    const controller = new AbortController();
    articlesApi.revision(articleId, version, controller.signal).then(setRevision, (caught: unknown) => {
      if (controller.signal.aborted) return;
      setError(caught instanceof ApiError ? describeProblem(caught) : 'We could not load this version.');
    });
    return () => controller.abort();
  }, [articleId, version]);

  return (
    <Dialog opened={version !== undefined} onClose={onClose} title={`Version ${version ?? ''}`} size="lg">
      <Stack gap="md">
        <FormError message={error} />
        {revision === undefined && error === undefined && <Skeleton height={160} />}
        {revision !== undefined && (
          <>
            <Text size="sm" c="dimmed">
              Saved {formatDate(revision.createdAt)} by {revision.editedBy.displayName}
            </Text>
            <Stack gap={4}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                Title
              </Text>
              <Text fw={600}>{revision.title}</Text>
            </Stack>
            <Stack gap={4}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                Summary
              </Text>
              <Text size="sm">{revision.summary === '' ? '—' : revision.summary}</Text>
            </Stack>
            <Stack gap={4}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                Text (Markdown)
              </Text>
              <ScrollArea.Autosize mah={320} type="auto">
                <Code block style={{ whiteSpace: 'pre-wrap' }}>
                  {revision.bodyMarkdown === '' ? '(empty)' : revision.bodyMarkdown}
                </Code>
              </ScrollArea.Autosize>
            </Stack>
            {!current && !readOnly && (
              <Text size="sm">
                Restoring saves this title, summary and text as a new version; the versions in between stay in the
                history.{dirty && ' Your unsaved changes in the editor are replaced.'}
              </Text>
            )}
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          {!current && !readOnly && (
            <Button disabled={revision === undefined} onClick={() => revision !== undefined && onRestore(revision)}>
              Restore this version
            </Button>
          )}
        </Group>
      </Stack>
    </Dialog>
  );
}
