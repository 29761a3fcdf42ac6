// cards.*: read the card on the reader, issue a tenant's card, the card history, the reader.
import type { ReaderListView } from '../../shared/api/cards';
import { AppError } from '../../shared/errors';
import { signedIn, type AreaContext, type HandlerGroup } from '../api/context';
import { readerUnavailableError } from '../../card/reader/unavailable';

/** The services these handlers reach (their area's). */
type Area =
  'accounts' | 'cardDesk' | 'cards' | 'managementCards' | 'managementDesk' | 'readers' | 'settings';

async function readerList(ctx: AreaContext<Area>): Promise<ReaderListView> {
  const { readers, settings } = ctx.services;
  const why = readers.unavailable();
  return {
    available: why === null,
    reason: why?.detail ?? null,
    chosen: settings.cardReader(),
    readers: why === null ? await readers.list() : [],
  };
}

export const cardHandlers: HandlerGroup<
  | 'cards.read'
  | 'cards.issue'
  | 'cards.reportLost'
  | 'cards.reissue'
  | 'cards.makeManagement'
  | 'cards.managementList'
  | 'cards.rewrite'
  | 'cards.erase'
  | 'cards.list'
  | 'cards.readers'
  | 'cards.chooseReader',
  Area
> = {
  'cards.read': (_input, ctx) => ctx.services.cardDesk.read(signedIn(ctx).id, ctx.now, ctx.write),

  'cards.issue': (input, ctx) =>
    ctx.services.cardDesk.issue(
      input.accountId,
      signedIn(ctx).id,
      ctx.now,
      ctx.write,
      false,
      input.fee,
    ),

  'cards.reportLost': (input, ctx) =>
    ctx.services.cardDesk.reportLost(input.accountId, ctx.now, ctx.write),

  'cards.reissue': (input, ctx) =>
    ctx.services.cardDesk.issue(
      input.accountId,
      signedIn(ctx).id,
      ctx.now,
      ctx.write,
      true,
      input.fee,
    ),

  'cards.makeManagement': (input, ctx) =>
    ctx.services.managementDesk.make(input, signedIn(ctx).id, ctx.now, ctx.write),

  'cards.managementList': (input, { services }) => services.managementCards.list(input.kind),

  'cards.rewrite': (input, ctx) =>
    ctx.services.cardDesk.rewrite(input.accountId, signedIn(ctx).id, ctx.now, ctx.write),

  'cards.erase': (_input, ctx) => ctx.services.cardDesk.erase(signedIn(ctx).id, ctx.now, ctx.write),

  'cards.list': (input, { services }) => {
    if (!services.accounts.byId(input.accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
    return services.cards.forAccount(input.accountId).map((c) => services.cardDesk.view(c.id));
  },

  'cards.readers': (_input, ctx) => readerList(ctx),

  'cards.chooseReader': async (input, ctx) => {
    const { readers, settings } = ctx.services;
    if (input.reader !== null) {
      const why = readers.unavailable();
      if (why) throw readerUnavailableError(why);
      if (!(await readers.list()).some((r) => r.name === input.reader))
        throw new AppError('CARD_NO_READER', { reader: input.reader });
    }
    const before = settings.cardReader();
    ctx.write(
      () => settings.setCardReader(input.reader),
      () => ({ before, after: input.reader }),
    );
    return readerList(ctx);
  },
};
