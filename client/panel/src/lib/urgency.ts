// Which tickets are urgent enough for a sound and a red mark in the inbox.
import type { TicketCategory, TicketDto } from '@linli/contracts';

export const URGENT_CATEGORIES: readonly TicketCategory[] = ['燃气', '电梯', '安全隐患'];

/** Urgent by category, overdue, urged twice, or raised to 加急 because several households reported it. */
export function isUrgent(t: Pick<TicketDto, 'category' | 'overdue' | 'urgeCount'> & Partial<Pick<TicketDto, 'priority'>>): boolean {
  return URGENT_CATEGORIES.includes(t.category) || t.overdue || t.urgeCount >= 2 || t.priority === 'high';
}

let ctx: AudioContext | null = null;
/** A short two-tone chime; browsers allow it once the user has interacted with the page. */
export function chime(): void {
  try {
    const AC = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AC) return;
    ctx ??= new AC();
    const t0 = ctx.currentTime;
    [880, 660].forEach((f, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      osc.frequency.value = f;
      gain.gain.setValueAtTime(0.0001, t0 + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.18 + 0.16);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(t0 + i * 0.18);
      osc.stop(t0 + i * 0.18 + 0.17);
    });
  } catch {
    /* sound is a nicety */
  }
}
