// The article's text: a Markdown field with a live preview beside it on wide
// screens and behind a tab on narrow ones. The preview is the server's own
// rendering (the same renderer and sanitizer as a save), asked for 400 ms after
// typing stops. "Insert image" uploads a picture and puts its Markdown where
// the cursor was.
import { useEffect, useRef, useState } from 'react';
import { Box, Button, Group, Loader, Stack, Tabs, Text, Textarea, Typography } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPhotoPlus } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { describeProblem } from '../forms/problem-text.ts';
import { ARTICLE_LIMITS, articlesApi, utf8Length, type Preview } from './api.ts';
import { ImageDialog } from './image-dialog.tsx';
import classes from './editor.module.css';

const PREVIEW_DELAY_MS = 400;

type PreviewState =
  | { status: 'idle' }
  | { status: 'loading'; last: Preview | undefined }
  | { status: 'ready'; preview: Preview }
  | { status: 'error'; message: string; last: Preview | undefined };

function usePreview(markdown: string): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  useEffect(() => {
    if (markdown.trim() === '') {
      setState({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', last: lastPreview(previous) }));
    const timer = window.setTimeout(() => {
      articlesApi.preview(markdown, controller.signal).then(
        (preview) => setState({ status: 'ready', preview }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const message =
            error instanceof ApiError && error.code === 'rate_limited'
              ? 'The preview pauses for a moment: it was asked for very often. Keep writing.'
              : error instanceof ApiError
                ? describeProblem(error)
                : 'The preview could not be made.';
          setState((previous) => ({ status: 'error', message, last: lastPreview(previous) }));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [markdown]);
  return state;
}

function lastPreview(state: PreviewState): Preview | undefined {
  if (state.status === 'ready') return state.preview;
  if (state.status === 'loading' || state.status === 'error') return state.last;
  return undefined;
}

export function BodyEditor({
  value,
  onChange,
  error,
  csrfToken,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  csrfToken: string;
}) {
  const wide = useMediaQuery('(min-width: 75em)', false, { getInitialValueInEffect: false });
  const [tab, setTab] = useState<string | null>('write');
  const [imageOpen, setImageOpen] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Where the cursor was when the image dialog opened: focus moves into the dialog.
  const selection = useRef<{ start: number; end: number }>({ start: value.length, end: value.length });
  const preview = usePreview(value);
  const bytes = utf8Length(value);
  const limitKb = ARTICLE_LIMITS.bodyMaxBytes / 1000;

  const openImageDialog = () => {
    const field = textarea.current;
    selection.current =
      field === null
        ? { start: value.length, end: value.length }
        : { start: field.selectionStart, end: field.selectionEnd };
    setImageOpen(true);
  };

  const insertImage = (markdown: string) => {
    const { start, end } = selection.current;
    const before = value.slice(0, start);
    const after = value.slice(end);
    // On a line of its own, so it renders as a picture and not inside a sentence.
    const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
    const inserted = `${lead}${markdown}${trail}`;
    onChange(before + inserted + after);
    setImageOpen(false);
    setTab('write');
    const cursor = before.length + inserted.length;
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(cursor, cursor);
    });
  };

  const field = (
    <Textarea
      ref={textarea}
      label="Text"
      description="Markdown: ## for a heading, - for a list, **bold**, [a link](https://…)."
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error ?? (bytes > ARTICLE_LIMITS.bodyMaxBytes ? `The text is longer than ${limitKb} KB.` : undefined)}
      autosize
      minRows={wide ? 22 : 14}
      maxRows={wide ? 40 : 24}
      classNames={{ input: classes.markdown }}
      spellCheck
    />
  );
  const toolbar = (
    <Group justify="space-between" gap="sm">
      <Button
        variant="default"
        size="xs"
        leftSection={<IconPhotoPlus size={16} aria-hidden />}
        onClick={openImageDialog}
      >
        Insert image
      </Button>
      <Text size="xs" c={bytes > ARTICLE_LIMITS.bodyMaxBytes ? 'red.8' : 'dimmed'}>
        {Math.ceil(bytes / 1000)} of {limitKb} KB
      </Text>
    </Group>
  );
  const pane = <PreviewPane state={preview} />;

  return (
    <Stack gap="sm">
      {toolbar}
      {wide ? (
        <Box className={classes.split}>
          <div>{field}</div>
          <section aria-label="Preview" className={classes.previewColumn}>
            <Text size="sm" fw={500} mb={4}>
              Preview
            </Text>
            {pane}
          </section>
        </Box>
      ) : (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="write">Write</Tabs.Tab>
            <Tabs.Tab value="preview">Preview</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write">{field}</Tabs.Panel>
          <Tabs.Panel value="preview">{pane}</Tabs.Panel>
        </Tabs>
      )}
      <ImageDialog
        opened={imageOpen}
        csrfToken={csrfToken}
        onClose={() => setImageOpen(false)}
        onUploaded={(image) => insertImage(image.markdown)}
      />
    </Stack>
  );
}

function PreviewPane({ state }: { state: PreviewState }) {
  const preview = state.status === 'ready' ? state.preview : state.status === 'idle' ? undefined : state.last;
  return (
    // Focusable, so a keyboard can scroll a long preview.
    <Box className={classes.preview} aria-busy={state.status === 'loading'} tabIndex={0}>
      <Group justify="space-between" mb="xs" gap="xs" mih={20}>
        <Text size="xs" c="dimmed">
          {preview === undefined
            ? ''
            : `${preview.readingMinutes} min read${preview.toc.length > 0 ? ` · ${preview.toc.length} sections` : ''}`}
        </Text>
        {state.status === 'loading' && <Loader size={14} aria-label="Updating the preview" />}
      </Group>
      {state.status === 'error' && (
        <Text size="sm" c="orange.9" mb="xs" role="status">
          {state.message}
        </Text>
      )}
      {preview === undefined ? (
        <Text c="dimmed" size="sm">
          {state.status === 'loading' ? 'Preparing the preview…' : 'The article appears here as readers will see it.'}
        </Text>
      ) : (
        // The server rendered and sanitized this HTML with the site's allow-list.
        <Typography>
          <div className={classes.previewBody} dangerouslySetInnerHTML={{ __html: preview.html }} />
        </Typography>
      )}
    </Box>
  );
}
