// Pages that bring a lot of code with them (a contract, a calendar) load on first
// visit instead of growing the bundle everyone downloads. <LazyPage> shows a
// skeleton meanwhile, and a reload button when the code cannot be fetched.
import { Component, Suspense, type ReactNode } from 'react';
import { Button, Skeleton, Stack } from '@mantine/core';
import { FormError } from '../forms/form-parts.tsx';

export function LazyPage({ children }: { children: ReactNode }) {
  return (
    <LoadFailure>
      <Suspense
        fallback={
          <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the page">
            <Skeleton height={36} width="45%" />
            <Skeleton height={220} radius="lg" />
          </Stack>
        }
      >
        {children}
      </Suspense>
    </LoadFailure>
  );
}

/** A page whose code could not be fetched (say, a new version was deployed meanwhile) offers a reload. */
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Stack gap="sm" align="flex-start" maw={620}>
        <FormError
          title="This page could not be opened"
          message="The clinic’s server may have been updated meanwhile. Reload the page to get the latest version."
        />
        <Button variant="default" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </Stack>
    );
  }
}
