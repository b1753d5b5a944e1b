// Security #12 medium 8 and low 15 for uploads: daily quotas, orphan cleanup, downloads that cannot run, short-lived signed URLs.
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let alice: string;

const png = (extra = 200) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(extra, 1)]);
function form(data: Buffer, name: string, type: string) {
  const fd = new FormData();
  fd.append('file', new Blob([data], { type }), name);
  return fd;
}
const upload = (token: string, data: Buffer, name = 'p.png', type = 'image/png') =>
  s.request('POST', '/api/uploads', { token, raw: form(data, name, type) });
const files = () => s.app.conn.db!.collection('uploads.files');
const storedBy = (residentId: string) => files().countDocuments({ 'metadata.ownerId': residentId });

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  alice = (await s.loginResident('demo-resident')).token;
});
afterAll(() => s.close());

describe('daily upload quota', () => {
  it('a fresh unverified resident uploading past the file count gets 429 and stores nothing more', async () => {
    const fresh = await s.loginResident('attacker-openid-0001', '刚注册');
    expect(fresh.resident.householdId || undefined).toBeUndefined();
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await upload(fresh.token, png(100 + i)));
    expect(results.slice(0, 20).every((r) => r.status === 201)).toBe(true);
    const over = results[20]!;
    expect(over.status).toBe(429);
    expect(over.body.error.message).toMatch(/上传额度已用完/);
    expect(await storedBy(fresh.resident.id)).toBe(20);
    // Still refused on the next try; nothing more stored.
    expect((await upload(fresh.token, png())).status).toBe(429);
    expect(await storedBy(fresh.resident.id)).toBe(20);
  });

  it('a fresh unverified resident uploading past the byte allowance gets 429 and stores nothing more', async () => {
    const fresh = await s.loginResident('attacker-openid-0002');
    const big = png(9.5 * 1024 * 1024);
    expect((await upload(fresh.token, big)).status).toBe(201);
    expect((await upload(fresh.token, big)).status).toBe(201);
    const over = await upload(fresh.token, png(2 * 1024 * 1024));
    expect(over.status).toBe(429);
    expect(await storedBy(fresh.resident.id)).toBe(2);
  });

  it('one account using up its day does not touch another account', async () => {
    expect((await upload(alice, png())).status).toBe(201);
  });
});

describe('orphan cleanup', () => {
  it('an upload never attached is gone after the cleanup runs, while an attached one stays', async () => {
    const orphan = (await upload(alice, png(300))).body;
    const kept = (await upload(alice, png(301))).body;
    const t = await s.request('POST', '/api/tickets', {
      token: alice,
      body: { category: '水电', description: '水表漏水', channel: 'app', attachments: [kept.id] },
    });
    expect(t.status).toBe(201);
    // Both are older than the grace period.
    const old = new Date(Date.now() - 25 * 3600_000);
    await files().updateMany({ _id: { $in: [orphan.id, kept.id].map((i: string) => new Types.ObjectId(i)) } }, { $set: { uploadDate: old } });
    // Run the sweep the uploads face declares.
    const face = s.app.faces.find((f) => f.name === 'uploads')!;
    const sweep = face.intervals!.find((i) => i.name === 'uploads.sweep-orphans')!;
    await sweep.run();
    const get = (id: string) => fetch(`${s.url}/api/uploads/${id}`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.status);
    expect(await get(orphan.id)).toBe(404);
    expect(await s.app.conn.db!.collection('uploads.chunks').countDocuments({ files_id: new Types.ObjectId(orphan.id) })).toBe(0);
    expect(await get(kept.id)).toBe(200);
    // An orphan cannot be attached after it is gone.
    const late = await s.request('POST', '/api/tickets', {
      token: alice,
      body: { category: '水电', description: '再试一次', channel: 'app', attachments: [orphan.id] },
    });
    expect(late.status).toBe(422);
  });

  it('a fresh orphan (inside the grace period) stays', async () => {
    const fresh = (await upload(alice, png(302))).body;
    await s.app.faces.find((f) => f.name === 'uploads')!.intervals![0]!.run();
    expect((await fetch(`${s.url}/api/uploads/${fresh.id}`, { headers: { authorization: `Bearer ${alice}` } })).status).toBe(200);
  });
});

describe('serving files', () => {
  it('a PDF with a script is served as an attachment with a sandbox CSP and nosniff', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(document.cookie)) >> >> endobj\n%%EOF\n');
    const up = await upload(admin, pdf, '通知 附件.pdf', 'application/pdf');
    expect(up.status).toBe(201);
    const r = await fetch(s.url + up.body.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(r.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(r.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a CSV downloads too, while photos and voice stay inline', async () => {
    const csv = await upload(admin, Buffer.from('名称,金额\n=HYPERLINK("http://x"),1\n'), 'ledger.csv', 'text/csv');
    expect(csv.status).toBe(201);
    const r = await fetch(s.url + csv.body.url);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;.*ledger\.csv/);
    const photo = (await upload(alice, png())).body;
    const img = await fetch(s.url + photo.url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-disposition')).toBeNull();
    expect(img.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  });

  it('signed URLs are short-lived and refused past their lifetime', async () => {
    const photo = (await upload(alice, png())).body;
    const exp = Number(/exp=(\d+)/.exec(photo.url)![1]);
    expect(exp - Date.now()).toBeLessThanOrEqual(20 * 60_000);
    expect((await fetch(s.url + photo.url)).status).toBe(200);
    const svc = s.app.services.uploads;
    // Issued 30 minutes ago: past its lifetime.
    const stale = svc.signedUrl(s.communityId, photo.id, Date.now() - 30 * 60_000);
    expect((await fetch(s.url + stale)).status).toBe(401);
    // Correctly signed but promising hours (as the old 6-hour URLs did): refused too.
    const long = svc.signedUrl(s.communityId, photo.id, Date.now() + 5 * 3600_000);
    expect((await fetch(s.url + long)).status).toBe(401);
  });
});
