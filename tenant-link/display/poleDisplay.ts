// One customer display: screens written one after another over its link (serial or HID), the
// display initialised whenever its link is (re)opened, a link that failed dropped so that the next
// screen opens a fresh one — a display unplugged and plugged back shows the next sale.
import type { DisplayCharset, DisplayProtocol, DisplayScreen } from '../../shared/api/display';
import { initialBytes, screenBytes } from './commandSets';
import type { DisplayLink } from './links';

export interface DisplayManner {
  protocol: DisplayProtocol;
  charset: DisplayCharset;
  greeting: string;
}

export class PoleDisplay {
  private link: DisplayLink | null = null;
  private running: Promise<void> = Promise.resolve();
  private latest: DisplayScreen | null = null;

  constructor(
    /** The port or HID path, for messages. */
    readonly where: string,
    private readonly manner: DisplayManner,
    private readonly openLink: () => Promise<DisplayLink>,
  ) {}

  /**
   * Shows a screen. Screens asked for while one is being written wait their turn, and one that a
   * newer screen overtook while waiting is not written at all: the tenant sees the latest.
   * Rejects (DisplayLinkError) when the display could not be reached.
   */
  show(screen: DisplayScreen): Promise<void> {
    this.latest = screen;
    const run = this.running.then(async () => {
      if (this.latest !== screen) return;
      await this.write(screenBytes(screen, this.manner));
    });
    this.running = run.catch(() => undefined);
    return run;
  }

  private async write(bytes: Buffer): Promise<void> {
    try {
      if (!this.link) {
        this.link = await this.openLink();
        await this.link.write(initialBytes(this.manner.protocol));
      }
      await this.link.write(bytes);
    } catch (error) {
      const link = this.link;
      this.link = null;
      await link?.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.running;
    const link = this.link;
    this.link = null;
    await link?.close();
  }
}
