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

/** A CPU card's EF holds the image's first 248 bytes (PT1's used bytes). */
const CPU_EF_BYTES = 248;

export function cardHands(
  virtual: VirtualCardHost,
  reader: string,
  media: 'sle4442' | 'cpu' = 'sle4442',
) {
  /** The card's image (a CPU card's EF padded to a full image) and its code. */
  const onReader = async () => {
    const state = await virtual.state();
    const memory = Buffer.from(state.memory!, 'hex');
    const image =
      memory.length < 256 ? Buffer.concat([memory, Buffer.alloc(256 - memory.length)]) : memory;
    return { memory: image, psc: state.psc! };
  };
  /** Takes the card off, puts this memory (and code) on the chip, and puts it back. */
  const reinsert = async (memory: Buffer, psc?: string) => {
    await virtual.remove();
    await waitForCard(reader, false);
    await virtual.load(
      media === 'cpu'
        ? {
            kind: 'cpu',
            ef: memory.subarray(0, CPU_EF_BYTES).toString('hex'),
            ...(psc && { pin: psc }),
          }
        : { kind: 'sle4442', memory: memory.toString('hex'), ...(psc && { psc }) },
    );
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
  const putBlank = () =>
    media === 'cpu' ? reinsert(Buffer.alloc(256), 'ffffff') : reinsert(blankCard());
  return { onReader, reinsert, carryTo, putBlank };
}
