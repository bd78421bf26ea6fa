// The areas of the app, for patients and for the clinic team, and which roles
// see each one. The server enforces access on every route; this list only keeps
// people from being shown doors they cannot open. Each area that is still to
// come carries a description of what it will do, shown on its page so that an
// empty area reads as a plan, not as a broken link.
import type { ComponentType } from 'react';
import { CLINICAL_ROLES, STAFF_ROLES, type Role } from '../api/identity-contract.ts';
import {
  IconArticle,
  IconCalendar,
  IconCalendarCog,
  IconCalendarEvent,
  IconChartBar,
  IconClock,
  IconClipboardHeart,
  IconEye,
  IconFirstAidKit,
  IconHome,
  IconHourglass,
  IconListSearch,
  IconMail,
  IconMessageCircle,
  IconMessages,
  IconPhoto,
  IconSettings,
  IconStethoscope,
  IconSunHigh,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  type IconProps,
} from '@tabler/icons-react';

const PATIENT = ['patient'] as const satisfies readonly Role[];
const ADMIN = ['clinic_admin'] as const satisfies readonly Role[];
const ALL_ROLES = ['patient', ...STAFF_ROLES] as const satisfies readonly Role[];

export interface AppArea {
  label: string;
  /** Path inside the app (the router's basename is /app). */
  path: string;
  icon: ComponentType<IconProps>;
  audience: 'patient' | 'staff';
  /** Who sees it in the navigation and may open it. */
  roles: readonly Role[];
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
    roles: PATIENT,
    summary: 'Your next steps at a glance.',
  },
  {
    label: 'My plan',
    path: '/plan',
    icon: IconClipboardHeart,
    audience: 'patient',
    roles: PATIENT,
    summary:
      'Your answers on whether micro-needling suits you, with the reasons, a draft plan and your practitioner’s review.',
  },
  {
    label: 'Appointments',
    path: '/appointments',
    icon: IconCalendarEvent,
    audience: 'patient',
    roles: PATIENT,
    summary:
      'Your upcoming and past visits: move or cancel one within the clinic’s notice period, or add it to your calendar.',
  },
  {
    label: 'Aftercare',
    path: '/aftercare',
    icon: IconFirstAidKit,
    audience: 'patient',
    roles: PATIENT,
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
    roles: PATIENT,
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
    roles: PATIENT,
    summary: 'Questions and answers between you and your care team.',
    upcoming: ['Secure messages with the clinic', 'Answers from the practitioner who treats you'],
  },
  {
    label: 'Who saw my record',
    path: '/record-access',
    icon: IconEye,
    audience: 'patient',
    roles: PATIENT,
    summary: 'Every time someone at the clinic opened or changed your record, and when.',
  },
];

export const staffAreas: readonly AppArea[] = [
  {
    label: 'Today',
    path: '/staff',
    icon: IconSunHigh,
    audience: 'staff',
    roles: STAFF_ROLES,
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
    roles: STAFF_ROLES,
    summary: 'Practitioners, rooms and pens side by side: book for a patient, drag a booking to move it.',
  },
  {
    label: 'Waitlist',
    path: '/staff/waitlist',
    icon: IconHourglass,
    audience: 'staff',
    roles: STAFF_ROLES,
    summary: 'Patients waiting for a time: offer a freed slot to someone whose window contains it.',
  },
  {
    label: 'Hours and time off',
    path: '/staff/hours',
    icon: IconClock,
    audience: 'staff',
    roles: CLINICAL_ROLES,
    summary: 'Weekly working hours and time off: when patients can book each practitioner.',
  },
  {
    label: 'Patients',
    path: '/staff/patients',
    icon: IconUsers,
    audience: 'staff',
    roles: STAFF_ROLES,
    summary: 'Every patient’s record in one place.',
    upcoming: [
      'Contact details for the front desk; screening, consent and plans for practitioners',
      'Session charts: zones, depth, passes, device and cartridge lot',
      'Photos and outcome scores over time; notes are amended, never overwritten',
    ],
  },
  {
    label: 'Assessments',
    path: '/staff/assessments',
    icon: IconStethoscope,
    audience: 'staff',
    roles: CLINICAL_ROLES,
    summary:
      'Self-assessments to review and sign off: the answers, the screening rules that fired with their sources, and the draft plan.',
  },
  {
    label: 'Articles',
    path: '/staff/articles',
    icon: IconArticle,
    audience: 'staff',
    roles: CLINICAL_ROLES,
    summary: 'What the clinic publishes on its website: drafts, scheduled and published articles.',
  },
  {
    label: 'Comments',
    path: '/staff/comments',
    icon: IconMessages,
    audience: 'staff',
    roles: CLINICAL_ROLES,
    summary: 'Questions posted under the clinic’s articles.',
  },
  {
    label: 'Mailbox',
    path: '/staff/mailbox',
    icon: IconMail,
    audience: 'staff',
    roles: STAFF_ROLES,
    summary: 'Every email Puncta has sent or kept, while the demo runs.',
  },
  {
    label: 'Reports',
    path: '/staff/reports',
    icon: IconChartBar,
    audience: 'staff',
    roles: CLINICAL_ROLES,
    summary: 'How the clinic is doing, over time.',
    upcoming: ['Bookings and completed courses', 'Adverse events and follow-up', 'Outcome scores by concern'],
  },
];

/** What a clinic admin runs: the team, the record of who did what, the clinic's setup. */
export const adminAreas: readonly AppArea[] = [
  {
    label: 'Staff',
    path: '/staff/team',
    icon: IconUsersGroup,
    audience: 'staff',
    roles: ADMIN,
    summary: 'Invite people, set their roles, and end access when someone leaves.',
  },
  {
    label: 'Audit log',
    path: '/staff/audit',
    icon: IconListSearch,
    audience: 'staff',
    roles: ADMIN,
    summary: 'Who looked at or changed which record, when, from where, and whether it was allowed.',
  },
  {
    label: 'Clinic settings',
    path: '/staff/settings',
    icon: IconSettings,
    audience: 'staff',
    roles: ADMIN,
    summary:
      'The screening policy where sources disagree: waiting times, device depth and endpoint, each change in the audit log.',
  },
  {
    label: 'Services and rules',
    path: '/staff/services',
    icon: IconCalendarCog,
    audience: 'staff',
    roles: ADMIN,
    summary:
      'Services with their durations, set-up and cleaning buffers, prices and who gives them; booking rules and holidays.',
  },
];

/** Everyone's own settings: password, two-step sign-in, devices. */
export const accountArea: AppArea = {
  label: 'Account',
  path: '/account',
  icon: IconUserCircle,
  audience: 'patient',
  roles: ALL_ROLES,
  summary: 'Your password, two-step sign-in and the devices you are signed in on.',
};

/** The calls to action on the public pages lead here too; they belong with My plan and Appointments. */
export const bookingArea: AppArea = {
  label: 'Book a consultation',
  path: '/book',
  icon: IconCalendarEvent,
  audience: 'patient',
  roles: PATIENT,
  summary: 'Book a consultation or a treatment, one session or the whole course, at a time that suits you.',
};

export const allAreas: readonly AppArea[] = [...patientAreas, ...staffAreas, ...adminAreas, accountArea, bookingArea];

/** The navigation a role gets, section by section; empty sections are left out. */
export function navigationFor(role: Role): { title: string; areas: AppArea[] }[] {
  if (role === 'patient') return [{ title: 'Your care', areas: [...patientAreas, accountArea] }];
  const visible = (areas: readonly AppArea[]) => areas.filter((area) => area.roles.includes(role));
  return [
    { title: 'Clinic team', areas: visible(staffAreas) },
    { title: 'Administration', areas: visible(adminAreas) },
    { title: 'You', areas: [accountArea] },
  ].filter((section) => section.areas.length > 0);
}

/** The area a path belongs to (the longest matching prefix), for access checks. */
export function areaFor(pathname: string): AppArea | undefined {
  const path = pathname.replace(/\/$/, '') || '/';
  return [...allAreas]
    .sort((a, b) => b.path.length - a.path.length)
    .find((area) => path === area.path || (area.path !== '/' && path.startsWith(`${area.path}/`)));
}
