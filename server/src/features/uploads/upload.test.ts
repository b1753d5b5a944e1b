// Uploads: real type by magic bytes, size limits, and who may fetch (bearer or signed URL).
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let alice: string;
let bob: string;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const SILK = Buffer.concat([Buffer.from('\x02#!SILK_V3', 'latin1'), Buffer.alloc(300, 7)]);

function form(data: Buffer, name: string, type: string, field = 'file') {
  const fd = new FormData();
  fd.append(field, new Blob([data], { type }), name);
  return fd;
}
const upload = (token: string | undefined, fd: FormData) =>
  s.request('POST', '/api/uploads', { token, raw: fd });

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  alice = (await s.loginResident('demo-resident')).token;
  bob = (await s.loginResident('demo-zhaozhiqiang')).token;
});
afterAll(() => s.close());

it('stores a photo, detecting its type from the bytes, and serves it back', async () => {
  const r = await upload(alice, form(PNG, 'a.jpg', 'image/jpeg'));
  expect(r.status).toBe(201);
  expect(r.body.mime).toBe('image/png');
  expect(r.body.size).toBe(PNG.length);
  const back = await fetch(s.url + `/api/uploads/${r.body.id}`, { headers: { authorization: `Bearer ${alice}` } });
  expect(back.status).toBe(200);
  expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true);
  expect(back.headers.get('content-type')).toBe('image/png');
});

it('recognises WeChat SILK voice', async () => {
  const r = await upload(alice, form(SILK, 'voice.sil', 'application/octet-stream'));
  expect(r.status).toBe(201);
  expect(r.body.mime).toBe('audio/silk');
});

it('rejects unknown types, empty files, oversize files, missing files and anonymous uploads', async () => {
  const exe = await upload(alice, form(Buffer.from('MZ\x90\x00 this is not an image'), 'x.png', 'image/png'));
  expect(exe.status).toBe(422);
  expect(exe.body.error.message).toMatch(/不支持/);
  const bigAudio = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(6 * 1024 * 1024)]);
  const tooBig = await upload(alice, form(bigAudio, 'a.mp3', 'audio/mpeg'));
  expect(tooBig.status).toBe(413);
  const huge = await upload(alice, form(Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]), 'big.png', 'image/png'));
  expect(huge.status).toBe(413);
  const wrongField = await upload(alice, form(PNG, 'a.png', 'image/png', 'photo'));
  expect(wrongField.status).toBe(422);
  const json = await s.request('POST', '/api/uploads', { token: alice, body: { file: 'x' } });
  expect(json.status).toBe(422);
  expect((await upload(undefined, form(PNG, 'a.png', 'image/png'))).status).toBe(401);
});

it('only people who may see the ticket can fetch its attachments', async () => {
  const photo = (await upload(alice, form(PNG, 'leak.png', 'image/png'))).body;
  // Bob cannot attach Alice's upload to his own ticket.
  const stolen = await s.request('POST', '/api/tickets', {
    token: bob,
    body: { category: '水电', description: '漏水', channel: 'app', attachments: [photo.id] },
  });
  expect(stolen.status).toBe(403);
  const t = await s.request('POST', '/api/tickets', {
    token: alice,
    body: { category: '水电', description: '卫生间漏水', channel: 'app', attachments: [photo.id] },
  });
  expect(t.status).toBe(201);
  expect(t.body.attachments[0].id).toBe(photo.id);
  const get = (token?: string) =>
    fetch(s.url + `/api/uploads/${photo.id}`, token ? { headers: { authorization: `Bearer ${token}` } } : {}).then((r) => r.status);
  expect(await get(alice)).toBe(200);
  expect(await get(admin)).toBe(200);
  expect(await get(bob)).toBe(403);
  expect(await get()).toBe(401);
  // The signed URL in the ticket works without a token (for <img>), and a tampered one does not.
  const signed = t.body.attachments[0].url as string;
  expect((await fetch(s.url + signed)).status).toBe(200);
  // Change the signature's first character to a different one (a fixed replacement would be a no-op 1 time in 64).
  const tampered = signed.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
  expect(tampered).not.toBe(signed);
  expect((await fetch(s.url + tampered)).status).toBe(401);
  expect((await fetch(s.url + signed.replace(/exp=\d+/, 'exp=1000000000000'))).status).toBe(401);
});

it('a desk registration shares its photos with the resident it names', async () => {
  const photo = (await upload(admin, form(PNG, 'desk.png', 'image/png'))).body;
  const me = await s.request('GET', '/api/me', { token: bob });
  const t = await s.request('POST', '/api/tickets', {
    token: admin,
    body: { category: '公共设施', description: '单元门坏了', channel: 'desk', reporter: { name: '赵志强', residentId: me.body.resident.id }, attachments: [photo.id] },
  });
  expect(t.status).toBe(201);
  const r = await fetch(s.url + `/api/uploads/${photo.id}`, { headers: { authorization: `Bearer ${bob}` } });
  expect(r.status).toBe(200);
});
