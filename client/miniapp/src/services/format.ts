// Display helpers: Asia/Shanghai times and short addresses.
import type { Address } from '@linli/contracts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Times are stored in UTC and always shown in Beijing time, whatever the phone's zone. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatAddress(a: Partial<Address> | undefined | null): string {
  if (!a) return '';
  return [a.building, a.unit, a.room].filter(Boolean).join(' ');
}
