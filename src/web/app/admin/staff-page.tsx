// Staff management for clinic admins: who works here and in which role,
// invitations, role changes, and ending someone's access when they leave.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Menu,
  Radio,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  IconDotsVertical,
  IconLogout,
  IconShieldCheck,
  IconUserCog,
  IconUserOff,
  IconUserPlus,
} from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { staffApi } from '../api/identity-api.ts';
import { roleLabels, STAFF_ROLES, type StaffMember, type StaffRole } from '../api/identity-contract.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { Dialog } from '../forms/dialog.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { checkDisplayName, checkEmail } from '../forms/limits.ts';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { PageHeader } from '../pages/page-header.tsx';
import { roleDescriptions } from './role-descriptions.ts';

type Dialog =
  | { kind: 'invite' }
  | { kind: 'role'; member: StaffMember }
  | { kind: 'deactivate'; member: StaffMember }
  | { kind: 'sessions'; member: StaffMember };

export function StaffPage() {
  const session = useSignedInSession();
  const [staff, setStaff] = useState<StaffMember[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const { staff: list } = await staffApi.list(signal);
      setStaff(
        [...list].sort(
          (a, b) =>
            Number(a.deactivatedAt !== null) - Number(b.deactivatedAt !== null) ||
            a.displayName.localeCompare(b.displayName),
        ),
      );
      setLoadError(undefined);
    } catch (caught) {
      if (signal?.aborted === true) return;
      setLoadError(caught instanceof ApiError ? describeProblem(caught) : 'We could not load the team.');
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const done = (message: string) => {
    setDialog(undefined);
    setNotice(message);
    void load();
  };

  const active = staff?.filter((member) => member.deactivatedAt === null).length;

  return (
    <>
      <PageHeader
        title="Staff"
        description={`Everyone who works at ${session.clinic.name} in Puncta, and what their role lets them see.`}
        actions={
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setDialog({ kind: 'invite' })}>
            Invite someone
          </Button>
        }
      />
      <Stack gap="md">
        {notice !== undefined && <FormSuccess>{notice}</FormSuccess>}
        <FormError title="We could not load the team" message={loadError} />
        {staff === undefined && loadError === undefined && <StaffSkeleton />}
        {staff !== undefined && (
          <Card withBorder radius="lg" p={0}>
            <Group
              px="lg"
              py="sm"
              justify="space-between"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Text size="sm" c="dimmed">
                {active === 1 ? '1 active member' : `${active ?? 0} active members`}
                {staff.length !== active && `, ${staff.length - (active ?? 0)} deactivated`}
              </Text>
            </Group>
            <Box visibleFrom="md">
              <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Two-step sign-in</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {staff.map((member) => (
                    <Table.Tr key={member.userId} style={{ opacity: member.deactivatedAt === null ? 1 : 0.7 }}>
                      <Table.Td>
                        <Person member={member} you={member.userId === session.user.id} />
                      </Table.Td>
                      <Table.Td>{roleLabels[member.role]}</Table.Td>
                      <Table.Td>
                        <TwoStepBadge member={member} />
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge member={member} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <MemberActions member={member} you={member.userId === session.user.id} onChoose={setDialog} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
            <Box hiddenFrom="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Staff">
              {staff.map((member) => (
                <Box
                  component="li"
                  key={member.userId}
                  px="md"
                  py="sm"
                  style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={6} style={{ minWidth: 0 }}>
                      <Person member={member} you={member.userId === session.user.id} />
                      <Group gap={6}>
                        <Badge variant="outline" color="gray" size="sm">
                          {roleLabels[member.role]}
                        </Badge>
                        <TwoStepBadge member={member} />
                        <StatusBadge member={member} />
                      </Group>
                    </Stack>
                    <MemberActions member={member} you={member.userId === session.user.id} onChoose={setDialog} />
                  </Group>
                </Box>
              ))}
            </Box>
          </Card>
        )}
      </Stack>

      <InviteModal
        opened={dialog?.kind === 'invite'}
        onClose={() => setDialog(undefined)}
        onInvited={(email) => done(`Invitation sent to ${email}. It works once and expires after a while.`)}
      />
      <RoleModal
        member={dialog?.kind === 'role' ? dialog.member : undefined}
        onClose={() => setDialog(undefined)}
        onChanged={(member, role) => done(`${member.displayName} is now ${roleLabels[role].toLowerCase()}.`)}
      />
      <ConfirmModal
        member={dialog?.kind === 'sessions' ? dialog.member : undefined}
        title="End their sessions?"
        body={(member) =>
          `${member.displayName} is signed out on every device now. They can sign in again with their password and code.`
        }
        confirmLabel="End sessions"
        action={(member) => staffApi.endSessions(member.userId)}
        onClose={() => setDialog(undefined)}
        onDone={(member) => done(`${member.displayName} has been signed out everywhere.`)}
      />
      <ConfirmModal
        member={dialog?.kind === 'deactivate' ? dialog.member : undefined}
        title="Deactivate this account?"
        body={(member) =>
          `${member.displayName} loses access to ${session.clinic.name} at once and is signed out. Their name stays on the records they made.`
        }
        confirmLabel="Deactivate"
        action={async (member) => {
          await staffApi.deactivate(member.userId);
        }}
        onClose={() => setDialog(undefined)}
        onDone={(member) => done(`${member.displayName} has been deactivated.`)}
      />
    </>
  );
}

function Person({ member, you }: { member: StaffMember; you: boolean }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Group gap={6}>
        <Text fw={600} size="sm">
          {member.displayName}
        </Text>
        {you && (
          <Badge size="xs" variant="light" color="puncta">
            You
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {member.email}
        {member.title !== null && ` · ${member.title}`}
      </Text>
    </Stack>
  );
}

function TwoStepBadge({ member }: { member: StaffMember }) {
  return member.mfaEnrolled ? (
    <Badge size="sm" variant="light" color="green" leftSection={<IconShieldCheck size={12} aria-hidden />}>
      On
    </Badge>
  ) : (
    <Badge size="sm" variant="light" color="orange">
      Not set up
    </Badge>
  );
}

function StatusBadge({ member }: { member: StaffMember }) {
  return member.deactivatedAt === null ? (
    <Badge size="sm" variant="light" color="puncta">
      Active
    </Badge>
  ) : (
    <Badge size="sm" variant="light" color="gray">
      Deactivated
    </Badge>
  );
}

function MemberActions({
  member,
  you,
  onChoose,
}: {
  member: StaffMember;
  you: boolean;
  onChoose: (dialog: Dialog) => void;
}) {
  const inactive = member.deactivatedAt !== null;
  return (
    <Menu position="bottom-end" shadow="md" width={220} radius="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Actions for ${member.displayName}`}>
          <IconDotsVertical size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconUserCog size={16} aria-hidden />}
          disabled={inactive || you}
          onClick={() => onChoose({ kind: 'role', member })}
        >
          Change role
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          disabled={inactive}
          onClick={() => onChoose({ kind: 'sessions', member })}
        >
          End their sessions
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconUserOff size={16} aria-hidden />}
          disabled={inactive || you}
          onClick={() => onChoose({ kind: 'deactivate', member })}
        >
          Deactivate
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function RoleChoice({
  value,
  onChange,
  error,
}: {
  value: StaffRole;
  onChange: (role: StaffRole) => void;
  error?: string;
}) {
  return (
    <Radio.Group
      label="Role"
      value={value}
      onChange={(next) => {
        const role = STAFF_ROLES.find((candidate) => candidate === next);
        if (role !== undefined) onChange(role);
      }}
      error={error}
      required
    >
      <Stack gap="sm" mt={6}>
        {STAFF_ROLES.map((role) => (
          <Radio key={role} value={role} label={roleLabels[role]} description={roleDescriptions[role]} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function InviteModal({
  opened,
  onClose,
  onInvited,
}: {
  opened: boolean;
  onClose: () => void;
  onInvited: (email: string) => void;
}) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('front_desk');
  const form = useSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      async () => {
        await staffApi.invite({ email: email.trim(), displayName: displayName.trim(), role });
        onInvited(email.trim());
        setDisplayName('');
        setEmail('');
        setRole('front_desk');
      },
      { displayName: checkDisplayName(displayName), email: checkEmail(email) },
    );
  };

  return (
    <Dialog opened={opened} onClose={onClose} title="Invite someone to the team" size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            They get an email with a link to choose a password and set up two-step sign-in.
          </Text>
          <TextInput
            label="Name"
            {...form.bind('displayName', displayName, setDisplayName)}
            autoComplete="off"
            required
            data-autofocus
          />
          <TextInput
            label="Work email"
            type="email"
            {...form.bind('email', email, setEmail)}
            autoComplete="off"
            required
          />
          <RoleChoice value={role} onChange={setRole} error={form.fieldErrors.role} />
          <FormError message={form.formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function RoleModal({
  member,
  onClose,
  onChanged,
}: {
  member: StaffMember | undefined;
  onClose: () => void;
  onChanged: (member: StaffMember, role: StaffRole) => void;
}) {
  const [role, setRole] = useState<StaffRole>('front_desk');
  const form = useSubmit();
  const { reset } = form;
  useEffect(() => {
    if (member !== undefined) {
      setRole(member.role);
      reset();
    }
  }, [member, reset]);

  return (
    <Dialog
      opened={member !== undefined}
      onClose={onClose}
      title={`Change ${member?.displayName ?? ''}’s role`}
      size="lg"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(async () => {
            if (member === undefined) return;
            await staffApi.changeRole(member.userId, role);
            onChanged(member, role);
          });
        }}
        noValidate
      >
        <Stack gap="md">
          <RoleChoice value={role} onChange={setRole} error={form.fieldErrors.role} />
          <Text size="sm" c="dimmed">
            The change applies at once, on every device they use.
          </Text>
          <FormError message={form.formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting} disabled={role === member?.role}>
              Save role
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function ConfirmModal({
  member,
  title,
  body,
  confirmLabel,
  action,
  onClose,
  onDone,
}: {
  member: StaffMember | undefined;
  title: string;
  body: (member: StaffMember) => string;
  confirmLabel: string;
  action: (member: StaffMember) => Promise<void>;
  onClose: () => void;
  onDone: (member: StaffMember) => void;
}) {
  const form = useSubmit();
  const { reset } = form;
  useEffect(() => {
    if (member !== undefined) reset();
  }, [member, reset]);
  return (
    <Dialog opened={member !== undefined} onClose={onClose} title={title}>
      <Stack gap="md">
        <Text>{member === undefined ? '' : body(member)}</Text>
        <FormError message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={form.submitting}
            onClick={() =>
              void form.submit(async () => {
                if (member === undefined) return;
                await action(member);
                onDone(member);
              })
            }
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function StaffSkeleton() {
  return (
    <Card withBorder radius="lg" role="status" aria-busy="true" aria-label="Loading the team">
      <Stack gap="lg">
        {[0, 1, 2, 3].map((row) => (
          <Group key={row} justify="space-between">
            <Stack gap={6} w="40%">
              <Skeleton height={14} width="70%" />
              <Skeleton height={10} width="90%" />
            </Stack>
            <Skeleton height={20} width={90} radius="xl" />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
