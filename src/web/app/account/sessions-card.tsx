// The devices this person is signed in on, each with a way to sign it out, and
// "sign out everywhere" for a lost phone or a shared computer.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile, IconLogout } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { identityApi } from '../api/identity-api.ts';
import type { SessionSummary } from '../api/identity-contract.ts';
import { useSession } from '../auth/session-context.tsx';
import { Dialog } from '../forms/dialog.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { relativeTime, useDateTimeFormat } from '../format/dates.ts';
import { describeDevice } from '../format/user-agent.ts';
import { SettingsCard } from './settings-card.tsx';
import { LoadingLine } from '../pages/load-states.tsx';
import rowList from '../pages/row-list.module.css';

export function SessionsCard() {
  const [sessions, setSessions] = useState<SessionSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [ending, setEnding] = useState<string | undefined>();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const [endingAll, setEndingAll] = useState(false);
  const { signOut, forget } = useSession();
  const navigate = useNavigate();
  const formatDate = useDateTimeFormat();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const { sessions: list } = await identityApi.sessions(signal);
      setSessions([...list].sort((a, b) => Number(b.current) - Number(a.current)));
      setError(undefined);
    } catch (caught) {
      if (signal?.aborted === true) return;
      setError(caught instanceof ApiError ? describeProblem(caught) : 'We could not load your devices.');
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const endOne = async (session: SessionSummary) => {
    setEnding(session.id);
    setError(undefined);
    try {
      if (session.current) {
        await signOut();
        await navigate('/sign-in', { replace: true });
        return;
      }
      await identityApi.endSession(session.id);
      await load();
    } catch (caught) {
      setError(caught instanceof ApiError ? describeProblem(caught) : 'That device could not be signed out.');
    } finally {
      setEnding(undefined);
    }
  };

  const endAll = async () => {
    setEndingAll(true);
    try {
      await identityApi.logoutEverywhere();
      forget();
      await navigate('/sign-in', { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? describeProblem(caught) : 'We could not sign you out everywhere.');
      setEndingAll(false);
      setConfirmEverywhere(false);
    }
  };

  return (
    <SettingsCard
      title="Where you are signed in"
      description="If you see a device you do not recognise, sign it out and change your password."
      actions={
        <Button
          variant="default"
          color="red"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => setConfirmEverywhere(true)}
        >
          Sign out everywhere
        </Button>
      }
    >
      <FormError message={error} />
      {sessions === undefined && error === undefined && <LoadingLine>Loading your devices…</LoadingLine>}
      {sessions !== undefined && (
        <ul className={rowList.rows} aria-label="Signed-in devices">
          {sessions.map((session) => {
            const device = describeDevice(session.userAgent);
            const phone = /iPhone|Android/.test(device);
            return (
              <li key={session.id} className={rowList.row}>
                <Group gap="md" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 280px' }}>
                  <ThemeIcon size={40} radius="xl" variant="light" color={session.current ? 'puncta' : 'gray'}>
                    {phone ? (
                      <IconDeviceMobile size={22} stroke={1.6} aria-hidden />
                    ) : (
                      <IconDeviceDesktop size={22} stroke={1.6} aria-hidden />
                    )}
                  </ThemeIcon>
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Text fw={600}>{device}</Text>
                      {session.current && (
                        <Badge size="sm" variant="light" color="puncta">
                          This device
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" c="dimmed">
                      Active {relativeTime(session.lastSeenAt)}
                      {session.ip !== null && ` · from ${session.ip}`}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Signed in {formatDate(session.createdAt)}
                    </Text>
                  </Stack>
                </Group>
                <Button
                  variant="default"
                  size="xs"
                  loading={ending === session.id}
                  onClick={() => void endOne(session)}
                  aria-label={session.current ? 'Sign out on this device' : `Sign out ${device}`}
                >
                  Sign out
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <Dialog opened={confirmEverywhere} onClose={() => setConfirmEverywhere(false)} title="Sign out everywhere?">
        <Stack gap="md">
          <Text>
            Every device signed in to your account is signed out, this one included. You will need your password to sign
            in again.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmEverywhere(false)}>
              Cancel
            </Button>
            <Button color="red" loading={endingAll} onClick={() => void endAll()}>
              Sign out everywhere
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </SettingsCard>
  );
}
