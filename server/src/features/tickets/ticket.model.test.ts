// How a ticket's optional parts are stored: only when present, as given, field for field; updates replace or patch them.
import { Types } from 'mongoose';
import { connectDb } from '../../db/connection';
import { encodeDocument } from '../../db/pjson';
import { testMongoUri, uniqueDbName } from '../../test-support/harness';
import { TicketRepository } from './ticket.repository';
import type { TicketDoc } from './ticket.model';

const at = new Date('2026-12-01T01:00:00Z');
const later = new Date('2026-12-02T01:00:00Z');
const latest = new Date('2026-12-03T01:00:00Z');
const PARTS = ['location', 'audio', 'rating', 'duplicateOf', 'duplicateSuggestion', 'ladderPlan', 'revisit', 'extension', 'triage', 'linked', 'ladder'];

function ticket(no: string, extra: Partial<TicketDoc> = {}) {
  return {
    _id: new Types.ObjectId(), createdAt: at, communityId: 'c1', no, category: '电梯' as const, title: '电梯坏了', description: '3号楼电梯坏了', attachments: [],
    channel: 'desk' as const, reporter: { name: '王阿姨' }, status: 'submitted' as const, slaDueAt: at, urgeCount: 0,
    timeline: [{ kind: 'created' as const, at, actor: { kind: 'staff' as const, id: 's1', name: '李' }, to: 'submitted' as const }],
    ...extra,
  };
}

it('a ticket stores its optional parts only when present, as given, and updates replace or patch them', async () => {
  const conn = await connectDb(testMongoUri(uniqueDbName('tmodel')));
  const repo = new TicketRepository(conn);

  const bare = ticket('T-000001');
  await repo.insert(bare);
  const storedBare = (await repo.byId('c1', String(bare._id)))!;
  for (const part of PARTS) expect(storedBare).not.toHaveProperty(part);

  const full = ticket('T-000002', {
    location: { building: '3', unit: '2' },
    audio: { uploadId: 'u1', durationMs: 3000, status: 'pending' },
    duplicateSuggestion: { id: 'x1', no: 'T-000001', score: 0.8 },
    ladderPlan: { signRemindAt: at, finishRemindAt: later },
    triage: { category: '电梯', confidence: 0.62, categorySource: 'model', urgent: false, location: { building: '3' } },
  });
  // The insert path writes straight into PostgreSQL when FerretDB's format can be produced for the hydrated document.
  const hydrated = new repo.model(full);
  await hydrated.validate();
  expect(encodeDocument(hydrated.toObject({ depopulate: true, versionKey: true, flattenObjectIds: false }) as Record<string, unknown>)).toBeDefined();
  await repo.insert(full);
  const id = String(full._id);
  const stored = (await repo.byId('c1', id))!;
  expect(stored.location).toEqual({ building: '3', unit: '2' });
  expect(stored.audio).toEqual({ uploadId: 'u1', durationMs: 3000, status: 'pending' });
  expect(stored.duplicateSuggestion).toEqual({ id: 'x1', no: 'T-000001', score: 0.8 });
  expect(stored.ladderPlan).toEqual({ signRemindAt: at, finishRemindAt: later });
  expect(stored.ladderPlan!.signRemindAt).toBeInstanceOf(Date);
  // Field order as the schema declares it (FerretDB keeps it).
  expect(Object.keys(stored.triage!)).toEqual(['category', 'confidence', 'categorySource', 'urgent', 'location']);
  expect(stored.triage!.location).toEqual({ building: '3' });
  for (const part of ['rating', 'duplicateOf', 'revisit', 'extension']) expect(stored).not.toHaveProperty(part);

  expect(stored.timeline).toEqual(full.timeline);
  expect(Object.keys(stored.timeline[0]!)).toEqual(['kind', 'at', 'actor', 'to']);

  const apply = (update: Parameters<TicketRepository['applyIf']>[3]) => repo.applyIf('c1', id, {}, update);
  await apply({ set: { revisit: { status: 'asked', askedAt: at } } });
  await apply({ set: { 'revisit.status': 'call' } as Partial<TicketDoc> });
  await apply({ set: { location: { building: '5', unit: undefined } } as Partial<TicketDoc>, unset: ['duplicateSuggestion'] });
  // (Not the same values in the same order under other keys: FerretDB 1.24 takes such a $set for no change and skips it.)
  await apply({ set: { ladderPlan: { finishRemindAt: later, finishStreetAt: latest }, rating: { score: 5 } } });
  await apply({ set: { 'triage.accepted': true } as Partial<TicketDoc> });
  await apply({ push: { kind: 'comment', at: later, actor: { kind: 'resident', name: '王阿姨' }, note: '还没修好', internal: false } });
  const after = (await repo.byId('c1', id))!;
  expect(after.revisit).toEqual({ status: 'call', askedAt: at });
  expect(after.location).toEqual({ building: '5' });
  expect(after).not.toHaveProperty('duplicateSuggestion');
  expect(after.ladderPlan).toEqual({ finishRemindAt: later, finishStreetAt: latest });
  expect(after.rating).toEqual({ score: 5 });
  expect(after.timeline[1]).toEqual({ kind: 'comment', at: later, actor: { kind: 'resident', name: '王阿姨' }, note: '还没修好', internal: false });
  expect(Object.keys(after.timeline[1]!.actor)).toEqual(['kind', 'name']);
  expect(after.triage).toEqual({ category: '电梯', confidence: 0.62, categorySource: 'model', urgent: false, location: { building: '3' }, accepted: true });
  await conn.close();
});
