// A local serial port (a USB-RS485 adapter) as a line, on `serialport`. DL/T 645 meters default to
// 2400 baud 8E1. A port that vanished (the adapter unplugged) is opened again on the next write.
import fs from 'node:fs';
import { SerialPort } from 'serialport';
import { LineError, ReopeningLine } from './line';

export interface SerialSettings {
  baudRate: number;
  parity: 'even' | 'odd' | 'none';
  stopBits: 1 | 2;
}

export const DLT645_SERIAL: SerialSettings = { baudRate: 2400, parity: 'even', stopBits: 1 };

export interface PortInfo {
  path: string;
  /** The adapter as the OS describes it (maker, product), for the technician to pick. */
  description: string;
}

/** Serial devices by name when udev cannot describe them (a Linux PC without udevadm). */
function devicePorts(): PortInfo[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync('/dev');
  } catch {
    return [];
  }
  return names
    .filter((n) => /^tty(USB|ACM)\d+$/.test(n))
    .sort()
    .map((n) => ({ path: `/dev/${n}`, description: 'no description (install udev)' }));
}

export async function listPorts(): Promise<PortInfo[]> {
  let ports: Awaited<ReturnType<typeof SerialPort.list>>;
  try {
    ports = await SerialPort.list();
  } catch (error) {
    // serialport asks udevadm on Linux; without udev the adapters are still there by name.
    if (process.platform === 'linux' && /udevadm/.test((error as Error).message))
      return devicePorts();
    throw error;
  }
  return ports.map((p) => ({
    path: p.path,
    description: [
      p.manufacturer,
      p.serialNumber && `SN ${p.serialNumber}`,
      p.vendorId && `${p.vendorId}:${p.productId}`,
    ]
      .filter(Boolean)
      .join(' '),
  }));
}

export class SerialLine extends ReopeningLine<SerialPort> {
  constructor(
    readonly name: string,
    private readonly settings: SerialSettings = DLT645_SERIAL,
  ) {
    super();
  }

  protected open(deliver: (bytes: Buffer) => void, lost: () => void): Promise<SerialPort> {
    return new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPort({
        path: this.name,
        baudRate: this.settings.baudRate,
        parity: this.settings.parity,
        stopBits: this.settings.stopBits,
        dataBits: 8,
        autoOpen: false,
      });
      port.on('data', deliver);
      port.on('close', lost);
      port.on('error', () => undefined);
      port.open((error) =>
        error
          ? reject(new LineError('unreachable', `${this.name}: ${error.message}`))
          : resolve(port),
      );
    });
  }

  protected shut(port: SerialPort): Promise<void> {
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
