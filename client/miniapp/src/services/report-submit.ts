// Submits a problem report: uploads photos and the voice note (each once, even across retries), then creates the ticket idempotently.
import type { Address, SimilarTicketDto, TicketCategory, TicketDto } from '@linli/contracts';
import { assertOnline, uploadFile } from './api';
import { ApiError } from './errors';
import { createTicket, similarTickets } from './tickets';

export interface ReportDraft {
  category: TicketCategory | null;
  description: string;
  photos: string[];
  voice: { filePath: string; durationMs: number; fileName?: string } | null;
  location: { building: string; unit: string; room: string };
}

/** Remembers what was already uploaded, so a retry after a failure sends only what is missing. */
const uploaded = new Map<string, string>();

async function uploadOnce(filePath: string, fileName?: string): Promise<string> {
  const known = uploaded.get(filePath);
  if (known) return known;
  const u = await uploadFile(filePath, fileName);
  uploaded.set(filePath, u.id);
  return u.id;
}

export function validateDraft(d: ReportDraft): string | null {
  if (!d.category) return '请选择问题类别';
  if (!d.description.trim() && !d.voice) return '请填写问题描述，或说一段语音';
  if (d.description.trim().length > 2000) return '问题描述不能超过 2000 字';
  if (!d.location.building.trim()) return '请填写楼号';
  return null;
}

/**
 * Open reports of the same place and category, asked once before submitting (这部电梯已有人报修，要一起关注吗？).
 * Never in the way of a report: any failure here just means no suggestion.
 */
export async function openReportsLike(d: ReportDraft): Promise<SimilarTicketDto[]> {
  const invalid = validateDraft(d);
  if (invalid) throw new ApiError(invalid, 0, 'VALIDATION');
  await assertOnline();
  try {
    const r = await similarTickets(d.category!, location(d.location));
    return Array.isArray(r?.items) ? r.items : [];
  } catch {
    return [];
  }
}

function location(l: ReportDraft['location']): Address {
  const a: Address = { building: l.building.trim() };
  if (l.unit.trim()) a.unit = l.unit.trim();
  if (l.room.trim()) a.room = l.room.trim();
  return a;
}

export async function submitReport(d: ReportDraft, idempotencyKey: string, duplicateOf?: string): Promise<TicketDto> {
  const invalid = validateDraft(d);
  if (invalid) throw new ApiError(invalid, 0, 'VALIDATION');
  await assertOnline();
  const attachments: string[] = [];
  for (const p of d.photos) attachments.push(await uploadOnce(p, 'photo.jpg'));
  const audio = d.voice ? { uploadId: await uploadOnce(d.voice.filePath, d.voice.fileName ?? 'voice.aac'), durationMs: d.voice.durationMs } : undefined;
  return createTicket(
    {
      category: d.category!,
      ...(d.description.trim() ? { description: d.description.trim() } : {}),
      location: location(d.location),
      attachments,
      ...(audio ? { audio } : {}),
      ...(duplicateOf ? { duplicateOf } : {}),
    },
    idempotencyKey,
  );
}

export function newIdempotencyKey(): string {
  return `app-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
