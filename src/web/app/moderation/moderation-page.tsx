// The comment moderation screen: the queue in four tabs (waiting, likely spam,
// approved, rejected), each comment with its article, author, email (staff
// only), why it was held in plain words, and the actions a moderator needs.
// The tab lives in the address (?tab=spam), so Back and bookmarks work.
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import {
  IconBan,
  IconCheck,
  IconDotsVertical,
  IconEdit,
  IconInfoCircle,
  IconLock,
  IconLockOpen,
  IconMessageReply,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { Dialog } from '../forms/dialog.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { PageHeader } from '../pages/page-header.tsx';
import {
  COMMENT_LIMITS,
  REASON_WORDS,
  moderationApi,
  type ModerationComment,
  type ModerationList,
  type ModerationStatus,
} from './api.ts';
import { BlocklistPanel, SettingsPanel } from './moderation-panels.tsx';

const TABS: { value: ModerationStatus; label: string; empty: string }[] = [
  { value: 'pending', label: 'Waiting', empty: 'Nothing is waiting. New comments that need a look appear here.' },
  { value: 'spam', label: 'Likely spam', empty: 'No likely spam. Comments sorted as spam never appear on the site.' },
  { value: 'approved', label: 'Approved', empty: 'No approved comments yet.' },
  { value: 'rejected', label: 'Rejected', empty: 'No rejected comments.' },
];

function tabFrom(value: string | null): ModerationStatus {
  return TABS.find((tab) => tab.value === value)?.value ?? 'pending';
}

type ListState =
  | { status: 'loading' }
  | { status: 'ready'; list: ModerationList; tab: ModerationStatus }
  | { status: 'error'; message: string };

type DialogState =
  | { kind: 'reply'; comment: ModerationComment }
  | { kind: 'edit'; comment: ModerationComment }
  | { kind: 'delete'; comment: ModerationComment };

export function ModerationPage() {
  const session = useSignedInSession();
  const [params, setParams] = useSearchParams();
  const tab = tabFrom(params.get('tab'));
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const reload = useCallback(() => setAttempt((count) => count + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    // Reloading the same tab keeps the list on screen; another tab starts from a skeleton.
    setState((previous) => (previous.status === 'ready' && previous.tab === tab ? previous : { status: 'loading' }));
    moderationApi.list(tab, controller.signal).then(
      (list) => setState({ status: 'ready', list, tab }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          message: error instanceof ApiError ? describeProblem(error) : 'We could not load the comments.',
        });
      },
    );
    return () => controller.abort();
  }, [tab, attempt]);

  /** Runs an action on a comment, then says what happened and reloads the tab. */
  const act = useCallback(
    async (action: () => Promise<unknown>, message: string) => {
      setActionError(undefined);
      try {
        await action();
        setNotice(message);
        reload();
      } catch (error) {
        setNotice(undefined);
        setActionError(error instanceof ApiError ? describeProblem(error) : 'That did not work. Try again.');
      }
    },
    [reload],
  );

  const counts = state.status === 'ready' ? state.list.counts : undefined;
  const isAdmin = session.role === 'clinic_admin';

  return (
    <>
      <PageHeader
        title="Comments"
        description="Questions and comments under the clinic’s articles. Nothing from a new commenter appears on the site until someone here approves it."
      />
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Tabs
              value={tab}
              onChange={(value) => {
                setNotice(undefined);
                setActionError(undefined);
                setParams(value === 'pending' || value === null ? {} : { tab: value }, { replace: true });
              }}
            >
              <Tabs.List>
                {TABS.map((item) => (
                  <Tabs.Tab
                    key={item.value}
                    value={item.value}
                    rightSection={
                      counts === undefined ? undefined : (
                        <Badge
                          size="sm"
                          variant={item.value === tab ? 'filled' : 'light'}
                          color={item.value === 'spam' ? 'red' : 'puncta'}
                        >
                          {counts[item.value]}
                        </Badge>
                      )
                    }
                  >
                    {item.label}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {TABS.map((item) => (
                <Tabs.Panel key={item.value} value={item.value} pt="md">
                  {item.value === tab && (
                    <Stack gap="md">
                      {notice !== undefined && <FormSuccess>{notice}</FormSuccess>}
                      <FormError message={actionError} />
                      {state.status === 'loading' && <QueueSkeleton />}
                      {state.status === 'error' && (
                        <FormError title="We could not load the comments" message={state.message} />
                      )}
                      {state.status === 'ready' && state.list.comments.length === 0 && (
                        <Card withBorder radius="lg" p="xl">
                          <Text c="dimmed">{TABS.find((item) => item.value === tab)?.empty}</Text>
                        </Card>
                      )}
                      {state.status === 'ready' && (
                        <Stack gap="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Comments">
                          {state.list.comments.map((comment) => (
                            <CommentCard
                              key={comment.id}
                              comment={comment}
                              onApprove={() =>
                                void act(
                                  () => moderationApi.approve(comment.id),
                                  `Approved: ${comment.authorName}’s comment is on the site.`,
                                )
                              }
                              onReject={() =>
                                void act(
                                  () => moderationApi.reject(comment.id),
                                  'Rejected. It will not appear on the site.',
                                )
                              }
                              onSpam={() => void act(() => moderationApi.markSpam(comment.id), 'Marked as spam.')}
                              onBlock={(kind) =>
                                void act(
                                  () => moderationApi.block(comment.id, kind),
                                  kind === 'email'
                                    ? 'Email blocked: later comments from it go to Likely spam.'
                                    : 'Network address blocked: later comments from it go to Likely spam.',
                                )
                              }
                              onToggleClosed={() =>
                                void act(
                                  () =>
                                    moderationApi.setCommentsClosed(
                                      comment.article.id,
                                      !comment.article.commentsClosed,
                                    ),
                                  comment.article.commentsClosed
                                    ? `Comments are open again on “${comment.article.title}”.`
                                    : `Comments are closed on “${comment.article.title}”.`,
                                )
                              }
                              onDialog={setDialog}
                            />
                          ))}
                        </Stack>
                      )}
                    </Stack>
                  )}
                </Tabs.Panel>
              ))}
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            {isAdmin && <SettingsPanel />}
            <BlocklistPanel />
          </Stack>
        </Grid.Col>
      </Grid>

      <TextDialog
        comment={dialog?.kind === 'reply' ? dialog.comment : undefined}
        title="Reply as the clinic"
        label="Your answer"
        description={(comment) =>
          `Published at once under ${comment.authorName}’s comment, with your name and the “Answer from the clinic” badge.${comment.status === 'pending' ? ' Their comment is approved with it.' : ''}`
        }
        initial={() => ''}
        submitLabel="Publish answer"
        onClose={() => setDialog(undefined)}
        onSubmit={async (comment, text) => {
          await moderationApi.reply(comment.id, text);
          setDialog(undefined);
          setNotice('Your answer is published.');
          reload();
        }}
      />
      <TextDialog
        comment={dialog?.kind === 'edit' ? dialog.comment : undefined}
        title="Edit the comment"
        label="Text"
        description={() =>
          'The site shows that the clinic edited it. Fix typing or remove personal details; keep the meaning.'
        }
        initial={(comment) => comment.body}
        submitLabel="Save"
        onClose={() => setDialog(undefined)}
        onSubmit={async (comment, text) => {
          await moderationApi.edit(comment.id, text);
          setDialog(undefined);
          setNotice('Saved.');
          reload();
        }}
      />
      <Dialog opened={dialog?.kind === 'delete'} onClose={() => setDialog(undefined)} title="Delete this comment?">
        <Stack gap="md">
          <Text>
            Its text, name and email address are removed for good. Replies to it stay, under a note that it was deleted.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setDialog(undefined)}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={() => {
                const target = dialog?.comment;
                setDialog(undefined);
                if (target !== undefined) void act(() => moderationApi.remove(target.id), 'Deleted.');
              }}
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </>
  );
}

function QueueSkeleton() {
  return (
    <Stack gap="md" role="status" aria-busy="true" aria-label="Loading comments">
      {[0, 1, 2].map((index) => (
        <Skeleton key={index} height={150} radius="lg" />
      ))}
    </Stack>
  );
}

const STATUS_BADGE: Record<ModerationComment['status'], { label: string; color: string }> = {
  pending: { label: 'Waiting', color: 'yellow' },
  approved: { label: 'Approved', color: 'green' },
  spam: { label: 'Likely spam', color: 'red' },
  rejected: { label: 'Rejected', color: 'gray' },
  deleted: { label: 'Deleted', color: 'gray' },
};

function reasonText(code: string): string {
  return code in REASON_WORDS ? REASON_WORDS[code as keyof typeof REASON_WORDS] : code;
}

function CommentCard({
  comment,
  onApprove,
  onReject,
  onSpam,
  onBlock,
  onToggleClosed,
  onDialog,
}: {
  comment: ModerationComment;
  onApprove: () => void;
  onReject: () => void;
  onSpam: () => void;
  onBlock: (kind: 'email' | 'ip') => void;
  onToggleClosed: () => void;
  onDialog: (dialog: DialogState) => void;
}) {
  const format = useDateTimeFormat();
  const badge = STATUS_BADGE[comment.status];
  const author = comment.fromClinic?.staffName ?? comment.authorName;
  return (
    <Card component="li" withBorder radius="lg" padding="lg" aria-label={`Comment by ${author}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" c="dimmed">
              On{' '}
              <Anchor href={`/articles/${comment.article.slug}#comments`} target="_blank" rel="noopener" size="sm">
                {comment.article.title}
              </Anchor>
              {comment.article.commentsClosed && ' (comments closed)'} · {format(comment.createdAt)}
            </Text>
            <Group gap="xs" wrap="wrap">
              <Text fw={650}>{author}</Text>
              {comment.fromClinic !== null && (
                <Badge size="sm" variant="light" color="puncta">
                  Answer from the clinic
                </Badge>
              )}
              <Badge size="sm" variant="light" color={badge.color}>
                {badge.label}
              </Badge>
              {comment.status === 'spam' && (
                <Badge size="sm" variant="outline" color="red">
                  Spam score {comment.spamScore}
                </Badge>
              )}
            </Group>
            {comment.authorEmail !== null && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {comment.authorEmail}
                {comment.notifyReplies && ' · wants emails about replies'}
                {comment.authorWebsite !== null && ` · ${comment.authorWebsite}`}
              </Text>
            )}
          </Stack>
          <MoreActions
            comment={comment}
            onReject={onReject}
            onSpam={onSpam}
            onBlock={onBlock}
            onToggleClosed={onToggleClosed}
            onDialog={onDialog}
          />
        </Group>

        {comment.parent !== null && (
          <Text size="sm" c="dimmed" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)', paddingLeft: 10 }}>
            In reply to {comment.parent.authorName || 'a deleted comment'}: “{comment.parent.excerpt}”
          </Text>
        )}

        {comment.heldReasons.length > 0 && comment.status !== 'approved' && (
          <Alert
            variant="light"
            color={comment.status === 'spam' ? 'red' : 'yellow'}
            radius="md"
            icon={<IconInfoCircle aria-hidden />}
            title={comment.status === 'spam' ? 'Why it looks like spam' : 'Why it is waiting'}
          >
            <Stack gap={2} component="ul" m={0} pl="md">
              {comment.heldReasons.map((reason) => (
                <Text component="li" size="sm" key={reason}>
                  {reasonText(reason)}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}

        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{comment.body}</Text>
        {comment.editedAt !== null && (
          <Text size="xs" c="dimmed">
            Edited by {comment.editedBy ?? 'the clinic'} · {format(comment.editedAt)}
          </Text>
        )}

        <Group gap="sm">
          {comment.status !== 'approved' && (
            <Button size="sm" leftSection={<IconCheck size={16} aria-hidden />} onClick={onApprove}>
              Approve
            </Button>
          )}
          {(comment.status === 'approved' || comment.status === 'pending') && (
            <Button
              size="sm"
              variant="light"
              leftSection={<IconMessageReply size={16} aria-hidden />}
              onClick={() => onDialog({ kind: 'reply', comment })}
            >
              Reply as the clinic
            </Button>
          )}
          {comment.status === 'pending' && (
            <Button size="sm" variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={onReject}>
              Reject
            </Button>
          )}
          {comment.status !== 'spam' && comment.fromClinic === null && (
            <Button
              size="sm"
              variant="default"
              color="red"
              leftSection={<IconBan size={16} aria-hidden />}
              onClick={onSpam}
            >
              Spam
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function MoreActions({
  comment,
  onReject,
  onSpam,
  onBlock,
  onToggleClosed,
  onDialog,
}: {
  comment: ModerationComment;
  onReject: () => void;
  onSpam: () => void;
  onBlock: (kind: 'email' | 'ip') => void;
  onToggleClosed: () => void;
  onDialog: (dialog: DialogState) => void;
}) {
  const fromPublic = comment.fromClinic === null;
  return (
    <Menu position="bottom-end" shadow="md" width={250} radius="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="sm"
          px={8}
          aria-label={`More actions for the comment by ${comment.authorName}`}
        >
          <IconDotsVertical size={18} aria-hidden />
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconEdit size={16} aria-hidden />} onClick={() => onDialog({ kind: 'edit', comment })}>
          Edit text
        </Menu.Item>
        {comment.status !== 'rejected' && (
          <Menu.Item leftSection={<IconX size={16} aria-hidden />} onClick={onReject}>
            Reject
          </Menu.Item>
        )}
        {comment.status !== 'spam' && fromPublic && (
          <Menu.Item leftSection={<IconBan size={16} aria-hidden />} onClick={onSpam}>
            Mark as spam
          </Menu.Item>
        )}
        {fromPublic && (
          <>
            <Menu.Divider />
            <Menu.Item leftSection={<IconBan size={16} aria-hidden />} onClick={() => onBlock('email')}>
              Block this email
            </Menu.Item>
            <Menu.Item leftSection={<IconBan size={16} aria-hidden />} onClick={() => onBlock('ip')}>
              Block this network address
            </Menu.Item>
          </>
        )}
        <Menu.Divider />
        <Menu.Item
          leftSection={
            comment.article.commentsClosed ? <IconLockOpen size={16} aria-hidden /> : <IconLock size={16} aria-hidden />
          }
          onClick={onToggleClosed}
        >
          {comment.article.commentsClosed ? 'Open comments on this article' : 'Close comments on this article'}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => onDialog({ kind: 'delete', comment })}
        >
          Delete
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function TextDialog({
  comment,
  title,
  label,
  description,
  initial,
  submitLabel,
  onClose,
  onSubmit,
}: {
  comment: ModerationComment | undefined;
  title: string;
  label: string;
  description: (comment: ModerationComment) => string;
  initial: (comment: ModerationComment) => string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (comment: ModerationComment, text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const form = useSubmit({ invalid_body: 'body' });
  const { reset } = form;
  useEffect(() => {
    if (comment !== undefined) {
      setText(initial(comment));
      reset();
    }
    // `initial` is a new function on every render: only a new comment starts the text over.
  }, [comment, reset]);

  const trimmed = text.trim();
  return (
    <Dialog opened={comment !== undefined} onClose={onClose} title={title} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (comment === undefined) return;
          void form.submit(() => onSubmit(comment, trimmed), {
            body:
              trimmed.length < COMMENT_LIMITS.bodyMin
                ? 'Write a few words.'
                : trimmed.length > COMMENT_LIMITS.bodyMax
                  ? `Keep it under ${COMMENT_LIMITS.bodyMax} characters.`
                  : undefined,
          });
        }}
      >
        <Stack gap="md">
          {comment !== undefined && (
            <Text size="sm" c="dimmed">
              {description(comment)}
            </Text>
          )}
          {comment !== undefined && title.startsWith('Reply') && (
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap', borderLeft: '3px solid var(--mantine-color-gray-3)', paddingLeft: 10 }}
            >
              {comment.body}
            </Text>
          )}
          <Textarea
            label={label}
            autosize
            minRows={5}
            maxRows={14}
            maxLength={COMMENT_LIMITS.bodyMax}
            {...form.bind('body', text, setText)}
            data-autofocus
          />
          <FormError message={form.formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
