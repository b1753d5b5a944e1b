// Demo mode's speakers without a broker: every enabled speaker is "online", fetches the audio from its signed URL like a real one and acknowledges after playing.
import type { SpeakerPlayCommand } from '@linli/contracts';
import type { Logger } from '../../logger';
import type { SpeakerTransport, StatusHandler } from './broadcast.transport';

/** Longest a simulated play takes, so a long notice does not keep the demo's ledger at 已下发 for minutes. */
const MAX_SIMULATED_MS = 8000;

export class SimulatedSpeakers implements SpeakerTransport {
  readonly name = 'simulated';
  private onStatus: StatusHandler = () => undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly log: Logger) {}

  async ready(): Promise<void> {}

  connected(): boolean {
    return !this.stopped;
  }

  online(): boolean {
    return !this.stopped;
  }

  start(onStatus: StatusHandler): void {
    this.onStatus = onStatus;
  }

  async play(communityId: string, speakerId: string, cmd: SpeakerPlayCommand): Promise<void> {
    if (this.stopped) throw new Error('广播通道已关闭');
    // Fetched in the background, as a speaker would after taking the command.
    void this.perform(communityId, speakerId, cmd);
  }

  private async perform(communityId: string, speakerId: string, cmd: SpeakerPlayCommand): Promise<void> {
    const ack = (status: 'received' | 'played' | 'failed', reason?: string) =>
      this.onStatus(communityId, speakerId, { type: 'ack', commandId: cmd.commandId, status, ...(reason ? { reason } : {}) });
    try {
      const res = await fetch(cmd.url, { signal: AbortSignal.timeout(10_000) });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok || bytes === 0) return ack('failed', `音频下载失败（${res.status}）`);
      ack('received');
      const startIn = Math.max(0, (cmd.at ? Date.parse(cmd.at) : Date.now()) - Date.now());
      const t = setTimeout(() => {
        this.timers.delete(t);
        ack('played');
      }, Math.min(startIn + 1500 * cmd.repeat, MAX_SIMULATED_MS));
      this.timers.add(t);
    } catch (err) {
      this.log.debug({ err }, 'simulated speaker could not fetch');
      ack('failed', '音频下载失败');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
