// The emails a commenter gets: one when their comment is received (with the
// link that verifies their address, and a private word when the comment looked
// like it held personal health details), and one when someone answers them.
// They never quote anyone's comment: a health detail stays out of inboxes too.
import type { OutgoingMail } from '../../../mail/mailer.ts';

type Message = Pick<OutgoingMail, 'subject' | 'text' | 'headers'>;

const signature = (clinicName: string) => `\n-- \n${clinicName}\n`;

export interface ReceivedEmailInput {
  clinicName: string;
  articleTitle: string;
  articleUrl: string;
  bookingUrl: string;
  /** Held because it seemed to hold personal health details. */
  healthDetails: boolean;
  /** Present when the address still has to be confirmed. */
  verifyUrl: string | undefined;
  manageUrl: string;
}

export function commentReceivedEmail(input: ReceivedEmailInput): Message {
  const parts: string[] = [];
  if (input.healthDetails) {
    parts.push(
      `Thank you for your comment on "${input.articleTitle}". It looks like it may include personal health ` +
        'details, such as a date of birth, a phone number, a medication and its dose, or a diagnosis. ' +
        'To protect your privacy we have not published it: a member of our team will read it first, and ' +
        'may leave it unpublished.',
      'Questions about your own skin and health are best answered in a private consultation, where a ' +
        `practitioner can look at your history properly. You can book one here:\n\n${input.bookingUrl}`,
    );
  } else {
    parts.push(
      `Thank you for your comment on "${input.articleTitle}". A member of our team reads new comments ` +
        'before they appear, usually within a working day.',
    );
  }
  if (input.verifyUrl !== undefined) {
    parts.push(
      'Please confirm that this email address is yours. Once it is confirmed and a comment of yours has ' +
        `been approved, your next comments can appear straight away:\n\n${input.verifyUrl}\n\n` +
        'If you did not write a comment on our site, ignore this message.',
    );
  }
  parts.push(`To delete your comment, open this link:\n\n${input.manageUrl}`);
  parts.push(`The article: ${input.articleUrl}`);
  return {
    subject: input.healthDetails ? 'About your comment: we kept it private for now' : 'We received your comment',
    text: `${parts.join('\n\n')}\n${signature(input.clinicName)}`,
  };
}

export interface ReplyEmailInput {
  clinicName: string;
  articleTitle: string;
  replierName: string;
  fromClinic: boolean;
  replyUrl: string;
  unsubscribeUrl: string;
  manageUrl: string;
}

/**
 * The unsubscribe link as header fields, so mail programs can offer their own
 * button (RFC 2369) and stop the emails with one POST, no page (RFC 8058).
 */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export function replyNotificationEmail(input: ReplyEmailInput): Message {
  const who = input.fromClinic ? `${input.replierName} from ${input.clinicName}` : input.replierName;
  return {
    headers: listUnsubscribeHeaders(input.unsubscribeUrl),
    subject: `New reply to your comment on "${input.articleTitle}"`,
    text:
      `${who} replied to your comment on "${input.articleTitle}". Read the reply here:\n\n${input.replyUrl}\n\n` +
      `You get this email because you asked to be told about replies. To stop these emails, open:\n` +
      `${input.unsubscribeUrl}\n\nTo delete your comment, open:\n${input.manageUrl}\n${signature(input.clinicName)}`,
  };
}
