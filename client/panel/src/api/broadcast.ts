// Typed calls to the smart-broadcast API (see contracts/src/broadcast.ts): speakers, preview, publish, confirm, cancel, settings, recordings.
import type { BroadcastCreate, BroadcastDto, BroadcastPreviewDto, BroadcastSettings, BroadcastSettingsDto, BroadcastStatus, DeviceKeyDto, SpeakerDto, UploadDto } from '@linli/contracts';
import { api, get, post, qs } from './http';

export const broadcastApi = {
  speakers: () => get<{ items: SpeakerDto[] }>('/api/broadcasts/speakers'),
  setSpeakerEnabled: (id: string, enabled: boolean) => post<unknown>(`/api/devices/${id}/${enabled ? 'enable' : 'disable'}`),
  addSpeaker: (name: string, zones: string[]) => post<DeviceKeyDto>('/api/devices', { kind: 'speaker', name, zones, location: {} }),
  list: (status?: BroadcastStatus) => get<{ items: BroadcastDto[] }>(`/api/broadcasts${qs({ status, limit: 50 })}`),
  ofNotice: (noticeId: string) => get<{ items: BroadcastDto[] }>(`/api/broadcasts${qs({ noticeId, limit: 1 })}`),
  get: (id: string) => get<BroadcastDto>(`/api/broadcasts/${id}`),
  preview: (text: string) => post<BroadcastPreviewDto>('/api/broadcasts/preview', { text }),
  create: (b: Omit<BroadcastCreate, 'repeat' | 'urgent'> & { repeat?: number; urgent?: boolean }) => post<BroadcastDto>('/api/broadcasts', b),
  confirm: (id: string) => post<BroadcastDto>(`/api/broadcasts/${id}/confirm`),
  cancel: (id: string) => post<BroadcastDto>(`/api/broadcasts/${id}/cancel`),
  settings: () => get<BroadcastSettingsDto>('/api/broadcasts/settings'),
  saveSettings: (s: BroadcastSettings) => api<BroadcastSettings>('PUT', '/api/broadcasts/settings', s),
  /** A 喊话 recording from the browser's microphone, stored like any voice upload. */
  upload: (blob: Blob) => {
    const fd = new FormData();
    fd.append('file', blob, blob.type.includes('ogg') ? 'hanhua.ogg' : 'hanhua.webm');
    return post<UploadDto>('/api/uploads', fd);
  },
};
