// "Your author profile": what readers see about the person who wrote an
// article (job title, credentials, a short bio), and the address of their page.
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { PageHeader } from '../pages/page-header.tsx';
import { AUTHOR_LIMITS, articlesApi, type Author } from './api.ts';

type Load = { status: 'loading' } | { status: 'ready'; me: Author | undefined } | { status: 'error'; message: string };

export function AuthorProfilePage() {
  const session = useSignedInSession();
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    articlesApi.authors(controller.signal).then(
      ({ authors }) => setLoad({ status: 'ready', me: authors.find((author) => author.userId === session.user.id) }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({
          status: 'error',
          message: error instanceof ApiError ? describeProblem(error) : 'We could not load your profile.',
        });
      },
    );
    return () => controller.abort();
  }, [session.user.id]);

  return (
    <>
      <Anchor component={Link} to="/staff/articles" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} aria-hidden /> All articles
      </Anchor>
      <PageHeader
        title="Your author profile"
        description="Readers see it with every article you write, and on your own page on the clinic’s site."
      />
      {load.status === 'loading' && <Skeleton height={320} radius="lg" maw={720} />}
      {load.status === 'error' && <FormError title="We could not load your profile" message={load.message} />}
      {load.status === 'ready' && <ProfileForm me={load.me} displayName={session.user.displayName} />}
    </>
  );
}

function ProfileForm({ me, displayName }: { me: Author | undefined; displayName: string }) {
  const profile = me?.profile ?? null;
  const [jobTitle, setJobTitle] = useState(profile?.jobTitle ?? '');
  const [credentials, setCredentials] = useState(profile?.credentials ?? '');
  const [bio, setBio] = useState(profile?.bio ?? '');
  const [slug, setSlug] = useState(profile?.slug ?? '');
  const [saved, setSaved] = useState<string | undefined>();
  const form = useSubmit({ slug_taken: 'slug' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    void form.submit(
      async () => {
        const result = await articlesApi.saveProfile({
          jobTitle: jobTitle.trim(),
          credentials: credentials.trim() === '' ? null : credentials.trim(),
          bio: bio.trim(),
          ...(slug.trim() === '' ? {} : { slug: slug.trim() }),
        });
        setSlug(result.profile?.slug ?? slug);
        setSaved(`Saved. Your page is /authors/${result.profile?.slug ?? slug}.`);
      },
      {
        jobTitle: jobTitle.trim() === '' ? 'Say what you do, e.g. “Dermatologist”.' : undefined,
        bio: bio.trim() === '' ? 'Write a sentence or two about yourself.' : undefined,
      },
    );
  };

  return (
    <Card withBorder radius="lg" p="lg" maw={720}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput label="Name" value={displayName} readOnly description="Your name as the clinic knows it." />
          <TextInput
            label="Job title"
            placeholder="Board-certified dermatologist"
            {...form.bind('jobTitle', jobTitle, setJobTitle)}
            maxLength={AUTHOR_LIMITS.jobTitleMax}
            required
          />
          <TextInput
            label="Credentials"
            description="After your name, e.g. MD, RN. Optional."
            {...form.bind('credentials', credentials, setCredentials)}
            maxLength={AUTHOR_LIMITS.credentialsMax}
          />
          <Textarea
            label="Short bio"
            description={`${bio.length} of ${AUTHOR_LIMITS.bioMax} characters.`}
            {...form.bind('bio', bio, setBio)}
            autosize
            minRows={4}
            maxLength={AUTHOR_LIMITS.bioMax}
            required
          />
          <TextInput
            label="Address of your page"
            description={profile === null ? 'Left empty, it is made from your name.' : undefined}
            leftSection={
              <Text size="sm" c="dimmed">
                /authors/
              </Text>
            }
            leftSectionWidth={72}
            {...form.bind('slug', slug, (value) => setSlug(value.toLowerCase()))}
          />
          {saved !== undefined && <FormSuccess>{saved}</FormSuccess>}
          <FormError message={form.formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
