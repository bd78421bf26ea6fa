// The entry points app-routes.tsx mounts for the Articles area. The editor pages
// load on first visit, so patients and the front desk never download them.
import { Suspense, lazy, type ReactNode } from 'react';
import { Skeleton, Stack } from '@mantine/core';

const ArticlesPage = lazy(async () => ({ default: (await import('./articles-page.tsx')).ArticlesPage }));
const EditorPage = lazy(async () => ({ default: (await import('./editor-page.tsx')).ArticleEditorPage }));
const ProfilePage = lazy(async () => ({ default: (await import('./author-profile-page.tsx')).AuthorProfilePage }));

export function ArticlesRoute() {
  return (
    <Loaded>
      <ArticlesPage />
    </Loaded>
  );
}

/** /staff/articles/new and /staff/articles/:articleId: one route, so the first save keeps the editor mounted. */
export function ArticleEditorRoute() {
  return (
    <Loaded>
      <EditorPage />
    </Loaded>
  );
}

export function AuthorProfileRoute() {
  return (
    <Loaded>
      <ProfilePage />
    </Loaded>
  );
}

function Loaded({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the page">
          <Skeleton height={36} width="45%" />
          <Skeleton height={240} radius="lg" />
        </Stack>
      }
    >
      {children}
    </Suspense>
  );
}
