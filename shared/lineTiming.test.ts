// The silence between transactions, against the Modbus serial-line specification's figures.
import { characterMs, defaultGapMs } from './lineTiming';

describe('the gap a line keeps between transactions', () => {
  it('times a character as the specification counts its bits', () => {
    // 9600 8E1: 11 bits; 9600 8N1: 10 bits; 9600 8N2: 11 bits (V1.02, 2.5.1: the RTU character).
    expect(characterMs({ baudRate: 9_600, parity: 'even', stopBits: 1 })).toBeCloseTo(1.1458, 4);
    expect(characterMs({ baudRate: 9_600, parity: 'none', stopBits: 1 })).toBeCloseTo(1.0417, 4);
    expect(characterMs({ baudRate: 9_600, parity: 'none', stopBits: 2 })).toBeCloseTo(1.1458, 4);
  });

  it('keeps 3.5 characters and the adapter turnaround, slower lines waiting longer', () => {
    // 3.5 x 1.1458 = 4.01 ms, + 1 ms turnaround, rounded up.
    expect(defaultGapMs({ baudRate: 9_600, parity: 'even', stopBits: 1 })).toBe(6);
    // 2400 8E1 (DL/T 645's usual speed): 3.5 x 4.583 = 16.04 ms + 1.
    expect(defaultGapMs({ baudRate: 2_400, parity: 'even', stopBits: 1 })).toBe(18);
    // 1200 8E1: 32.08 + 1: a fixed 20 ms would be too short here.
    expect(defaultGapMs({ baudRate: 1_200, parity: 'even', stopBits: 1 })).toBe(34);
    // Above 19200 the specification fixes t3.5 at 1.75 ms.
    expect(defaultGapMs({ baudRate: 38_400, parity: 'even', stopBits: 1 })).toBe(3);
  });
});
