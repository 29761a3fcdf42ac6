// The composition root both shells start from (the loopback HTTP host and the Electron window):
// which hardware the office gets. Live: the PC/SC reader and the configured meter line. Training
// (--demo): simulated cards, or virtual cards on vpcd (--virtual-cards), and a simulated NK meter
// room behind a gateway on this PC, so a trainee learns the same screens in either shell.
import path from 'node:path';
import { SimulatedCards } from '../../sim/simulatedCards';
import { TrainingCardRoom } from '../../sim/trainingCardRoom';
import { TrainingMeterRoom } from '../../sim/rs485/trainingMeterRoom';
import { VirtualCardHost } from '../../sim/vpcd/virtualCardHost';
import { vpcdReaderName } from '../../sim/vpcd/virtualCard';
import { cardPresenceSeen } from '../../card/reader/presence';
import { TRAINING_METER_PASSWORD } from '../../shared/training';
import { openCore, type Core } from '../app';
import type { SecretSealer } from '../office/secretStore';
import { dataPaths } from '../paths';
import type { LaunchOptions } from './options';

export interface Office {
  core: Core;
  /** What training mode runs on, for the shell to say at start; null when live. */
  training: string | null;
  /** A trainee on virtual cards starts with a blank card on the reader. */
  welcome(): Promise<void>;
  close(): Promise<void>;
}

export interface ShellFacts {
  appVersion: string;
  /** The desktop shell's OS key store for the office secret (safeStorage). */
  secretSealer?: SecretSealer;
}

export async function openOffice(options: LaunchOptions, shell: ShellFacts): Promise<Office> {
  const paths = dataPaths(options.dataDir, options.demo);
  const simulated =
    options.demo && !options.virtualCards
      ? new SimulatedCards(path.join(paths.root, 'simulated-cards.sqlite3'))
      : null;
  let core: Core | undefined;
  const secret = () => core?.services.secret.read()?.secret ?? null;
  const virtualCard = options.virtualCards ? new VirtualCardHost() : null;
  const cardRoom = virtualCard
    ? new TrainingCardRoom(
        virtualCard,
        path.join(paths.root, 'training-meters.json'),
        secret,
        // Up to 5 s for pcscd to see the virtual card come or go; then the trainee reads again.
        async (present) => {
          if (core)
            await cardPresenceSeen(
              core.services.readers,
              vpcdReaderName(virtualCard.port),
              present,
            );
        },
      )
    : null;
  // Training's NK meters sit behind a gateway on this PC, reached over the training office's own
  // meter line, so remote recharge is learnt on the real path.
  const meterRoom = options.demo
    ? new TrainingMeterRoom(path.join(paths.root, 'training-nk-meters.json'), secret)
    : null;
  const closeRooms = async () => {
    await cardRoom?.close();
    await meterRoom?.close();
    simulated?.close();
  };
  try {
    core = await openCore({
      ...(shell.secretSealer && { secretSealer: shell.secretSealer }),
      dataDir: options.dataDir,
      demo: options.demo,
      appVersion: shell.appVersion,
      // Sales go onto tenants' cards through the PC/SC reader (training: simulated or virtual).
      useCardReader: true,
      ...(simulated && { cardTarget: simulated, training: simulated }),
      ...(cardRoom && { training: cardRoom }),
    });
    if (meterRoom) {
      const port = await meterRoom.listen();
      const { settings } = core.services;
      settings.setMeterLine({ kind: 'tcp', host: '127.0.0.1', port });
      if (!settings.meterPassword()) settings.setMeterPassword(TRAINING_METER_PASSWORD);
      core.services.meterLine.reconfigured();
    }
  } catch (error) {
    await core?.close();
    await closeRooms();
    throw error;
  }
  const opened = core;
  return {
    core: opened,
    training: options.demo
      ? cardRoom
        ? 'virtual cards on vpcd and simulated meters'
        : 'simulated hardware'
      : null,
    welcome: async () => {
      await cardRoom?.putBlankCard();
    },
    close: async () => {
      await opened.close();
      await closeRooms();
    },
  };
}
