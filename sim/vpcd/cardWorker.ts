// The virtual card's own thread. PC/SC calls such as SCardDisconnect block the calling thread while
// pcscd asks the card (through vpcd) whether it is still there; a virtual card answering from that
// same blocked thread would deadlock. So the card lives here and talks to its owner by messages.
import { parentPort } from 'node:worker_threads';
import { CpuChip } from './cpuChip';
import { Sle4442Chip, type Sle4442State } from './sle4442Chip';
import { VirtualCard, type Chip } from './virtualCard';
import type { CardWorkerReply, CardWorkerRequest, ChipSpec } from './cardWorkerProtocol';

function makeChip(spec: ChipSpec): { chip: Chip; sle?: Sle4442Chip; cpu?: CpuChip } {
  if (spec.kind === 'sle4442') {
    const state: Partial<Sle4442State> = {
      ...(spec.memory && { memory: Buffer.from(spec.memory, 'hex') }),
      ...(spec.psc && { psc: Buffer.from(spec.psc, 'hex') }),
      ...(spec.triesLeft !== undefined && { triesLeft: spec.triesLeft }),
    };
    const sle = new Sle4442Chip(state);
    return { chip: sle, sle };
  }
  if (spec.kind === 'cpu') {
    const cpu = new CpuChip({
      ...(spec.ef !== undefined && { ef: spec.ef === null ? null : Buffer.from(spec.ef, 'hex') }),
      ...(spec.pin && { pin: Buffer.from(spec.pin, 'hex') }),
      ...(spec.triesLeft !== undefined && { triesLeft: spec.triesLeft }),
    });
    return { chip: cpu, cpu };
  }
  // An ISO 7816 card that answers every command "instruction not supported".
  return {
    chip: {
      atr: Buffer.from(spec.atr, 'hex'),
      reset() {},
      transmit: () => Buffer.from([0x6d, 0x00]),
    },
  };
}

let made = makeChip({ kind: 'sle4442' });
let card = new VirtualCard(made.chip);

function snapshot(): CardWorkerReply['state'] {
  const sle = made.sle;
  return {
    inserted: card.inserted,
    apdus: card.log.map((a) => a.toString('hex')),
    ...(sle && {
      memory: sle.state.memory.toString('hex'),
      psc: sle.state.psc.toString('hex'),
      triesLeft: sle.state.triesLeft,
    }),
    // A CPU card's EF is its image; the PIN plays the PSC's part.
    ...(made.cpu && {
      ...(made.cpu.state.ef && { memory: made.cpu.state.ef.toString('hex') }),
      psc: made.cpu.state.pin.toString('hex'),
      triesLeft: made.cpu.state.triesLeft,
    }),
  };
}

async function handle(request: CardWorkerRequest): Promise<void> {
  switch (request.type) {
    case 'load':
      await card.remove();
      made = makeChip(request.chip);
      card = new VirtualCard(made.chip);
      return;
    case 'insert':
      return card.insert(request.port);
    case 'remove':
      return card.remove();
    case 'clearLog':
      card.log.length = 0;
      return;
    case 'pullOnWrite': {
      // The next memory write lands only its first `apply` bytes, then the card is gone.
      const chip = made.sle ?? made.cpu;
      if (!chip) throw new Error('pullOnWrite needs an SLE4442 or a CPU card');
      chip.onWrite = () => {
        chip.onWrite = undefined;
        return { apply: request.apply };
      };
      const write = made.sle ? 0xd0 : 0xd6;
      card.pullOn((apdu) => apdu[1] === write);
      return;
    }
    case 'pullAfter': {
      let seen = 0;
      card.pullOn(() => (seen += 1) === request.apdus);
      return;
    }
    case 'holdAfter': {
      let seen = 0;
      card.holdOn(() => (seen += 1) === request.apdus);
      return;
    }
    case 'cancelPull':
      card.pullOn(() => false);
      return;
    case 'state':
      return;
  }
}

parentPort!.on('message', (request: CardWorkerRequest & { id: number }) => {
  handle(request).then(
    () => parentPort!.postMessage({ id: request.id, ok: true, state: snapshot() }),
    (error: Error) => parentPort!.postMessage({ id: request.id, ok: false, error: error.message }),
  );
});
