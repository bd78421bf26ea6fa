// The areas of the app, for patients and for the clinic team. Each area that is
// still to come carries a description of what it will do, shown on its page so
// that an empty area reads as a plan, not as a broken link.
import type { ComponentType } from 'react';
import {
  IconCalendar,
  IconCalendarEvent,
  IconChartBar,
  IconClipboardHeart,
  IconFirstAidKit,
  IconHome,
  IconMail,
  IconMessageCircle,
  IconMessages,
  IconPhoto,
  IconSettings,
  IconStethoscope,
  IconSunHigh,
  IconUserCircle,
  IconUsers,
  type IconProps,
} from '@tabler/icons-react';

export interface AppArea {
  label: string;
  /** Path inside the app (the router's basename is /app). */
  path: string;
  icon: ComponentType<IconProps>;
  audience: 'patient' | 'staff';
  /** One sentence on what the page is for. */
  summary: string;
  /** What people will be able to do there once it is built. */
  upcoming?: string[];
}

export const patientAreas: readonly AppArea[] = [
  {
    label: 'Home',
    path: '/',
    icon: IconHome,
    audience: 'patient',
    summary: 'Your next steps at a glance.',
  },
  {
    label: 'My plan',
    path: '/plan',
    icon: IconClipboardHeart,
    audience: 'patient',
    summary:
      'Answer a few questions about your skin and health, and get an explained answer on whether micro-needling suits you, with a draft plan.',
    upcoming: [
      'A candidacy answer that lists its reasons, and says "ask your practitioner" when in doubt',
      'Sessions, time between them and the depth range for each area',
      'Expected downtime and the full cost before you commit',
    ],
  },
  {
    label: 'Appointments',
    path: '/appointments',
    icon: IconCalendarEvent,
    audience: 'patient',
    summary: 'Your upcoming and past visits in one list.',
    upcoming: [
      'Book a consultation or a whole treatment series in one go',
      'Move or cancel a visit within the clinic’s notice period',
      'Reminders by email before each visit',
    ],
  },
  {
    label: 'Aftercare',
    path: '/aftercare',
    icon: IconFirstAidKit,
    audience: 'patient',
    summary: 'What to do, day by day, before and after each session.',
    upcoming: [
      'Preparation steps for the days before your session',
      'Day-by-day aftercare: what is normal and what is not',
      'Quick recovery check-ins that alert the clinic if something is not settling',
    ],
  },
  {
    label: 'Photos',
    path: '/photos',
    icon: IconPhoto,
    audience: 'patient',
    summary: 'Your before and after photos, side by side.',
    upcoming: [
      'Photos taken in the same light and position at every visit',
      'Side-by-side comparison across your course',
      'Stored encrypted, visible only to you and your care team',
    ],
  },
  {
    label: 'Messages',
    path: '/messages',
    icon: IconMessageCircle,
    audience: 'patient',
    summary: 'Questions and answers between you and your care team.',
    upcoming: ['Secure messages with the clinic', 'Answers from the practitioner who treats you'],
  },
  {
    label: 'Account',
    path: '/account',
    icon: IconUserCircle,
    audience: 'patient',
    summary: 'Your details, your sign-in and your data.',
    upcoming: [
      'Your contact details and consent records',
      'Password and sign-in settings',
      'A download of everything the clinic holds about you',
    ],
  },
];

export const staffAreas: readonly AppArea[] = [
  {
    label: 'Today',
    path: '/staff',
    icon: IconSunHigh,
    audience: 'staff',
    summary: 'The clinic day at a glance.',
    upcoming: [
      'Who is coming in today, with room and pen',
      'Screenings that are waiting for a practitioner',
      'Recovery check-ins that need a call back',
    ],
  },
  {
    label: 'Calendar',
    path: '/staff/calendar',
    icon: IconCalendar,
    audience: 'staff',
    summary: 'Practitioners, rooms and pens side by side.',
    upcoming: [
      'Book, move and cancel, with double booking made impossible',
      'A waitlist that fills freed slots',
      'Opening hours in the clinic’s own time zone, daylight saving included',
    ],
  },
  {
    label: 'Patients',
    path: '/staff/patients',
    icon: IconUsers,
    audience: 'staff',
    summary: 'Every patient’s record in one place.',
    upcoming: [
      'Screening, consent and plans',
      'Session charts: zones, depth, passes, device and cartridge lot',
      'Photos and outcome scores over time; notes are amended, never overwritten',
    ],
  },
  {
    label: 'Assessments',
    path: '/staff/assessments',
    icon: IconStethoscope,
    audience: 'staff',
    summary: 'Self-assessments waiting for a practitioner’s review.',
    upcoming: [
      'The screening rules that fired, with their sources',
      'Accept, adjust or decline a draft plan, with a reason the patient sees',
    ],
  },
  {
    label: 'Comments',
    path: '/staff/comments',
    icon: IconMessages,
    audience: 'staff',
    summary: 'Questions posted under the clinic’s articles.',
    upcoming: ['Answer questions in public or privately', 'Moderate before anything is published'],
  },
  {
    label: 'Mailbox',
    path: '/staff/mailbox',
    icon: IconMail,
    audience: 'staff',
    summary: 'Every email Puncta has sent or kept, while the demo runs without a mail server.',
  },
  {
    label: 'Reports',
    path: '/staff/reports',
    icon: IconChartBar,
    audience: 'staff',
    summary: 'How the clinic is doing, over time.',
    upcoming: ['Bookings and completed courses', 'Adverse events and follow-up', 'Outcome scores by concern'],
  },
  {
    label: 'Settings',
    path: '/staff/settings',
    icon: IconSettings,
    audience: 'staff',
    summary: 'How the clinic runs in Puncta.',
    upcoming: [
      'Services, prices and opening hours',
      'Staff and their roles',
      'Protocols the clinic follows, with every change in the audit log',
    ],
  },
];

/** The calls to action on the public pages lead here too; they belong with My plan and Appointments. */
export const bookingArea: AppArea = {
  label: 'Book a consultation',
  path: '/book',
  icon: IconCalendarEvent,
  audience: 'patient',
  summary: 'Choose a practitioner and a time that suits you, online.',
  upcoming: [
    'Free times for each practitioner, in the clinic’s local time',
    'Instant confirmation by email, and a reminder before your visit',
    'A short health questionnaire to fill in at home beforehand',
  ],
};

export const allAreas: readonly AppArea[] = [...patientAreas, ...staffAreas, bookingArea];
