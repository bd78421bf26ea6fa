// Moving a session of a treatment series (issue 6): when the move would push a later
// session out of its window, the server answers 409 series_window with a proposal.
// This module sends the move, hands back either the moved booking or that proposal,
// and shows the proposal: the later sessions' new dates on the clinic's clocks, each
// with its window, a "Move all" button that sends the move again with reflow: true
// and exactly the dates shown, and a Cancel that leaves everything as it was. Used by
// "My appointments" (patients) and the staff calendar.
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconCalendarEvent } from '@tabler/icons-react';
import {
  bookingSchema,
  reflowProposalSchema,
  type BookingView,
  type MoveBookingBody,
  type ReflowProposal,
  type ReflowSessionView,
} from '../../../domain/contracts/scheduling.ts';
import { ApiError } from '../api/fetch-json.ts';
import { BookingProblem } from './api.ts';
import { formatAppointment, keyParts, zoneSentence } from './clinic-zone.ts';

export type { ReflowProposal } from '../../../domain/contracts/scheduling.ts';

export type SeriesMoveResult =
  { kind: 'moved'; booking: BookingView } | { kind: 'proposal'; proposal: ReflowProposal; message: string };

/**
 * PATCH /api/v1/bookings/:id with If-Match. A 409 series_window with a proposal comes
 * back as `{ kind: 'proposal' }`; every other problem is thrown as a BookingProblem
 * (with the series session it names, if any), as the other booking calls do.
 */
export async function moveKeepingSeries(
  csrfToken: string,
  booking: Pick<BookingView, 'id' | 'version'>,
  body: MoveBookingBody,
): Promise<SeriesMoveResult> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/bookings/${encodeURIComponent(booking.id)}`, {
      method: 'PATCH',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
        'if-match': `"${booking.version}"`,
      },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new BookingProblem(
      new ApiError(0, 'network', 'We could not reach the clinic’s server. Check your connection and try again.'),
      undefined,
    );
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = bookingSchema.safeParse(answer);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'unexpected_answer',
        'The server sent an answer this page does not understand.',
      );
    }
    return { kind: 'moved', booking: parsed.data };
  }
  const problem = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  const code = typeof problem.code === 'string' ? problem.code : `http_${response.status}`;
  const detail =
    typeof problem.detail === 'string' ? problem.detail : `The server answered with status ${response.status}.`;
  if (code === 'series_window' && problem.proposal !== undefined) {
    const proposal = reflowProposalSchema.safeParse(problem.proposal);
    if (proposal.success) return { kind: 'proposal', proposal: proposal.data, message: detail };
  }
  const firstPath = Array.isArray(problem.errors)
    ? (problem.errors[0] as { path?: unknown } | undefined)?.path
    : undefined;
  const fromPath = typeof firstPath === 'string' ? /^sessions\.(\d+)/.exec(firstPath)?.[1] : undefined;
  throw new BookingProblem(
    new ApiError(response.status, code, detail),
    fromPath === undefined ? undefined : Number(fromPath),
  );
}

/** The body that accepts a proposal: the same move, with reflow and the later sessions as shown. */
export function acceptProposal(body: MoveBookingBody, proposal: ReflowProposal): MoveBookingBody {
  return {
    start: body.start,
    ...(body.practitionerId === undefined ? {} : { practitionerId: body.practitionerId }),
    reflow: true,
    laterSessions: rescheduledSessions(proposal).map((session) => ({
      bookingId: session.bookingId,
      start: session.start,
      practitionerId: session.practitionerId,
      version: session.version,
    })),
  };
}

export function rescheduledSessions(proposal: ReflowProposal): ReflowSessionView[] {
  return proposal.sessions.filter((session) => session.change === 'rescheduled');
}

/** "between Tue, Dec 1 and Fri, Dec 4": a session's window, local dates of the clinic. */
function windowWords(session: ReflowSessionView): string {
  const from = keyParts(session.windowStart);
  const to = keyParts(session.windowEnd);
  return `between ${from.weekday}, ${from.month} ${from.day} and ${to.weekday}, ${to.month} ${to.day}`;
}

/**
 * The proposal, for a dialog or a panel: the moved session, then each later session
 * that would leave its window with its current and its proposed time.
 */
export function SeriesProposalView({
  proposal,
  message,
  submitting,
  onMoveAll,
  onCancel,
}: {
  proposal: ReflowProposal;
  message: string;
  submitting: boolean;
  onMoveAll: () => void;
  onCancel: () => void;
}) {
  const zone = proposal.timeZone;
  const moved = proposal.sessions.find((session) => session.change === 'moved');
  const later = rescheduledSessions(proposal);
  const instants = proposal.sessions.flatMap((session) => [session.start, session.currentStart]);
  return (
    <Stack gap="sm" data-testid="series-proposal">
      <Alert color="yellow" variant="light" title="This move changes later sessions" icon={<IconCalendarEvent />}>
        {message}
      </Alert>
      <Text size="sm" c="dimmed">
        {zoneSentence(zone, instants)}
      </Text>
      {moved !== undefined && (
        <Text size="sm">
          <strong>Session {moved.index}</strong> moves to {formatAppointment(moved.start, zone)}.
        </Text>
      )}
      <Text fw={600} size="sm">
        Proposed new dates for the later {later.length === 1 ? 'session' : 'sessions'}:
      </Text>
      <List listStyleType="none" spacing="xs" aria-label="Proposed new dates">
        {later.map((session) => (
          <List.Item key={session.bookingId} data-testid="proposed-session">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                Session {session.index}
                {session.practitionerName === undefined ? '' : ` with ${session.practitionerName}`}
              </Text>
              <Group gap={6} wrap="wrap">
                <Text size="sm" td="line-through" c="dimmed">
                  <span className="visually-hidden">Now: </span>
                  {formatAppointment(session.currentStart, zone)}
                </Text>
                <IconArrowRight size={14} aria-hidden />
                <span className="visually-hidden">Proposed: </span>
                <Text size="sm" fw={600} data-testid="proposed-start">
                  {formatAppointment(session.start, zone)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                Its window: {windowWords(session)}
              </Text>
            </Stack>
          </List.Item>
        ))}
      </List>
      <Group gap="sm">
        <Button onClick={onMoveAll} loading={submitting}>
          Move all
        </Button>
        <Button variant="default" onClick={onCancel} disabled={submitting}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
