// The meter CLI for technicians (`npm run -s meter -- …`): serial ports, and DL/T 645-2007 meters
// over a USB-RS485 adapter (--port) or a TCP serial gateway (--gateway host:port): the address of
// the one meter on a line, a reading typed by its DI, a write with the password, relay control,
// the broadcast time, and a remote recharge for commissioning a meter with its test key (sales go
// through PowerTill's journal, never through this). With --json it prints exactly one JSON document on stdout; errors print
// {"error":{"code","message"}} and exit non-zero.
// The backend speaks English in its logs and English receipts: the error texts' English too.
import '../../shared/errorTexts/en';
import { parseArgs } from 'node:util';
import { BusArbiter, BusError, DLT645_LINE } from '../bus/arbiter';
import type { Line } from '../bus/line';
import { listPorts, SerialLine, type SerialSettings } from '../bus/serialLine';
import { TcpLine } from '../bus/tcpLine';
import { defaultGapMs, GATEWAY_GAP_MS } from '../../shared/lineTiming';
import { dataId, encodeValue, ValueError, type DiFormat } from '../dlt645/dataIds';
import { encodeFrame } from '../dlt645/frame';
import { readingOf, RELAY_CODES, request, type RelayAction, type Reply } from '../dlt645/messages';
import { decodeRechargeReceipt, rechargeRequest } from '../dlt645/recharge';
import { dlt645 } from '../dlt645/transaction';
import { modbusRequest, type ModbusReply } from '../modbus/rtu';
import { modbus } from '../modbus/transaction';

export interface MeterCliIo {
  out(text: string): void;
  err(text: string): void;
  now(): Date;
}

export const USAGE = `usage: npm run -s meter -- <command> [options]
  ports [--json]                                         serial ports and their adapters
  address LINE --protocol dlt645 [--json]                the address of the one meter on the line
  read LINE --protocol dlt645 --address ADDR --di DI [--json]
  write LINE --protocol dlt645 --address ADDR --di DI --value V --password HEX8 [--operator HEX8]
  relay LINE --protocol dlt645 --address ADDR --action trip|allowClose|keepPower|keepPowerOff
        --password HEX8 [--operator HEX8] [--until "YYYY-MM-DD hh:mm:ss"]
  time-sync LINE --protocol dlt645 [--time "YYYY-MM-DD hh:mm:ss"]   broadcast the time
  recharge LINE --protocol dlt645 --address ADDR --amount YUAN --count N --key HEX64
        [--customer 12-DIGITS] [--operator HEX8]   commissioning only: sales go through PowerTill
  read LINE --protocol modbus --unit N --function 3|4 --register R --count C [--json]
  write LINE --protocol modbus --unit N --register R --value V        one register (function 06)
LINE: --port PATH [--baud B] [--parity even|odd|none]  or  --gateway HOST:PORT
      (a port defaults to 2400 8E1 for dlt645, 9600 8N1 for modbus)`;

class UsageError extends Error {}

class MeterError extends Error {
  constructor(readonly reasons: string[]) {
    super(`the meter answered with an error: ${reasons.join(', ') || 'unknown'}`);
  }
}

function lineOf(
  values: Record<string, string | boolean | undefined>,
  modbus: boolean,
): { line: Line; gapMs: number } {
  const port = values.port as string | undefined;
  const gateway = values.gateway as string | undefined;
  if (port && gateway) throw new UsageError('give --port or --gateway, not both');
  if (gateway) {
    const m = /^([^:]+):(\d{1,5})$/.exec(gateway);
    if (!m) throw new UsageError('--gateway must be HOST:PORT');
    return { line: new TcpLine(m[1]!, Number(m[2])), gapMs: GATEWAY_GAP_MS };
  }
  if (!port) throw new UsageError('--port PATH or --gateway HOST:PORT is required');
  const baud = values.baud === undefined ? (modbus ? 9600 : 2400) : Number(values.baud);
  if (![1200, 2400, 4800, 9600, 19200].includes(baud))
    throw new UsageError('--baud must be 1200, 2400, 4800, 9600 or 19200');
  const parity = (values.parity as string | undefined) ?? (modbus ? 'none' : 'even');
  if (!['even', 'odd', 'none'].includes(parity))
    throw new UsageError('--parity: even, odd or none');
  const settings: SerialSettings = {
    baudRate: baud,
    parity: parity as SerialSettings['parity'],
    stopBits: 1,
  };
  return { line: new SerialLine(port, settings), gapMs: defaultGapMs(settings) };
}

function need(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function address(values: Record<string, string | boolean | undefined>): string {
  const text = need(values, 'address');
  if (!/^\d{12}$/.test(text)) throw new UsageError('--address must be 12 digits');
  return text;
}

function di(values: Record<string, string | boolean | undefined>): string {
  const text = need(values, 'di').toUpperCase();
  if (!/^[0-9A-F]{8}$/.test(text)) throw new UsageError('--di must be 8 hex digits, e.g. 00010000');
  return text;
}

function expectOk(reply: Reply): Reply {
  if (reply.kind === 'error') throw new MeterError(reply.reasons);
  return reply;
}

const credentials = (values: Record<string, string | boolean | undefined>) => ({
  password: need(values, 'password'),
  operator: (values.operator as string | undefined) ?? '00000000',
});

function wallClock(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

function whole(
  values: Record<string, string | boolean | undefined>,
  name: string,
  min: number,
  max: number,
): number {
  const text = need(values, name);
  const n = /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function expectRegisters(reply: ModbusReply): ModbusReply {
  if (reply.kind === 'exception') throw new MeterError([reply.reason]);
  return reply;
}

/** Modbus-RTU reads (03, 04) and a single-register write (06). */
async function runModbus(
  command: 'read' | 'write',
  values: Record<string, string | boolean | undefined>,
  bus: BusArbiter,
  print: (doc: unknown, text: string) => void,
): Promise<number> {
  const unit = whole(values, 'unit', 1, 247);
  const register = whole(values, 'register', 0, 0xffff);
  if (command === 'read') {
    const fn = whole(values, 'function', 3, 4) as 3 | 4;
    const count = whole(values, 'count', 1, 125);
    const reply = expectRegisters(await modbus(bus, modbusRequest.read(unit, fn, register, count)));
    const registers = reply.kind === 'registers' ? reply.registers : [];
    print({ unit, function: fn, register, registers }, registers.join(' '));
    return 0;
  }
  const value = whole(values, 'value', 0, 0xffff);
  expectRegisters(await modbus(bus, modbusRequest.writeSingle(unit, register, value)));
  print({ unit, function: 6, register, written: value }, 'written');
  return 0;
}

export async function runMeterCli(argv: string[], io: MeterCliIo): Promise<number> {
  const [command, ...rest] = argv;
  let json = false;
  let line: Line | null = null;
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        gateway: { type: 'string' },
        baud: { type: 'string' },
        parity: { type: 'string' },
        protocol: { type: 'string' },
        address: { type: 'string' },
        di: { type: 'string' },
        value: { type: 'string' },
        password: { type: 'string' },
        operator: { type: 'string' },
        action: { type: 'string' },
        until: { type: 'string' },
        time: { type: 'string' },
        amount: { type: 'string' },
        count: { type: 'string' },
        key: { type: 'string' },
        customer: { type: 'string' },
        unit: { type: 'string' },
        function: { type: 'string' },
        register: { type: 'string' },
      },
      strict: true,
    });
    json = values.json ?? false;
    const print = (doc: unknown, text: string) => io.out(json ? JSON.stringify(doc) : text);
    if (command === 'ports') {
      const ports = await listPorts();
      print({ ports }, ports.map((p) => `${p.path}\t${p.description}`).join('\n') || 'no ports');
      return 0;
    }
    if (!['address', 'read', 'write', 'relay', 'time-sync', 'recharge'].includes(command ?? ''))
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    if (values.protocol === 'modbus') {
      if (command !== 'read' && command !== 'write')
        throw new UsageError('with --protocol modbus: read or write');
      const modbusLine = lineOf(values, true);
      line = modbusLine.line;
      return await runModbus(
        command,
        values,
        new BusArbiter(line, { ...DLT645_LINE, gapMs: modbusLine.gapMs }),
        print,
      );
    }
    if (values.protocol !== 'dlt645')
      throw new UsageError('--protocol dlt645 or --protocol modbus is required');
    const opened = lineOf(values, false);
    line = opened.line;
    const bus = new BusArbiter(line, { ...DLT645_LINE, gapMs: opened.gapMs });
    switch (command) {
      case 'address': {
        const reply = expectOk(await dlt645(bus, request.readAddress()));
        const found = reply.kind === 'address' ? reply.address : '';
        print({ address: found }, found);
        return 0;
      }
      case 'read': {
        const target = address(values);
        const id = di(values);
        const known = dataId(id);
        if (!known) throw new UsageError(`DI ${id} is not in the registry (docs/protocols.md)`);
        const reply = expectOk(await dlt645(bus, request.read(target, id)));
        if (reply.kind !== 'data') throw new MeterError(['unexpected reply']);
        const reading = readingOf(reply, known.format as DiFormat);
        const doc = {
          address: target,
          di: id,
          value: reading.value,
          unit: reading.unit,
          raw: reply.raw.toString('hex'),
        };
        print(doc, `${reading.value} ${reading.unit}`.trim());
        return 0;
      }
      case 'write': {
        const target = address(values);
        const id = di(values);
        const known = dataId(id);
        if (!known?.writable) throw new UsageError(`DI ${id} is not writable`);
        const text = need(values, 'value');
        const value = known.format.kind === 'bcd' ? Number(text) : text;
        expectOk(
          await dlt645(
            bus,
            request.write(target, id, encodeValue(known.format, value), credentials(values)),
          ),
        );
        print({ address: target, di: id, written: value }, 'written');
        return 0;
      }
      case 'relay': {
        const target = address(values);
        const action = need(values, 'action') as RelayAction;
        if (!(action in RELAY_CODES))
          throw new UsageError(`--action must be one of ${Object.keys(RELAY_CODES).join(', ')}`);
        const until =
          (values.until as string | undefined) ??
          wallClock(new Date(io.now().getTime() + 10 * 60_000));
        expectOk(await dlt645(bus, request.relay(target, action, until, credentials(values))));
        print({ address: target, action, until }, `${action} done`);
        return 0;
      }
      case 'recharge': {
        const target = address(values);
        const amount = need(values, 'amount');
        if (!/^\d+(\.\d{1,2})?$/.test(amount))
          throw new UsageError('--amount is yuan with at most two decimals, e.g. 100.00');
        const count = Number(need(values, 'count'));
        if (!Number.isInteger(count) || count < 1)
          throw new UsageError("--count is the meter's purchase count + 1");
        const key = need(values, 'key');
        if (!/^[0-9A-Fa-f]{64}$/.test(key)) throw new UsageError('--key is 64 hex digits');
        const customer = (values.customer as string | undefined) ?? '000000000000';
        const frame = rechargeRequest(
          target,
          {
            amountFen: Math.round(Number(amount) * 100),
            purchaseCount: count,
            customerNo: customer,
            operator: (values.operator as string | undefined) ?? '00000000',
          },
          Buffer.from(key, 'hex'),
        );
        const reply = expectOk(await dlt645(bus, frame));
        const receipt = reply.kind === 'data' ? decodeRechargeReceipt(reply.raw) : null;
        if (!receipt) throw new MeterError(['unexpected reply']);
        print(
          { address: target, amount: Number(amount), ...receipt },
          `loaded; the meter holds ${(receipt.remainingFen / 100).toFixed(2)} yuan, purchase ${receipt.purchaseCount}`,
        );
        return 0;
      }
      default: {
        const time = (values.time as string | undefined) ?? wallClock(io.now());
        await bus.broadcast(encodeFrame(request.broadcastTime(time)));
        print({ broadcast: true, time }, `time set to ${time}`);
        return 0;
      }
    }
  } catch (error) {
    const { code, message, exit } =
      error instanceof BusError
        ? { code: error.code, message: error.message, exit: 1 }
        : error instanceof MeterError
          ? { code: 'METER_ERROR', message: error.message, exit: 1 }
          : error instanceof UsageError ||
              error instanceof ValueError ||
              error instanceof RangeError ||
              (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
            ? { code: 'USAGE', message: (error as Error).message, exit: 2 }
            : { code: 'BUS_LINE', message: (error as Error).message, exit: 1 };
    if (json) io.out(JSON.stringify({ error: { code, message } }));
    else io.err(`${message}${code === 'USAGE' ? `\n${USAGE}` : ''}`);
    return exit;
  } finally {
    await line?.close();
  }
}
