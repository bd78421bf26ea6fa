// Small formatting helpers for the public pages: prices, durations and the
// clinic's time zone in words a patient understands.

/** "$350" for whole amounts, "$49.50" otherwise. */
export function formatPrice(priceCents: number, currency: string): string {
  const whole = priceCents % 100 === 0;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(priceCents / 100);
}

/** "30 minutes", "90 minutes": how clinic menus state session length. */
export function formatDuration(minutes: number): string {
  return `${minutes} minutes`;
}

/** "Eastern Time" for America/New_York; the zone id itself if ICU has no name for it. */
export function timeZoneName(timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(0);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** The digits and plus sign of a phone number, for a tel: link. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
