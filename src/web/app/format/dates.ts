// Dates and times as people read them, in the clinic's own time zone so that
// everyone at the clinic reads the same time for the same event.
import { useMemo } from 'react';
import { useSession } from '../auth/session-context.tsx';

export function useDateTimeFormat(): (iso: string | null | undefined) => string {
  const { state } = useSession();
  const timeZone = state.status === 'signed_in' ? state.session.clinic.timeZone : undefined;
  return useMemo(() => {
    const format = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    return (iso) => {
      if (iso === null || iso === undefined) return '—';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [timeZone]);
}

/** "5 minutes ago", "yesterday"; for recent activity where the exact time matters less. */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Number.isNaN(seconds)) return iso;
  const format = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size)
      return unit === 'second' && Math.abs(value) < 45 ? 'just now' : format.format(value, unit);
    value = Math.round(value / size);
  }
  return format.format(value, 'year');
}
