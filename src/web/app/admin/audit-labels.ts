// Audit actions and outcomes in words, for the admin's log viewer.
import type { AuditOutcome } from '../api/identity-contract.ts';

export const actionLabels: Record<string, string> = {
  read: 'Viewed',
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  export: 'Exported',
  login: 'Signed in',
  login_failed: 'Sign-in failed',
  logout: 'Signed out',
  mfa_failed: 'Wrong sign-in code',
  mfa_enrolled: 'Set up two-step sign-in',
  password_changed: 'Changed password',
  password_reset: 'Reset password',
  access_denied: 'Access refused',
  session_revoked: 'Session ended',
  role_changed: 'Role changed',
  staff_invited: 'Staff invited',
  staff_deactivated: 'Staff deactivated',
  invitation_accepted: 'Invitation accepted',
  review: 'Assessment signed off',
  policy_changed: 'Clinic policy changed',
  policy_loosened: 'Clinic policy loosened',
  publish: 'Article published',
  schedule: 'Article scheduled',
  unpublish: 'Article unpublished',
  comment_approved: 'Comment approved',
  comment_rejected: 'Comment rejected',
  comment_marked_spam: 'Comment marked as spam',
  comment_edited: 'Comment edited',
  comment_replied: 'Answered a comment',
  comment_deleted: 'Comment deleted',
  comment_deleted_by_author: 'Comment deleted by its author',
  comments_closed: 'Comments closed',
  comments_opened: 'Comments opened',
  commenter_blocked: 'Commenter blocked',
  comment_block_added: 'Blocklist entry added',
  comment_block_removed: 'Blocklist entry removed',
  comment_settings_changed: 'Comment settings changed',
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action.replaceAll('_', ' ').replace(/^./, (first) => first.toUpperCase());
}

export const outcomePresentation: Record<AuditOutcome, { label: string; color: string }> = {
  allowed: { label: 'Allowed', color: 'green' },
  denied: { label: 'Refused', color: 'red' },
  failed: { label: 'Failed', color: 'orange' },
};
