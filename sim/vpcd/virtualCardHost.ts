// A virtual card on vpcd, run on its own worker thread (see cardWorker.ts for why), driven from
// here: load a chip, insert it into a virtual reader, pull it out, inject a pulled write, and
// look at the chip's memory and code afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as Esbuild from 'esbuild';
import type { CardState, CardWorkerReply, CardWorkerRequest, ChipSpec } from './cardWorkerProtocol';
import { VPCD_PORT } from './virtualCard';

/**
 * The worker's script: the prebuilt bundle beside the running bundle (dist/), or — running from
 * source, as under Jest — the TypeScript compiled once with esbuild (a devDependency).
 */
function workerScript(): string {
  const bundled = path.join(__dirname, 'card-worker.cjs');
  if (fs.existsSync(bundled)) return bundled;
  const source = path.join(__dirname, 'cardWorker.ts');
  const out = path.join(os.tmpdir(), `powertill-card-worker-${process.pid}.cjs`);
  if (!fs.existsSync(out)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof Esbuild;
    esbuild.buildSync({
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: out,
      logLevel: 'error',
    });
  }
  return out;
}

export class VirtualCardHost {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: CardWorkerReply) => void>();

  constructor(readonly port = VPCD_PORT) {
    this.worker = new Worker(workerScript());
    this.worker.on('message', (reply: CardWorkerReply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    this.worker.unref();
  }

  private send(request: CardWorkerRequest): Promise<CardState> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) =>
        reply.ok ? resolve(reply.state) : reject(new Error(reply.error)),
      );
      this.worker.postMessage({ ...request, id });
    });
  }

  load(chip: ChipSpec): Promise<CardState> {
    return this.send({ type: 'load', chip });
  }
  insert(): Promise<CardState> {
    return this.send({ type: 'insert', port: this.port });
  }
  remove(): Promise<CardState> {
    return this.send({ type: 'remove' });
  }
  clearLog(): Promise<CardState> {
    return this.send({ type: 'clearLog' });
  }
  /** The next write lands only `apply` bytes, then the card leaves the reader unanswered. */
  pullOnWrite(apply: number): Promise<CardState> {
    return this.send({ type: 'pullOnWrite', apply });
  }
  /** The card carries out the next `apdus` APDUs, then leaves the reader without answering the last. */
  pullAfter(apdus: number): Promise<CardState> {
    return this.send({ type: 'pullAfter', apdus });
  }
  /** The card carries out the next `apdus` APDUs and leaves the last unanswered, still inserted. */
  holdAfter(apdus: number): Promise<CardState> {
    return this.send({ type: 'holdAfter', apdus });
  }
  cancelPull(): Promise<CardState> {
    return this.send({ type: 'cancelPull' });
  }
  state(): Promise<CardState> {
    return this.send({ type: 'state' });
  }

  async close(): Promise<void> {
    await this.remove().catch(() => undefined);
    await this.worker.terminate();
  }
}
