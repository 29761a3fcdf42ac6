// The card on the office's reader, followed live: when a card is put on the reader (the status
// push says so), or is there when the page opens, it is read at once; when it is taken off, what
// was shown of it is cleared. The cards page and the sale screen share one reading.
import { useCallback, useEffect, useRef } from 'react';
import { useHardwareStatusQuery } from '../../app/systemApi';
import { useReadCardMutation, useReadersQuery } from './cardsApi';

export type CardPresence =
  'no-service' | 'service-stopped' | 'no-binding' | 'no-reader' | 'no-card' | 'card';

export function useCardOnReader() {
  const status = useHardwareStatusQuery(undefined, { pollingInterval: 60_000 });
  const readers = useReadersQuery();
  const [read, reading] = useReadCardMutation({ fixedCacheKey: 'card-on-reader' });
  const reader = status.data?.reader;
  const chosen = readers.data?.chosen ?? null;
  let presence: CardPresence = 'no-service';
  if (reader?.state === 'ready') {
    // The office's reader is the chosen one, or (none chosen) whichever has a card on it.
    const present = chosen ? reader.withCard.includes(chosen) : reader.withCard.length > 0;
    presence = present ? 'card' : 'no-card';
  } else if (reader?.reason === 'no-reader') presence = 'no-reader';
  else if (reader?.reason === 'no-service') presence = 'service-stopped';
  else if (reader?.reason === 'no-binding') presence = 'no-binding';

  const previous = useRef<CardPresence | null>(null);
  const { reset } = reading;
  useEffect(() => {
    const before = previous.current;
    previous.current = presence;
    // A card already on the reader when the page opens is read as if just put there.
    if (presence === 'card' && before !== 'card') void read();
    if (presence !== 'card' && before === 'card') reset();
  }, [presence, read, reset]);

  return { presence, read, reading };
}

/**
 * Reads the card on the reader again after the till wrote to it (a sale, a reversal, an issue),
 * so what the screen says of the card is what is now on it, not what was there before.
 */
export function useRereadCard() {
  const status = useHardwareStatusQuery(undefined, { pollingInterval: 60_000 });
  const [read] = useReadCardMutation({ fixedCacheKey: 'card-on-reader' });
  const reader = status.data?.reader;
  const withCard = reader?.state === 'ready' && reader.withCard.length > 0;
  return useCallback(() => {
    if (withCard) void read();
  }, [withCard, read]);
}
