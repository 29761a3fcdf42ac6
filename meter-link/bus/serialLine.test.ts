// Listing serial ports where udev cannot describe them: the adapters are still found by name.
import fs from 'node:fs';
import { SerialPort } from 'serialport';
import { listPorts } from './serialLine';

jest.mock('serialport', () => ({ SerialPort: { list: jest.fn() } }));

describe('listing serial ports', () => {
  const list = SerialPort.list as jest.Mock;
  afterEach(() => jest.restoreAllMocks());

  it('describes the adapters udev knows', async () => {
    list.mockResolvedValue([
      {
        path: '/dev/ttyUSB0',
        manufacturer: 'FTDI',
        serialNumber: 'A1',
        vendorId: '0403',
        productId: '6001',
      },
    ]);
    await expect(listPorts()).resolves.toEqual([
      { path: '/dev/ttyUSB0', description: 'FTDI SN A1 0403:6001' },
    ]);
  });

  it('finds USB adapters by name when udevadm is missing', async () => {
    if (process.platform !== 'linux') return;
    list.mockRejectedValue(new Error('spawn udevadm ENOENT'));
    const names = ['tty1', 'ttyUSB1', 'ttyACM0', 'ttyUSB0'];
    jest
      .spyOn(fs, 'readdirSync')
      .mockReturnValue(names as unknown as ReturnType<typeof fs.readdirSync>);
    await expect(listPorts()).resolves.toEqual([
      { path: '/dev/ttyACM0', description: 'no description (install udev)' },
      { path: '/dev/ttyUSB0', description: 'no description (install udev)' },
      { path: '/dev/ttyUSB1', description: 'no description (install udev)' },
    ]);
  });

  it('passes on any other failure', async () => {
    list.mockRejectedValue(new Error('permission denied'));
    await expect(listPorts()).rejects.toThrow('permission denied');
  });
});
