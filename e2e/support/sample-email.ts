// The one email the browser tests put in the demo mailbox before they start.
export const sampleEmail = {
  to: 'patient1@demo.puncta.test',
  subject: 'Your consultation at Demo Dermatology',
  text: 'Hello Sam,\n\nThank you for booking a consultation. Please arrive ten minutes early.\n\nDemo Dermatology',
  html: '<p>Hello Sam,</p><p>Thank you for booking a consultation. Please arrive <strong>ten minutes early</strong>.</p><p>Demo Dermatology</p>',
} as const;
