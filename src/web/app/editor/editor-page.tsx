// Writing one article: its details, the Markdown text with a live preview,
// pictures, saving (each save a new version; a save over someone else's is
// refused and the text stays here), publishing now or on a date in the clinic's
// time, taking it back, deleting, and its revisions with the ability to restore
// one. /staff/articles/new starts a draft that exists once it is first saved.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Anchor,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy, IconExternalLink, IconTrash } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { Dialog } from '../forms/dialog.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { PageHeader } from '../pages/page-header.tsx';
import {
  ARTICLE_LIMITS,
  articlesApi,
  utf8Length,
  type Article,
  type Author,
  type Category,
  type RelatedService,
  type Revision,
} from './api.ts';
import { articleEditorPath } from './articles-page.tsx';
import { BodyEditor } from './body-editor.tsx';
import { CONCERN_OPTIONS, StateBadge } from './parts.tsx';
import { PublicationCard } from './publication-card.tsx';
import { RevisionsCard } from './revisions-card.tsx';
import classes from './editor.module.css';

const NEW = 'new';
export const CONFLICT_MESSAGE = 'Someone else saved this article; reload to see their changes.';

interface FormValues {
  title: string;
  slug: string;
  summary: string;
  categoryId: string | null;
  tags: string[];
  relatedConcerns: string[];
  relatedServices: string[];
  authorId: string;
  bodyMarkdown: string;
}

function formFrom(article: Article | undefined, userId: string): FormValues {
  return {
    title: article?.title ?? '',
    slug: article?.slug ?? '',
    summary: article?.summary ?? '',
    categoryId: article?.categoryId ?? null,
    tags: article?.tags ?? [],
    relatedConcerns: article?.relatedConcerns ?? [],
    relatedServices: article?.relatedServices ?? [],
    authorId: article?.author.userId ?? userId,
    bodyMarkdown: article?.bodyMarkdown ?? '',
  };
}

const same = (a: FormValues, b: FormValues) => JSON.stringify(a) === JSON.stringify(b);

type Load =
  { status: 'loading' } | { status: 'ready'; article: Article | undefined } | { status: 'error'; message: string };

export function ArticleEditorPage() {
  const { articleId = NEW } = useParams();
  const navigate = useNavigate();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The article the editor below already holds: after its first save the address
  // changes from /new to its id, and nothing needs loading.
  const held = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (articleId === NEW) {
      held.current = undefined;
      setLoad({ status: 'ready', article: undefined });
      return undefined;
    }
    if (held.current === articleId) return undefined;
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    articlesApi.get(articleId, controller.signal).then(
      (article) => {
        held.current = article.id;
        setLoad({ status: 'ready', article });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({
          status: 'error',
          message:
            error instanceof ApiError && error.status === 404
              ? 'This article does not exist, or it belongs to another clinic.'
              : error instanceof ApiError
                ? describeProblem(error)
                : 'We could not load the article.',
        });
      },
    );
    return () => controller.abort();
  }, [articleId, attempt]);

  if (load.status === 'loading') return <EditorSkeleton />;
  if (load.status === 'error') {
    return (
      <>
        <PageHeader title="Article" />
        <Stack gap="sm" align="flex-start">
          <FormError title="We could not open this article" message={load.message} />
          <Group gap="sm">
            <Button variant="default" onClick={() => setAttempt((count) => count + 1)}>
              Try again
            </Button>
            <Button component={Link} to="/staff/articles" variant="subtle">
              Back to the articles
            </Button>
          </Group>
        </Stack>
      </>
    );
  }
  return (
    <Editor
      initial={load.article}
      onCreated={(article) => {
        held.current = article.id;
        void navigate(articleEditorPath(article.id), { replace: true });
      }}
    />
  );
}

function Editor({ initial, onCreated }: { initial: Article | undefined; onCreated: (article: Article) => void }) {
  const session = useSignedInSession();
  const navigate = useNavigate();
  const isAdmin = session.role === 'clinic_admin';
  const [article, setArticle] = useState<Article | undefined>(initial);
  const [form, setForm] = useState<FormValues>(() => formFrom(initial, session.user.id));
  const [notice, setNotice] = useState<string | undefined>();
  const [revisionsVersion, setRevisionsVersion] = useState(0);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [options, setOptions] = useState<{ categories: Category[]; services: RelatedService[]; authors: Author[] }>({
    categories: [],
    services: [],
    authors: [],
  });
  const action = useSubmit({ slug_taken: 'slug' });
  const { reset, clearFieldError } = action;

  const saved = useMemo(() => formFrom(article, session.user.id), [article, session.user.id]);
  const dirty = !same(form, saved);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      articlesApi.categories(controller.signal),
      articlesApi.services(controller.signal),
      articlesApi.authors(controller.signal),
    ]).then(
      ([categories, services, authors]) =>
        setOptions({ categories: categories.categories, services: services.services, authors: authors.authors }),
      () => {
        // The lists only fill the pickers; the article can be written without them.
      },
    );
    return () => controller.abort();
  }, []);

  // Leaving the page with unsaved text asks first.
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const set = useCallback(
    <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
      setForm((current) => ({ ...current, [key]: value }));
      clearFieldError(key);
    },
    [clearFieldError],
  );

  /** Saves the form (creating the draft the first time) and answers the stored article. */
  const persist = async (): Promise<Article> => {
    const sent = form;
    const body = {
      title: sent.title.trim(),
      summary: sent.summary.trim(),
      bodyMarkdown: sent.bodyMarkdown,
      categoryId: sent.categoryId,
      tags: sent.tags,
      relatedConcerns: sent.relatedConcerns as Article['relatedConcerns'],
      relatedServices: sent.relatedServices,
      ...(sent.slug.trim() === '' ? {} : { slug: sent.slug.trim() }),
      ...(isAdmin ? { authorId: sent.authorId } : {}),
    };
    const stored =
      article === undefined
        ? await articlesApi.create(body)
        : await articlesApi.save(article.id, article.version, body);
    setArticle(stored);
    // What the server made of the form (a slug from the title, tidied tags) replaces it,
    // unless the editor went on typing meanwhile.
    setForm((current) => (same(current, sent) ? formFrom(stored, session.user.id) : current));
    setRevisionsVersion((count) => count + 1);
    if (article === undefined) onCreated(stored);
    return stored;
  };

  const checks = () => ({
    title:
      form.title.trim() === ''
        ? 'Give the article a title.'
        : form.title.trim().length > ARTICLE_LIMITS.titleMax
          ? `Use at most ${ARTICLE_LIMITS.titleMax} characters.`
          : undefined,
    summary:
      form.summary.trim().length > ARTICLE_LIMITS.summaryMax
        ? `Use at most ${ARTICLE_LIMITS.summaryMax} characters.`
        : undefined,
    tags: form.tags.some((tag) => tag.length > ARTICLE_LIMITS.tagMax)
      ? `Each tag may have at most ${ARTICLE_LIMITS.tagMax} characters.`
      : undefined,
    bodyMarkdown:
      utf8Length(form.bodyMarkdown) > ARTICLE_LIMITS.bodyMaxBytes
        ? `The text is longer than ${ARTICLE_LIMITS.bodyMaxBytes / 1000} KB.`
        : undefined,
  });

  const save = () =>
    void action.submit(async () => {
      setNotice(undefined);
      const stored = await persist();
      setNotice(`Saved as version ${stored.version}.`);
    }, checks());

  const publish = (publishAt: string | undefined) =>
    void action.submit(async () => {
      setNotice(undefined);
      const current = article === undefined || dirty ? await persist() : article;
      const published = await articlesApi.publish(current.id, publishAt);
      setArticle(published);
      setNotice(published.state === 'scheduled' ? 'Scheduled. It goes public on its own at that time.' : 'Published.');
    }, checks());

  const unpublish = () =>
    void action.submit(async () => {
      if (article === undefined) return;
      setNotice(undefined);
      setArticle(await articlesApi.unpublish(article.id));
      setNotice('Back to draft: the article is no longer on the site.');
    });

  const restore = (revision: Revision) =>
    void action.submit(async () => {
      if (article === undefined) return;
      setNotice(undefined);
      const stored = await articlesApi.save(article.id, article.version, {
        title: revision.title,
        summary: revision.summary,
        bodyMarkdown: revision.bodyMarkdown,
      });
      setArticle(stored);
      setForm(formFrom(stored, session.user.id));
      setRevisionsVersion((count) => count + 1);
      setNotice(`Version ${revision.version} restored: saved as version ${stored.version}.`);
    });

  const reloadTheirs = () =>
    void action.submit(async () => {
      if (article === undefined) return;
      const latest = await articlesApi.get(article.id);
      setArticle(latest);
      setForm(formFrom(latest, session.user.id));
      setRevisionsVersion((count) => count + 1);
      reset();
      setNotice(`Reloaded: this is version ${latest.version}, as last saved.`);
    });

  const remove = async () => {
    if (article === undefined) return;
    await articlesApi.remove(article.id);
    await navigate('/staff/articles');
  };

  const conflict = action.problem?.code === 'version_conflict';
  const published = article?.state === 'published';
  const readOnly = article?.state === 'deleted';
  const authorOptions = options.authors.map((author) => ({ value: author.userId, label: author.displayName }));
  if (article !== undefined && !authorOptions.some((option) => option.value === article.author.userId)) {
    authorOptions.push({ value: article.author.userId, label: article.author.displayName });
  }

  return (
    <>
      <Anchor component={Link} to="/staff/articles" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} aria-hidden /> All articles
      </Anchor>
      <PageHeader
        title={article === undefined ? 'New article' : 'Edit article'}
        badge={article === undefined ? undefined : <StateBadge state={article.state} publishAt={article.publishAt} />}
        actions={
          article === undefined ? undefined : (
            <Group gap="sm">
              {published && (
                <Button
                  component="a"
                  href={article.url}
                  target="_blank"
                  rel="noopener"
                  variant="default"
                  leftSection={<IconExternalLink size={16} aria-hidden />}
                >
                  View on site
                </Button>
              )}
              {!readOnly && (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden />}
                  onClick={() => setConfirmDelete(true)}
                >
                  Delete
                </Button>
              )}
            </Group>
          )
        }
      />
      <Stack gap="lg">
        {readOnly && (
          <FormError
            title="This article was deleted"
            message="It is off the site with its comments, and can no longer be changed. Its revisions are kept below."
          />
        )}
        <Card withBorder radius="lg" p="lg">
          <Stack gap="md">
            <Title order={2} fz="lg">
              Details
            </Title>
            <TextInput
              label="Title"
              {...action.bind('title', form.title, (value) => set('title', value))}
              maxLength={ARTICLE_LIMITS.titleMax}
              required
              readOnly={readOnly}
            />
            <TextInput
              label="Address on the site"
              description={
                article === undefined ? 'Left empty, it is made from the title when you first save.' : undefined
              }
              leftSection={
                <Text size="sm" c="dimmed">
                  /articles/
                </Text>
              }
              leftSectionWidth={76}
              {...action.bind('slug', form.slug, (value) => set('slug', value.toLowerCase()))}
              placeholder="made-from-the-title"
              maxLength={ARTICLE_LIMITS.slugMax}
              readOnly={readOnly}
            />
            <Textarea
              label="Summary"
              description={`One or two sentences for search results and the article list (${form.summary.length} of ${ARTICLE_LIMITS.summaryMax}). Needed to publish.`}
              {...action.bind('summary', form.summary, (value) => set('summary', value))}
              autosize
              minRows={2}
              maxLength={ARTICLE_LIMITS.summaryMax}
              readOnly={readOnly}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Select
                label="Category"
                placeholder={options.categories.length === 0 ? 'No categories yet' : 'None'}
                data={options.categories.map((category) => ({ value: category.id, label: category.name }))}
                value={form.categoryId}
                onChange={(value) => set('categoryId', value)}
                error={action.fieldErrors.categoryId}
                clearable
                disabled={options.categories.length === 0 || readOnly}
              />
              {isAdmin ? (
                <Select
                  label="Author"
                  description="Shown with the article, with their author profile."
                  data={authorOptions}
                  value={form.authorId}
                  onChange={(value) => value !== null && set('authorId', value)}
                  error={action.fieldErrors.authorId}
                  allowDeselect={false}
                  disabled={readOnly}
                />
              ) : (
                <TextInput
                  label="Author"
                  value={article?.author.displayName ?? session.user.displayName}
                  readOnly
                  description="A clinic admin can name another author."
                />
              )}
            </SimpleGrid>
            <TagsInput
              label="Tags"
              description={`Up to ${ARTICLE_LIMITS.tagsMax}; press Enter after each.`}
              value={form.tags}
              onChange={(value) => set('tags', value)}
              maxTags={ARTICLE_LIMITS.tagsMax}
              error={action.fieldErrors.tags}
              clearable
              disabled={readOnly}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <MultiSelect
                label="Related concerns"
                description="The skin concerns this article is about."
                data={CONCERN_OPTIONS}
                value={form.relatedConcerns}
                onChange={(value) => set('relatedConcerns', value)}
                error={action.fieldErrors.relatedConcerns}
                searchable
                clearable
                disabled={readOnly}
              />
              <MultiSelect
                label="Related treatments"
                description="Services the article points readers to."
                data={options.services.map((service) => ({ value: service.code, label: service.name }))}
                value={form.relatedServices}
                onChange={(value) => set('relatedServices', value)}
                error={action.fieldErrors.relatedServices}
                searchable
                clearable
                disabled={readOnly}
              />
            </SimpleGrid>
          </Stack>
        </Card>

        <Card withBorder radius="lg" p="lg">
          <BodyEditor
            value={form.bodyMarkdown}
            onChange={(value) => set('bodyMarkdown', value)}
            error={action.fieldErrors.bodyMarkdown}
            csrfToken={session.csrfToken}
          />
        </Card>

        {!readOnly && (
          <div className={classes.actionBar}>
            <Stack gap="xs">
              {notice !== undefined && !dirty && <FormSuccess>{notice}</FormSuccess>}
              <FormError
                title={conflict ? 'Not saved' : undefined}
                message={conflict ? CONFLICT_MESSAGE : action.formError}
              />
              {conflict && (
                <Group gap="sm">
                  <Text size="sm">Your text stays here until you reload: copy anything you want to keep.</Text>
                  <Button variant="default" size="xs" onClick={reloadTheirs}>
                    Reload their version
                  </Button>
                </Group>
              )}
              <Group justify="space-between" gap="sm">
                <Text size="sm" c="dimmed" aria-live="polite">
                  {dirty
                    ? published
                      ? 'Unsaved changes. Saving updates the article on the site.'
                      : 'Unsaved changes'
                    : article === undefined
                      ? 'Not saved yet'
                      : `Saved · version ${article.version}`}
                </Text>
                <Button
                  onClick={save}
                  loading={action.submitting}
                  disabled={!dirty && article !== undefined}
                  leftSection={<IconDeviceFloppy size={18} aria-hidden />}
                >
                  {article === undefined || article.state === 'draft' ? 'Save draft' : 'Save changes'}
                </Button>
              </Group>
            </Stack>
          </div>
        )}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {!readOnly && (
            <PublicationCard
              article={article}
              timeZone={session.clinic.timeZone}
              busy={action.submitting}
              onPublish={publish}
              onUnpublish={unpublish}
            />
          )}
          {article !== undefined && (
            <RevisionsCard
              articleId={article.id}
              currentVersion={article.version}
              refresh={revisionsVersion}
              dirty={dirty}
              readOnly={readOnly}
              onRestore={restore}
            />
          )}
        </SimpleGrid>
      </Stack>

      <DeleteDialog
        opened={confirmDelete}
        title={article?.title ?? ''}
        published={article?.state === 'published' || article?.state === 'scheduled'}
        onClose={() => setConfirmDelete(false)}
        onConfirm={remove}
      />
    </>
  );
}

function DeleteDialog({
  opened,
  title,
  published,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  published: boolean;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const form = useSubmit();
  const { reset } = form;
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);
  return (
    <Dialog opened={opened} onClose={onClose} title="Delete this article?">
      <Stack gap="md">
        <Text>
          “{title}” {published ? 'leaves the site at once, with its comments' : 'is removed from the list'}. This cannot
          be undone from the editor.
        </Text>
        <FormError message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={form.submitting} onClick={() => void form.submit(onConfirm)}>
            Delete article
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function EditorSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the article">
      <Skeleton height={36} width="40%" />
      <Skeleton height={260} radius="lg" />
      <Skeleton height={360} radius="lg" />
    </Stack>
  );
}
