// The till's customer display (客显): what the tenant is shown at each step of a sale, sent to the
// display the office's settings name (serial or USB-HID), and kept here so the till's own screen
// can show the same (with no display, or in training, that is the display). A display that cannot
// be reached never holds up or fails a sale: the error is kept for the status and logged.
import {
  showsLines,
  type DisplayScreen,
  type DisplaySettings,
  type DisplayStateView,
} from '../../shared/api/display';
import { ledReading, screenLines } from '../../shared/displayText';
import type { SaleView } from '../../shared/api/ledgerTypes';
import type { ApiError, ErrorCode } from '../../shared/errors';
import {
  DisplayLinkError,
  openHidDevice,
  openHidLink,
  openSerialLink,
  type HidDevice,
} from '../../tenant-link/display/links';
import { PoleDisplay } from '../../tenant-link/display/poleDisplay';
import type { Logger } from '../log/logger';

/** How long the sale stays on the display before it greets the next tenant. */
export const PAID_SCREEN_MS = 30_000;

export interface TillDisplayDeps {
  settings: () => DisplaySettings;
  log: Logger;
  /** How a HID display is opened: node-hid, unless a test gives a simulated device. */
  openHid?: (path: string) => Promise<HidDevice>;
  paidScreenMs?: number;
}

export class TillDisplay {
  private display: PoleDisplay | null = null;
  private displayFor = '';
  private screen: DisplayScreen = { kind: 'greeting' };
  private error: ApiError | null = null;
  private restTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: TillDisplayDeps) {}

  /** The display as settings have it now; a changed setting closes the old one. */
  private current(settings: DisplaySettings): PoleDisplay | null {
    const key = JSON.stringify(settings);
    if (key === this.displayFor) return this.display;
    void this.display?.close();
    this.display = null;
    this.displayFor = key;
    this.error = null;
    const manner = {
      protocol: settings.protocol,
      charset: settings.charset,
      greeting: settings.greeting,
    };
    const { port, hidPath, baudRate } = settings;
    if (settings.kind === 'serial' && port)
      this.display = new PoleDisplay(port, manner, () => openSerialLink(port, baudRate));
    else if (settings.kind === 'hid' && hidPath)
      this.display = new PoleDisplay(hidPath, manner, () =>
        openHidLink(hidPath, this.deps.openHid ?? openHidDevice),
      );
    return this.display;
  }

  /**
   * Shows a screen (and keeps it for the till's own screen). A sale's screen goes back to the
   * greeting after a while. Resolves once the display took it or the error is recorded.
   */
  async show(screen: DisplayScreen): Promise<DisplayStateView> {
    clearTimeout(this.restTimer);
    this.screen = screen;
    if (screen.kind === 'paid' || screen.kind === 'test') {
      this.restTimer = setTimeout(
        () => void this.show({ kind: 'greeting' }),
        this.deps.paidScreenMs ?? PAID_SCREEN_MS,
      );
      this.restTimer.unref();
    }
    const display = this.current(this.deps.settings());
    if (display) {
      try {
        await display.show(screen);
        this.error = null;
      } catch (error) {
        if (!(error instanceof DisplayLinkError)) throw error;
        this.error = { code: errorCode(error), params: { where: display.where } };
        this.deps.log.warn({ err: error, where: display.where }, 'customer display not reached');
      }
    }
    return this.state();
  }

  state(): DisplayStateView {
    const settings = this.deps.settings();
    const led = settings.kind !== 'none' && !showsLines(settings.protocol);
    return {
      settings,
      screen: this.screen,
      shows: led
        ? { kind: 'led', ...ledReading(this.screen) }
        : { kind: 'lines', lines: screenLines(this.screen, settings.charset, settings.greeting) },
      error: this.error,
    };
  }

  async close(): Promise<void> {
    clearTimeout(this.restTimer);
    await this.display?.close();
    this.display = null;
    this.displayFor = '';
  }
}

function errorCode(error: DisplayLinkError): ErrorCode {
  switch (error.failure) {
    case 'no-driver':
      return 'DISPLAY_HID_UNAVAILABLE';
    case 'no-device':
      return 'DISPLAY_NOT_FOUND';
    case 'timeout':
      return 'DISPLAY_NO_ANSWER';
    case 'unplugged':
      return 'DISPLAY_UNPLUGGED';
  }
}

/**
 * A sale as the tenant is shown it: the balance where the office knows it (an NK meter's, read
 * back; 主站计费's own), else the energy bought; the change from the cash handed over.
 */
export function paidScreen(
  sale: SaleView,
  account: { billing: string; officeBalanceFen: number } | undefined,
): DisplayScreen {
  return {
    kind: 'paid',
    amountFen: sale.amountFen,
    energy: sale.energy,
    balanceFen:
      sale.meterBalanceAfterFen ??
      (account?.billing === 'office' ? account.officeBalanceFen : null),
    changeFen: sale.tenderedFen !== null ? sale.tenderedFen - sale.amountFen : null,
  };
}
