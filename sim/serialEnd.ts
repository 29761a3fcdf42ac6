// The simulated device's end of a pty pair (or a real port), opened with a listener for what the
// office sends, and closed whether or not it is still open: what every simulated serial device
// does first and last.
import { SerialPort } from 'serialport';

export function openSerialEnd(
  settings: { path: string; baudRate: number; parity?: 'even' | 'none' },
  heard: (bytes: Buffer, port: SerialPort) => void,
): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ ...settings, autoOpen: false });
    port.on('data', (bytes: Buffer) => heard(bytes, port));
    // A pty whose other end went away errors on write: the device just stops hearing.
    port.on('error', () => undefined);
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

export function closeSerialEnd(port: SerialPort | null): Promise<void> {
  if (!port?.isOpen) return Promise.resolve();
  return new Promise((resolve) => port.close(() => resolve()));
}
