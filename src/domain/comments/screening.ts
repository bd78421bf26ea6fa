// Deciding what happens to a new comment: published at once, held for a
// moderator, or sorted apart as spam. Every signal that fired is listed, so a
// moderator (and a test) can see why. Spam never appears on the site; a held
// comment waits in the queue. The checks here are local; an optional
// Akismet-compatible service may add its word afterwards (akismet.ts).

import { findPersonalHealthDetails, type HealthDetailKind } from './health-details.ts';

export type ScreeningStatus = 'pending' | 'approved' | 'spam';

/** Why a comment was held or sorted as spam; stored in comments.held_reasons. */
export const SCREENING_REASONS = [
  'honeypot',
  'too_fast',
  'blocked_sender',
  'blocklist_word',
  'blocklist_domain',
  'duplicate',
  'too_many_links',
  'links',
  'personal_health_details',
  'first_comment',
  'moderate_all',
  /** The clinic's Akismet-compatible service called it spam. */
  'akismet',
  /** That service did not answer in time or answered nonsense: held, never published. */
  'akismet_unavailable',
] as const;
export type ScreeningReason = (typeof SCREENING_REASONS)[number];

export interface CommentSettings {
  /** Hold every comment, even from trusted commenters. */
  moderateAll: boolean;
  /** More links than this: held; far more: spam. */
  maxLinks: number;
  /** A form sent back sooner than this after it was shown is a script's. */
  minSecondsToSubmit: number;
}

export const DEFAULT_COMMENT_SETTINGS: CommentSettings = { moderateAll: false, maxLinks: 2, minSecondsToSubmit: 3 };

export const SETTINGS_LIMITS = {
  maxLinks: { min: 0, max: 20 },
  minSecondsToSubmit: { min: 0, max: 120 },
} as const;

export interface ScreeningInput {
  name: string;
  body: string;
  website: string | null;
  /** The hidden field people never see; anything in it was typed by a script. */
  honeypot: string;
  /** Seconds between showing the form and its post, from a signed timestamp; null when it is missing or forged. */
  secondsToSubmit: number | null;
}

export interface ScreeningContext {
  settings: CommentSettings;
  /** The clinic's blocklist: words and phrases, and link domains (a domain covers its subdomains). */
  blockedWords: readonly string[];
  blockedDomains: readonly string[];
  /** The email or the address (its hash) is on the clinic's blocklist. */
  senderBlocked: boolean;
  /** Recent bodies by the same email or from the same address. */
  recentBodies: readonly string[];
  commenter: { verified: boolean; trusted: boolean };
  /** For telling a birth date from a recent date. */
  now: Date;
}

export interface ScreeningResult {
  status: ScreeningStatus;
  reasons: ScreeningReason[];
  /** 0–100; higher is likelier spam. */
  spamScore: number;
  /** Set when personal health details were found: which kinds. */
  healthDetails: HealthDetailKind[];
}

/** Signals that make a comment spam on their own, with the weight each adds to the score. */
const SPAM_WEIGHTS = {
  honeypot: 100,
  too_fast: 80,
  blocked_sender: 100,
  blocklist_word: 60,
  blocklist_domain: 70,
  duplicate: 70,
  too_many_links: 60,
} as const satisfies Partial<Record<ScreeningReason, number>>;

/** Signals that only hold a comment, and what each adds to the score. */
const HOLD_WEIGHTS = {
  links: 20,
  personal_health_details: 0,
  first_comment: 5,
  moderate_all: 0,
} as const satisfies Partial<Record<ScreeningReason, number>>;

type SpamReason = keyof typeof SPAM_WEIGHTS;
type HoldReason = keyof typeof HOLD_WEIGHTS;

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
/** Bare domains people write without a scheme: "cheap-pills.example.com/offer". */
const BARE_DOMAIN =
  /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|io|co|ru|cn|xyz|top|shop|online|site|store|club|pro|us|uk|de)\b(?:\/[^\s<>"')\]]*)?/gi;

/** How many links a text holds (a bare domain counts as one). */
export function countLinks(text: string): number {
  const withScheme = text.match(URL_PATTERN) ?? [];
  const rest = text.replace(URL_PATTERN, ' ');
  return withScheme.length + (rest.match(BARE_DOMAIN) ?? []).length;
}

/** Case, width and spacing do not make a text different. */
export function normalizeForComparison(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function containsWord(haystack: string, word: string): boolean {
  const needle = normalizeForComparison(word);
  if (needle === '') return false;
  return ` ${haystack} `.includes(` ${needle} `);
}

/** Whether the text names the domain or one of its subdomains ("shop.spam.example/x" names "spam.example"). */
function mentionsDomain(text: string, domain: string): boolean {
  const name = domain.toLowerCase().replace(/^\*?\./, '');
  if (name === '') return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^a-z0-9.-])(?:[a-z0-9-]+\\.)*${escaped}(?![a-z0-9-]|\\.[a-z0-9])`, 'i').test(text);
}

export function screenComment(input: ScreeningInput, context: ScreeningContext): ScreeningResult {
  const spam: SpamReason[] = [];
  const hold: HoldReason[] = [];
  const { settings } = context;

  if (input.honeypot.trim() !== '') spam.push('honeypot');
  if (input.secondsToSubmit === null || input.secondsToSubmit < settings.minSecondsToSubmit) spam.push('too_fast');
  if (context.senderBlocked) spam.push('blocked_sender');

  const words = normalizeForComparison(`${input.name} ${input.body}`);
  if (context.blockedWords.some((word) => containsWord(words, word))) spam.push('blocklist_word');

  const linked = `${input.body}\n${input.website ?? ''}`;
  if (context.blockedDomains.some((domain) => mentionsDomain(linked, domain))) spam.push('blocklist_domain');

  const body = normalizeForComparison(input.body);
  if (context.recentBodies.some((recent) => normalizeForComparison(recent) === body)) spam.push('duplicate');

  const links = countLinks(input.body);
  // "Far over": more than twice the allowance and at least three more than it.
  if (links > Math.max(settings.maxLinks * 2, settings.maxLinks + 3)) spam.push('too_many_links');
  else if (links > settings.maxLinks) hold.push('links');

  const healthDetails = findPersonalHealthDetails(`${input.name}\n${input.body}`, context.now.getUTCFullYear());
  if (healthDetails.length > 0) hold.push('personal_health_details');
  if (!(context.commenter.verified && context.commenter.trusted)) hold.push('first_comment');
  if (settings.moderateAll) hold.push('moderate_all');

  const score =
    spam.reduce((sum, reason) => sum + SPAM_WEIGHTS[reason], 0) +
    hold.reduce((sum, reason) => sum + HOLD_WEIGHTS[reason], 0);
  const reasons: ScreeningReason[] = SCREENING_REASONS.filter(
    (reason) => (spam as string[]).includes(reason) || (hold as string[]).includes(reason),
  );
  return {
    status: spam.length > 0 ? 'spam' : hold.length > 0 ? 'pending' : 'approved',
    reasons,
    spamScore: Math.min(100, score),
    healthDetails,
  };
}
