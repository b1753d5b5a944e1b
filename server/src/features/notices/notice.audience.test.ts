// Targeting property: over random residents and random audiences, who can read == who the audience describes == audience-preview count.
import { NOTIFY_CHANNELS, RESIDENT_TAGS } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

/** Seeded PRNG (mulberry32) so a failure replays exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.NOTICE_PROPERTY_SEED ?? 20261124);
const CASES = 30;
const EXTRA_RESIDENTS = 40;
const BUILDINGS = ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼', '7号楼'];

interface Person {
  id: string;
  householdId: string;
  building: string;
  birthYear: number;
  tags: string[];
  token: string;
}

/** The oracle, written independently of the server's filter: ages as this year (Asia/Shanghai) minus birth year. */
function describes(a: any, r: Person, year: number): boolean {
  if (a.buildings && !a.buildings.includes(r.building)) return false;
  if (a.minAge !== undefined && year - r.birthYear < a.minAge) return false;
  if (a.tags && !a.tags.some((t: string) => r.tags.includes(t))) return false;
  if (a.householdIds && !a.householdIds.includes(r.householdId)) return false;
  return true;
}

let srv: TestServer;
afterAll(async () => {
  await srv?.close();
});

test(`${CASES} random audiences over random residents (seed ${SEED})`, async () => {
  srv = await startTestServer();
  const rnd = prng(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T>(xs: readonly T[], max: number) => {
    const n = 1 + Math.floor(rnd() * Math.min(max, xs.length));
    return [...new Set(Array.from({ length: n }, () => pick(xs)))];
  };
  const admin = await srv.loginStaff();
  const cid = srv.communityId;
  const { residents } = srv.app.services;

  // Random residents; some share a door plate (a household) so household targeting covers several people.
  const plates: { building: string; unit: string; room: string }[] = [];
  for (let i = 0; i < EXTRA_RESIDENTS; i++) {
    const plate =
      plates.length && rnd() < 0.3
        ? pick(plates)
        : { building: pick(BUILDINGS), unit: `${1 + Math.floor(rnd() * 3)}单元`, room: String(100 * (1 + Math.floor(rnd() * 6)) + 1 + Math.floor(rnd() * 4)) };
    plates.push(plate);
    await residents.create(cid, {
      name: `居民${i}`,
      birthYear: 1930 + Math.floor(rnd() * 80),
      ...plate,
      tags: rnd() < 0.3 ? [] : (some(RESIDENT_TAGS, 3) as any),
      openid: `prop-${SEED}-${i}`,
      channels: some(NOTIFY_CHANNELS, 5) as any,
    });
  }
  // Demo residents without a WeChat binding get one, so every registered person can log in and look.
  const Resident = srv.app.conn.models.Resident!;
  const registered = () => Resident.find({ communityId: cid, verified: true }).lean<{ _id: unknown; openid?: string; householdId: unknown; building?: string; birthYear?: number; tags: string[] }[]>();
  const all = await registered();
  for (const r of all) if (!r.openid) await Resident.updateOne({ _id: r._id, communityId: cid }, { $set: { openid: `prop-demo-${String(r._id)}` } });
  // Someone who logged in through WeChat but is not in the registry: in nobody's audience, not even `all`.
  const stranger = await srv.loginResident(`prop-stranger-${SEED}`);

  const people: Person[] = [];
  for (const r of await registered()) {
    const login = await srv.loginResident(r.openid!);
    people.push({ id: String(r._id), householdId: String(r.householdId), building: r.building!, birthYear: r.birthYear!, tags: r.tags, token: login.token });
  }
  expect(people.length).toBe(12 + EXTRA_RESIDENTS);
  const households = [...new Set(people.map((p) => p.householdId))];

  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const expected = new Map<string, Set<string>>();
  for (let c = 0; c < CASES; c++) {
    const audience: Record<string, unknown> = {};
    if (rnd() < 0.25) audience.all = true;
    if (rnd() < 0.45) audience.buildings = some(BUILDINGS, 3);
    if (rnd() < 0.45) audience.minAge = Math.floor(rnd() * 100);
    if (rnd() < 0.4) audience.tags = some(RESIDENT_TAGS, 3);
    if (rnd() < 0.25) audience.householdIds = some(households, 6);
    if (Object.keys(audience).length === 0) audience.all = true;

    const want = new Set(people.filter((p) => describes(audience, p, year)).map((p) => p.id));
    const preview = await srv.request('POST', '/api/notices/audience-preview', { token: admin, body: { audience } });
    expect([c, audience, preview.body.count]).toEqual([c, audience, want.size]);
    const n = await srv.request('POST', '/api/notices', {
      token: admin,
      body: { title: `性质测试 ${c}`, body: '正文', category: '通知', audience, channels: ['feed', 'push'] },
    });
    expect(n.status).toBe(201);
    expect([c, n.body.recipientCount]).toEqual([c, want.size]);
    expected.set(n.body.id, want);
  }

  // The generator must produce real targeting, not just 'everyone' and 'no one'.
  expect([...expected.values()].filter((w) => w.size > 0 && w.size < people.length).length).toBeGreaterThanOrEqual(CASES / 3);

  // Who can read each notice: every resident pages through their own feed.
  const canRead = new Map<string, Set<string>>([...expected.keys()].map((id) => [id, new Set<string>()]));
  for (const p of [...people, { id: stranger.resident.id, token: stranger.token } as Person]) {
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r: any = (await srv.request('GET', `/api/notices?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: p.token })).body;
      for (const n of r.items) canRead.get(n.id)?.add(p.id);
      cursor = r.nextCursor;
      if (!cursor) break;
    }
  }
  for (const [id, want] of expected) expect([id, [...canRead.get(id)!].sort()]).toEqual([id, [...want].sort()]);

  // Direct reads agree with the feed: one outsider and one recipient per notice.
  for (const [id, want] of expected) {
    const outsider = people.find((p) => !want.has(p.id));
    if (outsider) expect((await srv.request('GET', `/api/notices/${id}`, { token: outsider.token })).status).toBe(404);
    const insider = people.find((p) => want.has(p.id));
    if (insider) expect((await srv.request('GET', `/api/notices/${id}`, { token: insider.token })).status).toBe(200);
  }
  expect((await srv.request('GET', '/api/notices', { token: stranger.token })).body.items).toHaveLength(0);
}, 180_000);
