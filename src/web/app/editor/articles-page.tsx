// The clinic's articles for practitioners and admins: drafts, scheduled and
// published ones (deleted ones on request), newest change first. The filter
// lives in the address (?show=scheduled) so Back returns to the same view.
import { Link, useSearchParams } from 'react-router';
import {
  Box,
  Button,
  Card,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconArticle, IconPlus, IconUserEdit } from '@tabler/icons-react';
import { useResource } from '../api/fetch-json.ts';
import { relativeTime } from '../format/dates.ts';
import { LoadFailed } from '../pages/load-states.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import { articleListSchema, articleListUrl, type ArticleListItem, type ArticleState } from './api.ts';
import { StateBadge } from './parts.tsx';

type Filter = 'current' | ArticleState;

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'current', label: 'All' },
  { value: 'draft', label: 'Drafts' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'published', label: 'Published' },
  { value: 'deleted', label: 'Deleted' },
];

function filterFrom(value: string | null): Filter {
  return FILTERS.find((filter) => filter.value === value)?.value ?? 'current';
}

export const articleEditorPath = (id: string) => `/staff/articles/${encodeURIComponent(id)}`;

export function ArticlesPage() {
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params.get('show'));
  const list = useResource(articleListUrl(filter === 'current' ? undefined : filter), articleListSchema);

  const choose = (next: string) => {
    const search = new URLSearchParams(params);
    if (next === 'current') search.delete('show');
    else search.set('show', next);
    setParams(search, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Articles"
        description="What the clinic publishes on its website: write in Markdown, preview, publish now or on a date."
        actions={
          <Group gap="sm">
            <Button
              component={Link}
              to="/staff/articles/author-profile"
              variant="default"
              leftSection={<IconUserEdit size={18} aria-hidden />}
            >
              Your author profile
            </Button>
            <Button component={Link} to="/staff/articles/new" leftSection={<IconPlus size={18} aria-hidden />}>
              New article
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <Box style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <SegmentedControl aria-label="Which articles to show" value={filter} onChange={choose} data={FILTERS} />
        </Box>
        {list.status === 'loading' && <ListSkeleton />}
        {list.status === 'error' && (
          <LoadFailed title="We could not load the articles" error={list.error} onRetry={list.reload} />
        )}
        {list.status === 'ready' && list.data.articles.length === 0 && <Empty filter={filter} />}
        {list.status === 'ready' && list.data.articles.length > 0 && <ArticleList articles={list.data.articles} />}
      </Stack>
    </>
  );
}

function ArticleList({ articles }: { articles: ArticleListItem[] }) {
  return (
    <Card withBorder radius="lg" p={0}>
      <Box visibleFrom="md">
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Author</Table.Th>
              <Table.Th>Last change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {articles.map((article) => (
              <Table.Tr key={article.id}>
                <Table.Td maw={420}>
                  <Text component={Link} to={articleEditorPath(article.id)} fw={600} size="sm" td="underline">
                    {article.title}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {article.url}
                    {article.category !== null && ` · ${article.category.name}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StateBadge state={article.state} publishAt={article.publishAt} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{article.author.displayName}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{relativeTime(article.updatedAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Box hiddenFrom="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Articles">
        {articles.map((article, index) => (
          <Box
            component="li"
            key={article.id}
            style={index === 0 ? undefined : { borderTop: '1px solid var(--mantine-color-gray-2)' }}
          >
            <UnstyledButton
              component={Link}
              to={articleEditorPath(article.id)}
              px="md"
              py="sm"
              w="100%"
              display="block"
            >
              <Stack gap={6}>
                <Text fw={600} size="sm">
                  {article.title}
                </Text>
                <Group gap={8}>
                  <StateBadge state={article.state} publishAt={article.publishAt} />
                  <Text size="xs" c="dimmed">
                    {article.author.displayName} · {relativeTime(article.updatedAt)}
                  </Text>
                </Group>
              </Stack>
            </UnstyledButton>
          </Box>
        ))}
      </Box>
    </Card>
  );
}

function Empty({ filter }: { filter: Filter }) {
  const text: Record<Filter, string> = {
    current: 'No articles yet. Start one: it stays a draft until you publish it.',
    draft: 'No drafts.',
    scheduled: 'Nothing is scheduled.',
    published: 'Nothing is published yet.',
    deleted: 'No deleted articles.',
  };
  return (
    <Card withBorder radius="lg" p="xl">
      <Stack align="center" gap="sm">
        <IconArticle size={36} aria-hidden color="var(--mantine-color-gray-5)" />
        <Text c="dimmed" ta="center">
          {text[filter]}
        </Text>
      </Stack>
    </Card>
  );
}

function ListSkeleton() {
  return (
    <Card withBorder radius="lg" role="status" aria-busy="true" aria-label="Loading the articles">
      <Stack gap="lg">
        {[0, 1, 2, 3].map((row) => (
          <Group key={row} justify="space-between">
            <Stack gap={6} w="50%">
              <Skeleton height={14} width="80%" />
              <Skeleton height={10} width="50%" />
            </Stack>
            <Skeleton height={20} width={90} radius="sm" />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
