// The signed-in community's settings (name, buildings, SLA hours), fetched once and shared.
import { useEffect, useState } from 'react';
import type { TicketCategory } from '@linli/contracts';
import { get } from './http';

export interface CommunityInfo {
  id: string;
  name: string;
  ticketPrefix: string;
  buildings: string[];
  slaHours: Record<TicketCategory, number>;
}

let cached: Promise<CommunityInfo> | null = null;

export function loadCommunity(): Promise<CommunityInfo> {
  cached ??= get<CommunityInfo>('/api/community').catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}

export function forgetCommunity(): void {
  cached = null;
}

export function useCommunity(): CommunityInfo | null {
  const [c, setC] = useState<CommunityInfo | null>(null);
  useEffect(() => {
    let live = true;
    loadCommunity().then((x) => live && setC(x), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return c;
}
