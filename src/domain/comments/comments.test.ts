// The comment rules on their own: the form's checks and clean-up, the personal
// health details detector (what it must catch and what it must leave alone),
// and screening, one signal at a time and in combination.
import { describe, expect, it } from 'vitest';
import { cleanBody, cleanLine, normalizeWebsite, readCommentForm } from './form.ts';
import { findPersonalHealthDetails } from './health-details.ts';
import {
  DEFAULT_COMMENT_SETTINGS,
  countLinks,
  screenComment,
  type ScreeningContext,
  type ScreeningInput,
} from './screening.ts';

const YEAR = 2026;

describe('personal health details', () => {
  const detects = (text: string) => findPersonalHealthDetails(text, YEAR);

  it.each([
    'My DOB is 12/03/1985',
    'DOB: 1985-03-12',
    'D.O.B. 3.12.85',
    'born on March 3rd, 1990',
    'I was born on 3 March 1990 and have acne scars',
    'date of birth 07/04/1979',
    'my birthday is 04/07/2015',
    'I am 1990-06-15 born',
  ])('finds a date of birth in "%s"', (text) => {
    expect(detects(text)).toContain('date_of_birth');
  });

  it.each([
    'Call me at 555-0142',
    'my number is +1 (212) 555-0142',
    'text 212.555.0142 please',
    'ring 020 7946 0958',
    'reach me on 5551234567',
    '+44 7700 900123',
  ])('finds a phone number in "%s"', (text) => {
    expect(detects(text)).toContain('phone_number');
  });

  it.each([
    'I am on isotretinoin 20mg',
    'Accutane 40 mg for six months',
    'took 20 mg of isotretinoin until May',
    'minoxidil 5% twice a day',
    'zoloft 50mg daily',
    'metformin 500 mg',
    'I’m on Accutane right now',
    'I have been taking warfarin',
  ])('finds a medication with a dose (or my own medication) in "%s"', (text) => {
    expect(detects(text)).toContain('medication_dose');
  });

  it.each([
    'My diagnosis was rosacea',
    'I was diagnosed with eczema last year',
    "I've been diagnosed with melasma",
    'My doctor said I have keloids',
    'my dermatologist told me I have rosacea',
  ])('finds a diagnosis in "%s"', (text) => {
    expect(detects(text)).toContain('diagnosis');
  });

  it.each([
    'I had 3 sessions in 2024 and the scars are softer.',
    'It cost $250 per session, $1,250.00 for the course.',
    'Depth 1.5 mm on the cheeks and 0.5 mm on the forehead.',
    'Between 2019-2024 I tried peels and lasers.',
    'My session on 12/03/2025 went well.',
    'Should you stop isotretinoin before micro-needling?',
    'Is TXA useful for melasma?',
    'Open 9-5 Monday to Friday; 4 to 6 weeks between sessions.',
    'Version 2.5.1 of the app, 30 minutes of numbing cream.',
    'How long does redness last after a 1 mm treatment?',
    'Does a diagnosis of rosacea rule it out?',
  ])('leaves "%s" alone', (text) => {
    expect(detects(text)).toEqual([]);
  });

  it('names every kind found, in a fixed order', () => {
    expect(detects('DOB 12/03/1985, call 555-0142, Accutane 40 mg, I was diagnosed with acne')).toEqual([
      'date_of_birth',
      'phone_number',
      'medication_dose',
      'diagnosis',
    ]);
  });
});

describe('the form', () => {
  const valid = { name: 'Ana', email: 'Ana@Example.COM', website: '', body: 'How long is the redness?', notify: 'on' };

  it('cleans and accepts a valid post, lower-casing the email', () => {
    const result = readCommentForm(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft).toEqual({
      name: 'Ana',
      email: 'ana@example.com',
      website: null,
      body: 'How long is the redness?',
      parentId: null,
      notify: true,
    });
  });

  it('strips control characters and bidi overrides from the name and the body', () => {
    expect(cleanLine('Ana\u202E\u0000 \u2066Evil\u2069\n')).toBe('Ana Evil');
    expect(cleanBody('line one\r\n\u202Ereversed\u202C\u0007\n\n\n\nlast')).toBe('line one\nreversed\n\nlast');
  });

  it('gives each wrong field its own message', () => {
    const result = readCommentForm({ name: '', email: 'not-an-email', website: 'javascript:alert(1)', body: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['body', 'email', 'name', 'website']);
  });

  it('enforces the limits', () => {
    const long = readCommentForm({ ...valid, name: 'n'.repeat(81), body: 'b'.repeat(5001) });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(Object.keys(long.errors).sort()).toEqual(['body', 'name']);
    expect(readCommentForm({ ...valid, email: `${'a'.repeat(64)}@${'b'.repeat(186)}.com` }).ok).toBe(false);
    expect(readCommentForm({ ...valid, body: 'ok' }).ok).toBe(true);
  });

  it('accepts only http and https websites, and completes a bare domain', () => {
    expect(normalizeWebsite('example.com')).toEqual({ url: 'https://example.com/' });
    expect(normalizeWebsite('http://example.com/about')).toEqual({ url: 'http://example.com/about' });
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://example.com',
      'https://user:pw@example.com',
      'localhost',
    ]) {
      expect(normalizeWebsite(bad), bad).toHaveProperty('error');
    }
    expect(normalizeWebsite(`https://example.com/${'a'.repeat(200)}`)).toHaveProperty('error');
  });

  it('refuses a parent that is not an id', () => {
    const result = readCommentForm({ ...valid, parent: "1' or 1=1" });
    expect(result.ok).toBe(false);
  });
});

describe('screening', () => {
  const input: ScreeningInput = {
    name: 'Ana',
    body: 'How long does the redness last after a session?',
    website: null,
    honeypot: '',
    secondsToSubmit: 40,
  };
  const context: ScreeningContext = {
    settings: DEFAULT_COMMENT_SETTINGS,
    blockedWords: [],
    blockedDomains: [],
    senderBlocked: false,
    recentBodies: [],
    commenter: { verified: true, trusted: true },
    now: new Date('2026-03-01T12:00:00Z'),
  };

  it('publishes a plain question from a trusted commenter', () => {
    expect(screenComment(input, context)).toMatchObject({ status: 'approved', reasons: [], spamScore: 0 });
  });

  it('holds the first comment of an address that is not verified and trusted', () => {
    for (const commenter of [
      { verified: false, trusted: false },
      { verified: true, trusted: false },
      { verified: false, trusted: true },
    ]) {
      expect(screenComment(input, { ...context, commenter })).toMatchObject({
        status: 'pending',
        reasons: ['first_comment'],
      });
    }
  });

  it('holds everything when the clinic moderates all comments', () => {
    const result = screenComment(input, { ...context, settings: { ...context.settings, moderateAll: true } });
    expect(result).toMatchObject({ status: 'pending', reasons: ['moderate_all'] });
  });

  it('sorts a filled honeypot as spam', () => {
    expect(screenComment({ ...input, honeypot: 'http://spam.example' }, context)).toMatchObject({
      status: 'spam',
      reasons: ['honeypot'],
    });
  });

  it('sorts a post faster than the minimum, or without a valid form timestamp, as spam', () => {
    expect(screenComment({ ...input, secondsToSubmit: 1 }, context).reasons).toEqual(['too_fast']);
    expect(screenComment({ ...input, secondsToSubmit: null }, context).status).toBe('spam');
    expect(screenComment({ ...input, secondsToSubmit: 3 }, context).status).toBe('approved');
  });

  it('holds a comment over the link limit and sorts one far over it as spam', () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://site${i}.example.com/page`).join(' and ');
    expect(countLinks(links(3))).toBe(3);
    expect(screenComment({ ...input, body: `See ${links(2)}` }, context).status).toBe('approved');
    expect(screenComment({ ...input, body: `See ${links(3)}` }, context)).toMatchObject({
      status: 'pending',
      reasons: ['links'],
    });
    expect(screenComment({ ...input, body: `See ${links(6)}` }, context)).toMatchObject({
      status: 'spam',
      reasons: ['too_many_links'],
    });
  });

  it('sorts blocked words, link domains (and their subdomains) and blocked senders as spam', () => {
    const blocked = { ...context, blockedWords: ['cheap pills'], blockedDomains: ['spam.example'] };
    expect(screenComment({ ...input, body: 'Buy CHEAP   pills today' }, blocked).reasons).toEqual(['blocklist_word']);
    expect(screenComment({ ...input, body: 'I buy cheaper pillows' }, blocked).status).toBe('approved');
    expect(screenComment({ ...input, body: 'see www.shop.spam.example/x' }, blocked).reasons).toEqual([
      'blocklist_domain',
    ]);
    expect(screenComment({ ...input, website: 'https://spam.example/' }, blocked).reasons).toEqual([
      'blocklist_domain',
    ]);
    expect(screenComment({ ...input, body: 'see notspam.example.org' }, blocked).status).toBe('approved');
    expect(screenComment(input, { ...context, senderBlocked: true }).reasons).toEqual(['blocked_sender']);
  });

  it('sorts a duplicate of a recent comment by the same sender as spam, whatever its case and spacing', () => {
    const result = screenComment(input, {
      ...context,
      recentBodies: ['how long does the REDNESS last   after a session'],
    });
    expect(result).toMatchObject({ status: 'spam', reasons: ['duplicate'] });
    expect(screenComment(input, { ...context, recentBodies: ['Another question'] }).status).toBe('approved');
  });

  it('holds personal health details with its own reason', () => {
    const result = screenComment(
      { ...input, body: 'I am on Accutane 40 mg, call me on 555-0142' },
      { ...context, commenter: { verified: false, trusted: false } },
    );
    expect(result.status).toBe('pending');
    expect(result.reasons).toEqual(['personal_health_details', 'first_comment']);
    expect(result.healthDetails).toEqual(['phone_number', 'medication_dose']);
  });

  it('lists every reason that fired, and spam wins over holding', () => {
    const result = screenComment(
      { ...input, honeypot: 'x', secondsToSubmit: 0, body: 'My DOB is 01/02/1980' },
      {
        ...context,
        commenter: { verified: false, trusted: false },
        settings: { ...context.settings, moderateAll: true },
      },
    );
    expect(result.status).toBe('spam');
    expect(result.reasons).toEqual([
      'honeypot',
      'too_fast',
      'personal_health_details',
      'first_comment',
      'moderate_all',
    ]);
    expect(result.spamScore).toBe(100);
  });
});
