// Free times for one service, two weeks at a time: a week view of days (each
// with how many times are free), then the chosen day's times as buttons. Times are
// on the clinic's clocks and the zone is named above them. Used to book and to
// move a booking.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconClock, IconWorld } from '@tabler/icons-react';
import { ApiError, useResource } from '../api/fetch-json.ts';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { dayNumber, firstInstantAtOrAfter, formatInstant } from '../../../domain/scheduling/zoned-time.ts';
import { availabilitySchema, availabilityUrl, practitionerNames, type SlotView } from './api.ts';
import {
  addDaysToKey,
  formatTime,
  keyParts,
  localDateKey,
  weekdayOfKey,
  zoneAbbreviation,
  zoneSentence,
} from './clinic-zone.ts';
import classes from './booking.module.css';

const WINDOW_DAYS = 14;

/** Local midnight of a "YYYY-MM-DD" day in the zone, as ISO with its offset. */
function startOfLocalDay(key: string, zone: string): string {
  return formatInstant(zone, firstInstantAtOrAfter(zone, dayNumber(key), 0));
}

export interface PickedSlot extends SlotView {
  timeZone: string;
  practitionerName: string | undefined;
}

export function SlotPicker({
  serviceId,
  zone,
  onPick,
  refreshKey = 0,
  skipStart,
  headingLevel = 3,
  initialWindow,
  onWindowChange,
}: {
  serviceId: string;
  /** The clinic's zone as the session knows it; the availability answer has the last word. */
  zone: string;
  onPick: (slot: PickedSlot) => void;
  /** Change it to load the times again (after someone else took one). */
  refreshKey?: number;
  /** A start not to offer (the booking being moved). */
  skipStart?: string | undefined;
  headingLevel?: 3 | 4;
  /** The Monday the two weeks shown start on, kept by the caller across remounts. */
  initialWindow?: string | undefined;
  onWindowChange?: (monday: string) => void;
}) {
  const todayKey = useMemo(() => localDateKey(new Date().toISOString(), zone), [zone]);
  // Weeks start on Monday; the first window starts on this week's Monday.
  const firstMonday = useMemo(() => addDaysToKey(todayKey, -weekdayOfKey(todayKey)), [todayKey]);
  const [windowStart, setWindowState] = useState(
    initialWindow !== undefined && initialWindow > firstMonday ? initialWindow : firstMonday,
  );
  const setWindowStart = (monday: string) => {
    setWindowState(monday);
    onWindowChange?.(monday);
  };
  const [practitionerId, setPractitionerId] = useState<string | null>(null);
  const [chosenDay, setChosenDay] = useState<string | undefined>();

  const fromIso = windowStart <= todayKey ? new Date().toISOString() : startOfLocalDay(windowStart, zone);
  const toIso = startOfLocalDay(addDaysToKey(windowStart, WINDOW_DAYS), zone);
  // The "now" inside fromIso would change the URL (and reload) on every render: keep it per window.
  const url = useMemo(
    () => availabilityUrl({ serviceId, from: fromIso, to: toIso, practitionerId: practitionerId ?? undefined }),
    [serviceId, windowStart, practitionerId, zone],
  );
  const availability = useResource(url, availabilitySchema);
  const { reload } = availability;
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    reload();
  }, [refreshKey, reload]);

  // Practitioners' names are remembered across windows, so the filter keeps its choices.
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const data = availability.status === 'ready' ? availability.data : undefined;
  useEffect(() => {
    if (data?.practitioners === undefined) return;
    setNames((known) => new Map([...known, ...practitionerNames(data.practitioners)]));
  }, [data]);

  const timeZone = data?.timeZone ?? zone;
  const slots = useMemo(() => (data?.slots ?? []).filter((slot) => slot.start !== skipStart), [data, skipStart]);
  const byDay = useMemo(() => {
    const days = new Map<string, SlotView[]>();
    for (const slot of slots) {
      const key = localDateKey(slot.start, timeZone);
      const list = days.get(key) ?? [];
      // One button per time: the first practitioner free then takes it.
      if (!list.some((other) => other.start === slot.start)) list.push(slot);
      days.set(key, list);
    }
    for (const list of days.values()) list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return days;
  }, [slots, timeZone]);

  // When the times arrive, open the first day that has any (or keep the one chosen).
  useEffect(() => {
    if (data === undefined) return;
    setChosenDay((current) => (current !== undefined && byDay.has(current) ? current : [...byDay.keys()].sort()[0]));
  }, [data, byDay]);

  const weeks = [0, 7].map((offset) =>
    Array.from({ length: 7 }, (_, index) => addDaysToKey(windowStart, offset + index)),
  );
  const lastKey = addDaysToKey(windowStart, WINDOW_DAYS - 1);
  const rangeLabel = `${keyParts(windowStart).month} ${keyParts(windowStart).day} to ${keyParts(lastKey).month} ${keyParts(lastKey).day}`;
  const dayTimes = chosenDay === undefined ? [] : (byDay.get(chosenDay) ?? []);
  const mixedZones = new Set(dayTimes.map((slot) => zoneAbbreviation(slot.start, timeZone))).size > 1;
  const practitionerOptions = [...names.entries()].map(([value, label]) => ({ value, label }));

  return (
    <Stack gap="md">
      <Group gap="xs" wrap="nowrap" align="flex-start" className={classes.zoneNote}>
        <IconWorld size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="sm" data-testid="zone-label">
          {zoneSentence(timeZone, slots.length > 0 ? slots.map((slot) => slot.start) : [fromIso, toIso])}
        </Text>
      </Group>

      {practitionerOptions.length > 1 && (
        <Select
          label="Practitioner"
          data={[{ value: '', label: 'Any practitioner' }, ...practitionerOptions]}
          value={practitionerId ?? ''}
          onChange={(value) => setPractitionerId(value === '' || value === null ? null : value)}
          allowDeselect={false}
          maw={320}
        />
      )}

      <div className={classes.weekNav}>
        <Button
          variant="default"
          size="sm"
          px="xs"
          leftSection={<IconChevronLeft size={16} aria-hidden />}
          disabled={windowStart <= firstMonday}
          onClick={() => setWindowStart(addDaysToKey(windowStart, -WINDOW_DAYS))}
        >
          Earlier weeks
        </Button>
        <Text fw={650} className={classes.weekRange} aria-live="polite" data-testid="week-range">
          {rangeLabel}
        </Text>
        <Button
          variant="default"
          size="sm"
          px="xs"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          onClick={() => setWindowStart(addDaysToKey(windowStart, WINDOW_DAYS))}
        >
          Next weeks
        </Button>
      </div>

      {availability.status === 'loading' && (
        <Stack gap="sm" role="status" aria-busy="true" aria-label="Loading free times">
          <Skeleton height={64} radius="md" />
          <Skeleton height={64} radius="md" />
          <Skeleton height={96} radius="md" />
        </Stack>
      )}
      {availability.status === 'error' && (
        <Stack gap="sm" align="flex-start">
          <FormError
            title="We could not load the free times"
            message={
              availability.error instanceof ApiError ? describeProblem(availability.error) : availability.error.message
            }
          />
          <Button variant="default" onClick={availability.reload}>
            Try again
          </Button>
        </Stack>
      )}
      {availability.status === 'ready' && (
        <>
          <div className={classes.weeks} role="group" aria-label="Days">
            {weeks.map((week) => (
              <div key={week[0]} className={classes.week}>
                {week.map((key) => {
                  const count = byDay.get(key)?.length ?? 0;
                  const parts = keyParts(key);
                  const past = key < todayKey;
                  const chosen = key === chosenDay;
                  return (
                    <UnstyledButton
                      key={key}
                      className={classes.day}
                      data-chosen={chosen || undefined}
                      data-empty={count === 0 || undefined}
                      disabled={count === 0}
                      aria-pressed={chosen}
                      onClick={() => setChosenDay(key)}
                    >
                      <span className="visually-hidden">
                        {parts.long}:{' '}
                        {count === 0
                          ? past
                            ? 'past'
                            : 'no free times'
                          : `${count} free ${count === 1 ? 'time' : 'times'}`}
                      </span>
                      <span className={classes.dayName} aria-hidden>
                        {parts.weekday}
                      </span>
                      <span className={classes.dayNumber} aria-hidden>
                        {parts.day}
                      </span>
                      <span className={classes.dayCount} aria-hidden>
                        {count === 0 ? '–' : count}
                        {count > 0 && <span className={classes.dayCountWord}> free</span>}
                      </span>
                    </UnstyledButton>
                  );
                })}
              </div>
            ))}
          </div>

          {byDay.size === 0 ? (
            <Alert color="gray" variant="light" radius="md" icon={<IconClock aria-hidden />} title="No free times">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">There are no free times in these two weeks.</Text>
                <Button size="sm" onClick={() => setWindowStart(addDaysToKey(windowStart, WINDOW_DAYS))}>
                  Look at the next two weeks
                </Button>
              </Stack>
            </Alert>
          ) : (
            chosenDay !== undefined && (
              <Stack gap="xs">
                <Title order={headingLevel} fz="md">
                  Free times on {keyParts(chosenDay).long}
                </Title>
                <SimpleGrid cols={{ base: 3, xs: 4, md: 6 }} spacing="xs" role="list" aria-label="Free times">
                  {dayTimes.map((slot) => (
                    <div role="listitem" key={slot.start}>
                      <Button
                        variant="default"
                        fullWidth
                        className={classes.time}
                        onClick={() => onPick({ ...slot, timeZone, practitionerName: names.get(slot.practitionerId) })}
                      >
                        {formatTime(slot.start, timeZone)}
                        {mixedZones ? ` ${zoneAbbreviation(slot.start, timeZone)}` : ''}
                      </Button>
                    </div>
                  ))}
                </SimpleGrid>
              </Stack>
            )
          )}
        </>
      )}
    </Stack>
  );
}
