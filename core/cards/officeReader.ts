// The office's card reader: the one chosen in the settings, or whichever reader has a card on it
// (an office has one reader; a second one, say for management cards, is chosen explicitly).
import { readCard, type CardReading } from '../../card/cardService';
import type { CardConnection, ReaderService } from '../../card/reader/types';
import { AppError } from '../../shared/errors';
import type { OfficeSecretStore } from '../office/secretStore';
import type { SettingsStore } from '../office/settingsStore';
import { readerUnavailableError } from '../../card/reader/unavailable';

export interface OfficeReaderDeps {
  readers: ReaderService;
  settings: SettingsStore;
  secret: OfficeSecretStore;
}

export class OfficeReader {
  constructor(private readonly deps: OfficeReaderDeps) {}

  /** The office secret is the site key every card's keys come from. */
  siteKey(): Buffer {
    const stored = this.deps.secret.read();
    if (!stored) throw new AppError('CARD_READER_UNAVAILABLE', { detail: 'no office secret' });
    return stored.secret;
  }

  private async readerName(): Promise<string> {
    const { readers, settings } = this.deps;
    const why = readers.unavailable();
    if (why) throw readerUnavailableError(why);
    const chosen = settings.cardReader();
    if (chosen) return chosen;
    const list = await readers.list();
    if (list.length === 0) throw new AppError('CARD_NO_READER', { reader: '—' });
    return (list.find((r) => r.atr) ?? list[0]!).name;
  }

  /** Opens the card on the office's reader for one piece of work, and closes it afterwards. */
  async with<T>(use: (connection: CardConnection) => Promise<T>): Promise<T> {
    const connection = await this.deps.readers.connect(await this.readerName());
    try {
      return await use(connection);
    } finally {
      await connection.close();
    }
  }

  read(connection: CardConnection): Promise<CardReading> {
    return readCard(connection, this.siteKey());
  }
}
