// The two ways bytes reach a customer display: a serial port (RS232 or a USB serial adapter), or
// a USB-HID device through node-hid. Either is a link that writes and closes; one that fails is
// thrown away, and the next screen opens a new one (the display unplugged and back).
import type * as NodeHid from 'node-hid';
import { SerialPort } from 'serialport';

export interface DisplayLink {
  /** Resolves once the bytes are out of the PC (drained), rejects when the device is gone. */
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export class DisplayLinkError extends Error {
  constructor(
    readonly failure: 'unplugged' | 'no-device' | 'no-driver' | 'timeout',
    detail: string,
  ) {
    super(`${failure}: ${detail}`);
  }
}

/** A display that takes this long to take a screen is treated as gone. */
const WRITE_TIMEOUT_MS = 3_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DisplayLinkError('timeout', what)), WRITE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function openSerialLink(path: string, baudRate: number): Promise<DisplayLink> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    let gone: Error | null = null;
    // A port whose device went away errors or closes: the next write says so.
    port.on('error', (error: Error) => {
      gone = error;
    });
    port.on('close', () => {
      gone ??= new Error('closed');
    });
    port.open((error) => {
      if (error) return reject(new DisplayLinkError('unplugged', error.message));
      resolve({
        write: (bytes) =>
          within(
            new Promise<void>((done, fail) => {
              if (gone || !port.isOpen)
                return fail(new DisplayLinkError('unplugged', gone?.message ?? 'closed'));
              port.write(bytes, (writeError) => {
                if (writeError) return fail(new DisplayLinkError('unplugged', writeError.message));
                port.drain((drainError) =>
                  drainError ? fail(new DisplayLinkError('unplugged', drainError.message)) : done(),
                );
              });
            }),
            path,
          ),
        close: () =>
          new Promise((done) => {
            if (!port.isOpen) return done();
            port.close(() => done());
          }),
      });
    });
  });
}

/** node-hid's device as this link uses it (a simulated display gives the same two calls). */
export interface HidDevice {
  write(report: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

/**
 * Bytes a HID report carries after its report ID: the USB-serial displays PowerTill knows send
 * the serial command set in 64-byte output reports, a count byte then the bytes (assumed, no
 * public specification: decision 0039).
 */
export const HID_REPORT_SIZE = 64;

/** The command bytes cut into output reports: report ID 0, a count, the bytes, zeros after. */
export function hidReports(bytes: Buffer): Buffer[] {
  const room = HID_REPORT_SIZE - 1;
  const reports: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += room) {
    const chunk = bytes.subarray(at, at + room);
    const report = Buffer.alloc(HID_REPORT_SIZE + 1);
    report[1] = chunk.length;
    chunk.copy(report, 2);
    reports.push(report);
  }
  return reports;
}

/** The system's HID devices, or an error saying node-hid could not load. */
export async function listHidDevices(): Promise<NodeHid.Device[]> {
  const hid = await loadNodeHid();
  return hid.devicesAsync();
}

async function loadNodeHid(): Promise<typeof NodeHid> {
  try {
    const loaded = (await import('node-hid')) as typeof NodeHid & { default?: typeof NodeHid };
    return loaded.default ?? loaded;
  } catch (error) {
    // The prebuilt binding did not load (an unusual platform, or libudev missing).
    throw new DisplayLinkError('no-driver', (error as Error).message);
  }
}

export async function openHidDevice(path: string): Promise<HidDevice> {
  const hid = await loadNodeHid();
  try {
    return await hid.HIDAsync.open(path);
  } catch (error) {
    throw new DisplayLinkError('no-device', (error as Error).message);
  }
}

export async function openHidLink(
  path: string,
  open: (path: string) => Promise<HidDevice> = openHidDevice,
): Promise<DisplayLink> {
  let device: HidDevice;
  try {
    device = await open(path);
  } catch (error) {
    if (error instanceof DisplayLinkError) throw error;
    throw new DisplayLinkError('no-device', (error as Error).message);
  }
  return {
    async write(bytes) {
      for (const report of hidReports(bytes)) {
        try {
          await within(device.write(report), path);
        } catch (error) {
          if (error instanceof DisplayLinkError) throw error;
          throw new DisplayLinkError('unplugged', (error as Error).message);
        }
      }
    },
    close: () => device.close().catch(() => undefined),
  };
}
