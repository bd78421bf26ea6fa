// The identity emails: plain, short, one link each. Links open pages of the
// browser app (/app/...), which post the token back; the token is never logged
// (the logger drops query strings); the page should drop it from the address bar.
import type { Config } from '../../../platform/config.ts';
import type { OutgoingMail } from '../../../mail/mailer.ts';

export type LinkPage = 'verify-email' | 'reset-password' | 'sign-in-link' | 'accept-invitation';

export function linkTo(config: Config, page: LinkPage, token: string): string {
  return `${config.http.publicUrl}/app/${page}?token=${encodeURIComponent(token)}`;
}

type Message = Pick<OutgoingMail, 'subject' | 'text'>;

const signature = '\n-- \nPuncta, on behalf of your clinic\n';

export function verificationEmail(link: string): Message {
  return {
    subject: 'Confirm your email address',
    text:
      `Welcome to Puncta. Open this link to confirm your email address and sign in:\n\n${link}\n\n` +
      `The link works once and expires in 48 hours. If you did not sign up, ignore this message.\n${signature}`,
  };
}

export function alreadyRegisteredEmail(config: Config): Message {
  return {
    subject: 'Someone tried to sign up with your email address',
    text:
      'Someone, maybe you, tried to create a Puncta account with this email address. ' +
      `You already have an account, so nothing was changed.\n\nSign in here: ${config.http.publicUrl}/app/\n\n` +
      `If you forgot your password, choose "Forgot password" on the sign-in page. ` +
      `If it was not you, you can ignore this message.\n${signature}`,
  };
}

export function passwordResetEmail(link: string): Message {
  return {
    subject: 'Reset your password',
    text:
      `Open this link to choose a new password:\n\n${link}\n\n` +
      'The link works once and expires in 30 minutes. Choosing a new password signs you out everywhere. ' +
      `If you did not ask for this, ignore this message: your password stays as it is.\n${signature}`,
  };
}

export function signInLinkEmail(link: string): Message {
  return {
    subject: 'Your sign-in link',
    text:
      `Open this link to sign in:\n\n${link}\n\n` +
      `The link works once and expires in 15 minutes. If you did not ask for it, ignore this message.\n${signature}`,
  };
}

export function invitationEmail(link: string, clinicName: string): Message {
  return {
    subject: `You are invited to join ${clinicName} on Puncta`,
    text:
      `${clinicName} invited you to work with them on Puncta. Open this link to accept and set your password:\n\n` +
      `${link}\n\nThe invitation works once and expires in 7 days.\n${signature}`,
  };
}
