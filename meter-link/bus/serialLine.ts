// A local serial port (a USB-RS485 adapter) as a line, on `serialport`. DL/T 645 meters default to
// 2400 baud 8E1. A port that vanished (the adapter unplugged) is opened again on the next write.
import { SerialPort } from 'serialport';
import { LineError, type Line } from './line';

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

export async function listPorts(): Promise<PortInfo[]> {
  const ports = await SerialPort.list();
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

export class SerialLine implements Line {
  private port: SerialPort | null = null;
  private opening: Promise<SerialPort> | null = null;
  private readonly listeners = new Set<(bytes: Buffer) => void>();
  private closed = false;
  opens = 0;

  constructor(
    readonly name: string,
    private readonly settings: SerialSettings = DLT645_SERIAL,
  ) {}

  private open(): Promise<SerialPort> {
    if (this.port?.isOpen) return Promise.resolve(this.port);
    if (this.opening) return this.opening;
    this.opening = new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPort({
        path: this.name,
        baudRate: this.settings.baudRate,
        parity: this.settings.parity,
        stopBits: this.settings.stopBits,
        dataBits: 8,
        autoOpen: false,
      });
      port.on('data', (bytes: Buffer) => {
        for (const listener of this.listeners) listener(bytes);
      });
      port.on('close', () => {
        if (this.port === port) this.port = null;
      });
      port.on('error', () => undefined);
      port.open((error) => {
        if (error) return reject(new LineError('unreachable', `${this.name}: ${error.message}`));
        this.port = port;
        this.opens += 1;
        resolve(port);
      });
    }).finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.closed) throw new LineError('closed', `line ${this.name} is closed`);
    const port = await this.open();
    await new Promise<void>((resolve, reject) =>
      port.write(bytes, (error) =>
        error ? reject(new LineError('unreachable', error.message)) : resolve(),
      ),
    );
  }

  onData(listener: (bytes: Buffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
