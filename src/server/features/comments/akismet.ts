// The optional second opinion on a new comment: an Akismet-compatible
// service (Akismet itself, or a compatible one such as a self-hosted filter),
// asked only when the clinic set both an endpoint and a key, and only about
// comments the local rules would publish or hold. Its "true" sorts a comment
// apart as spam; its "false" leaves the local verdict alone; anything else
// (an error, nonsense, no answer within two seconds) holds the comment for a
// person. The service can never make a comment appear on the site.
import type { ScreeningResult } from '../../../domain/comments/screening.ts';

export const AKISMET_TIMEOUT_MS = 2000;

export interface AkismetService {
  /** Base URL, e.g. https://rest.akismet.com; /1.1/comment-check is added. */
  endpoint: string;
  key: string;
}

export interface AkismetComment {
  /** The site the comment was posted on (PUBLIC_URL). */
  blog: string;
  userIp: string;
  userAgent: string;
  author: string;
  authorEmail: string;
  authorUrl: string | null;
  content: string;
}

/** spam: the service said "true"; ham: "false"; unavailable: anything else, or no answer in time. */
export type AkismetAnswer = 'spam' | 'ham' | 'unavailable';

/** Both an endpoint and a key, or nothing to ask. */
export function akismetService(settings: {
  akismetEndpoint: string | null;
  akismetKey: string | null;
}): AkismetService | undefined {
  const { akismetEndpoint: endpoint, akismetKey: key } = settings;
  if (endpoint === null || key === null || endpoint === '' || key === '') return undefined;
  return { endpoint, key };
}

export function commentCheckUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/1.1/comment-check`;
}

/** One comment-check call (https://akismet.com/developers/detailed-docs/comment-check/). Never throws. */
export async function checkWithAkismet(
  service: AkismetService,
  comment: AkismetComment,
  options: { timeoutMs?: number } = {},
): Promise<AkismetAnswer> {
  const body = new URLSearchParams({
    api_key: service.key,
    blog: comment.blog,
    user_ip: comment.userIp,
    user_agent: comment.userAgent,
    comment_type: 'comment',
    comment_author: comment.author,
    comment_author_email: comment.authorEmail,
    comment_author_url: comment.authorUrl ?? '',
    comment_content: comment.content,
  });
  try {
    // The signal bounds the whole exchange, reading the answer included.
    const response = await fetch(commentCheckUrl(service.endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: body.toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? AKISMET_TIMEOUT_MS),
    });
    const text = (await response.text()).trim();
    if (response.status !== 200) return 'unavailable';
    if (text === 'true') return 'spam';
    if (text === 'false') return 'ham';
    // "invalid" (a bad key) and anything else: no verdict.
    return 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** Whether the service is asked at all: not about spam, and not about a comment held for health details. */
export function worthAsking(verdict: ScreeningResult): boolean {
  // Personal health details are held for a person anyway and stay out of third-party services.
  return verdict.status !== 'spam' && verdict.healthDetails.length === 0;
}

/** The local verdict with the service's answer added; it can make a comment stricter, never laxer. */
export function withAkismetAnswer(verdict: ScreeningResult, answer: AkismetAnswer): ScreeningResult {
  if (answer === 'spam') {
    return {
      ...verdict,
      status: 'spam',
      reasons: [...verdict.reasons, 'akismet'],
      spamScore: Math.min(100, verdict.spamScore + 80),
    };
  }
  if (answer === 'unavailable') {
    return { ...verdict, status: 'pending', reasons: [...verdict.reasons, 'akismet_unavailable'] };
  }
  return verdict;
}
