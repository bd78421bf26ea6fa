// "A time has opened up": slots the clinic holds for this patient from the waitlist
// (issue 6), on My appointments. Accept books the held time (POST /bookings with
// its holdId); Decline releases it, and the patient stays on the waitlist. Times
// are on the clinic's clocks, labelled with its zone.
import { useRef, useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarCheck, IconClock, IconX } from '@tabler/icons-react';
import { useResource } from '../api/fetch-json.ts';
import { FormError } from '../forms/form-parts.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import {
  MY_WAITLIST_OFFERS_URL,
  bookingApi,
  myWaitlistOffersSchema,
  newIdempotencyKey,
  type MyWaitlistOffer,
} from './api.ts';
import { formatAppointment, zoneCity } from './clinic-zone.ts';
import { Summary } from './parts.tsx';
import { bookingProblemText } from './words.ts';
import classes from './booking.module.css';

export function WaitlistOffers({ csrfToken, onChanged }: { csrfToken: string; onChanged: (message: string) => void }) {
  const offers = useResource(MY_WAITLIST_OFFERS_URL, myWaitlistOffersSchema);
  // Staff, or no offers: nothing to show.
  if (offers.status !== 'ready' || offers.data.offers.length === 0) return null;
  const zone = offers.data.timeZone;
  return (
    <section aria-labelledby="offers-heading" style={{ marginBottom: 'var(--mantine-spacing-xl)' }}>
      <Title order={2} fz="xl" mb="md" id="offers-heading">
        Offered to you from the waitlist
      </Title>
      <ul className={classes.plainList} aria-label="Offers from the waitlist">
        {offers.data.offers.map((offer) => (
          <li key={offer.holdId}>
            <OfferCard
              offer={offer}
              zone={zone}
              csrfToken={csrfToken}
              onDone={(message) => {
                offers.reload();
                onChanged(message);
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfferCard({
  offer,
  zone,
  csrfToken,
  onDone,
}: {
  offer: MyWaitlistOffer;
  zone: string;
  csrfToken: string;
  onDone: (message: string) => void;
}) {
  const key = useRef(newIdempotencyKey());
  const { submit, submitting, formError, problem } = useSubmit();
  const [acting, setActing] = useState<'accept' | 'decline' | undefined>();
  const until = formatAppointment(offer.expiresAt, zone);
  const when = formatAppointment(offer.start, zone);

  const accept = () => {
    setActing('accept');
    return submit(async () => {
      await bookingApi(csrfToken).book(
        { serviceId: offer.serviceId, start: offer.start, practitionerId: offer.practitionerId, holdId: offer.holdId },
        key.current,
      );
      onDone(`You are booked: ${when}.`);
    });
  };
  const decline = () => {
    setActing('decline');
    return submit(async () => {
      await bookingApi(csrfToken).release(offer.holdId);
      onDone('You declined the offered time. You stay on the waitlist.');
    });
  };

  return (
    <Card withBorder radius="lg" p="lg" data-testid="waitlist-offer">
      <Stack gap="sm">
        <Alert color="puncta" variant="light" radius="md" icon={<IconClock aria-hidden />} title="A time has opened up">
          Held for you until {until} ({zoneCity(zone)} time). Accept it to book it.
        </Alert>
        <Summary
          rows={[
            ['What', offer.serviceName],
            ['When', <span data-testid="offer-time">{when}</span>],
          ]}
        />
        <FormError message={formError && bookingProblemText(problem)} />
        <Group gap="sm">
          <Button
            onClick={() => void accept()}
            loading={submitting && acting === 'accept'}
            disabled={submitting && acting !== 'accept'}
            leftSection={<IconCalendarCheck size={18} aria-hidden />}
          >
            Accept
          </Button>
          <Button
            variant="default"
            onClick={() => void decline()}
            loading={submitting && acting === 'decline'}
            disabled={submitting && acting !== 'decline'}
            leftSection={<IconX size={18} aria-hidden />}
          >
            Decline
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          If you do nothing, the time goes back to the calendar when the hold runs out and you stay on the waitlist.
        </Text>
      </Stack>
    </Card>
  );
}
