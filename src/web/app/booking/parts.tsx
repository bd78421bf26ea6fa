// Small pieces the booking flow and "My appointments" share.
import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Title } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { bookingIcsUrl } from './api.ts';
import classes from './booking.module.css';

/**
 * A section heading that takes the keyboard focus when it appears after a step
 * change (not on the page's first load), so screen readers read the new step and
 * Tab goes on from there: on mount when `focusOnMount`, and whenever `focusKey`
 * changes afterwards.
 */
export function FocusHeading({
  children,
  order = 2,
  focusOnMount = true,
  focusKey,
}: {
  children: ReactNode;
  order?: 2 | 3;
  focusOnMount?: boolean;
  focusKey?: string | number;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current || focusOnMount) {
      // The new step starts at the top of the window (below the fixed header), then takes the focus.
      ref.current?.scrollIntoView?.({ block: 'start' });
      ref.current?.focus({ preventScroll: true });
    }
    mounted.current = true;
  }, [focusKey]);
  return (
    <Title order={order} fz={order === 2 ? 'xl' : 'lg'} ref={ref} tabIndex={-1} className={classes.focusHeading}>
      {children}
    </Title>
  );
}

export function Summary({ rows }: { rows: readonly (readonly [string, ReactNode] | false | undefined)[] }) {
  return (
    <dl className={classes.summary}>
      {rows
        .filter((row): row is readonly [string, ReactNode] => Array.isArray(row))
        .map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The booking's calendar file (.ics), for Apple, Google or Outlook calendars. */
export function AddToCalendar({
  bookingId,
  label = 'Add to calendar',
  context,
  size = 'sm',
}: {
  bookingId: string;
  label?: string;
  /** Read after the label by screen readers only: which visit ("session 2"). */
  context?: string;
  size?: 'xs' | 'sm' | 'md';
}) {
  return (
    <Button
      component="a"
      href={bookingIcsUrl(bookingId)}
      download
      variant="default"
      size={size}
      leftSection={<IconCalendarPlus size={18} aria-hidden />}
    >
      {label}
      {context !== undefined && <span className="visually-hidden">, {context}</span>}
    </Button>
  );
}
