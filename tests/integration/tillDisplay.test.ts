// The till display's own rules, on a simulated HID display: a sale's screen goes back to the
// greeting by itself, a newer screen overtakes one still waiting, and a display that is not there
// is named without throwing.
import { DEFAULT_DISPLAY_SETTINGS, type DisplaySettings } from '../../shared/api/display';
import { SimHidDisplay } from '../../sim/display/simPoleDisplay';
import { silentLogger } from '../../core/log/logger';
import { TillDisplay } from '../../core/display/tillDisplay';
import { waitFor } from './modemOnPty';

const HID: DisplaySettings = {
  ...DEFAULT_DISPLAY_SETTINGS,
  kind: 'hid',
  protocol: 'led8',
  hidPath: 'sim',
};

describe('TillDisplay', () => {
  it('greets the next tenant a while after the sale', async () => {
    const sim = new SimHidDisplay('led8');
    const display = new TillDisplay({
      settings: () => HID,
      log: silentLogger(),
      openHid: () => Promise.resolve(sim),
      paidScreenMs: 100,
    });
    await display.show({
      kind: 'paid',
      amountFen: 5_000,
      energy: null,
      balanceFen: null,
      changeFen: 1_000,
    });
    expect(sim.screen.shows).toEqual({ upper: '10.00', lower: '', lamp: 'change' });
    await waitFor(() => display.state().screen.kind === 'greeting');
    await waitFor(() => sim.screen.shows.lamp === null);
    expect(sim.screen.shows.upper).toBe('');
    await display.close();
  });

  it('writes only the latest of screens asked for while one is being written', async () => {
    const sim = new SimHidDisplay('led8');
    const display = new TillDisplay({
      settings: () => HID,
      log: silentLogger(),
      openHid: () => Promise.resolve(sim),
    });
    await display.show({ kind: 'greeting' });
    const before = sim.reports;
    const quote = (amountFen: number) =>
      display.show({ kind: 'quote', amountFen, energy: null, changeFen: null });
    await Promise.all([quote(100), quote(200), quote(300)]);
    // All three came before the display was free: only the last is written.
    expect(sim.reports - before).toBe(1);
    expect(sim.screen.shows).toEqual({ upper: '3.00', lower: '', lamp: 'total' });
    await display.close();
  });

  it('names a display that cannot be opened, and keeps the screen for the till', async () => {
    const display = new TillDisplay({
      settings: () => HID,
      log: silentLogger(),
      openHid: () => Promise.reject(new Error('no device')),
    });
    const state = await display.show({ kind: 'greeting' });
    expect(state.error).toEqual({ code: 'DISPLAY_NOT_FOUND', params: { where: 'sim' } });
    expect(state.shows).toEqual({ kind: 'led', lamp: null, number: '' });
  });
});
