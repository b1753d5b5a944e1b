// Display helpers: Asia/Shanghai times and short addresses.
import { shanghaiDateTime, type Address } from '@linli/contracts';

/** Times are stored in UTC and always shown in Beijing time, whatever the phone's zone. */
export function formatTime(iso: string | undefined): string {
  return iso ? shanghaiDateTime(iso) : '';
}

export function formatAddress(a: Partial<Address> | undefined | null): string {
  if (!a) return '';
  return [a.building, a.unit, a.room].filter(Boolean).join(' ');
}
