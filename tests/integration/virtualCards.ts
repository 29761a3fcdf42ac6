// A virtual SLE4442 on the office's reader, handled as a person at the counter and in the meter
// room handles a card: take it off, put a fresh one on, carry it to a meter and bring it back.
import type { SimulatedCardMeter, Insertion } from '../../sim/cardMeter';
import type { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { waitForCard } from './pcscd';

/** The maker's area of an SLE4442 as it leaves the factory. */
const MAKER_AREA = 'a2131091ff8115';

export function blankCard(): Buffer {
  const memory = Buffer.alloc(256, 0xff);
  Buffer.from(MAKER_AREA, 'hex').copy(memory);
  return memory;
}

export function cardHands(virtual: VirtualCardHost, reader: string) {
  const onReader = async () => {
    const state = await virtual.state();
    return { memory: Buffer.from(state.memory!, 'hex'), psc: state.psc! };
  };
  /** Takes the card off, puts this memory (and code) on the chip, and puts it back. */
  const reinsert = async (memory: Buffer, psc?: string) => {
    await virtual.remove();
    await waitForCard(reader, false);
    await virtual.load({ kind: 'sle4442', memory: memory.toString('hex'), ...(psc && { psc }) });
    await virtual.insert();
    await waitForCard(reader, true);
  };
  /** The card on the reader goes into the meter and comes back to the reader as the meter left it. */
  const carryTo = async (meter: SimulatedCardMeter): Promise<Insertion['outcome']> => {
    const { memory, psc } = await onReader();
    const { outcome, image } = meter.insert(memory);
    await reinsert(image, psc);
    return outcome;
  };
  return { onReader, reinsert, carryTo, putBlank: () => reinsert(blankCard()) };
}
