// Security #12 low 15: notice Markdown shows images only from the notice's own uploads; an external (tracking) image is never rendered.
import { startTestServer, type TestServer } from '../../test-support/harness';
import { renderNoticeMarkdown } from './notice.markdown';

let s: TestServer;
let admin: string;
let resident: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  resident = (await s.loginResident('demo-resident')).token;
});
afterAll(() => s.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

it('an external image in notice Markdown is not rendered, while the notice’s own uploaded image is, with a fresh signed URL', async () => {
  const fd = new FormData();
  fd.append('file', new Blob([PNG], { type: 'image/png' }), 'map.png');
  const photo = (await s.request('POST', '/api/uploads', { token: admin, raw: fd })).body;
  const body = [
    '停水通知',
    '![追踪](https://tracker.example.com/pixel.gif?who=reader)',
    '![协议相对](//tracker.example.com/p.gif)',
    `![别人的文件](/api/uploads/${'a'.repeat(24)})`,
    `![停水范围](/api/uploads/${photo.id})`,
  ].join('\n\n');
  const created = await s.request('POST', '/api/notices', {
    token: admin,
    body: { title: '停水', body, category: '通知', audience: { all: true }, channels: ['feed'], attachments: [photo.id] },
  });
  expect(created.status).toBe(201);
  const seen = await s.request('GET', `/api/notices/${created.body.id}`, { token: resident });
  expect(seen.status).toBe(200);
  const html: string = seen.body.bodyHtml;
  // Nothing points the reader's app at the tracker (a refused URL may remain as plain text).
  expect(html).not.toMatch(/(src|href|srcset)="[^"]*tracker\.example\.com/);
  expect(html).toContain('追踪'); // the alt text stays, as text
  expect(html).not.toContain('a'.repeat(24));
  const imgs = html.match(/<img [^>]*>/g) ?? [];
  expect(imgs).toHaveLength(1);
  expect(imgs[0]).toContain(`src="/api/uploads/${photo.id}?c=`);
  // The URL in the page works without a token.
  const src = /src="([^"]+)"/.exec(imgs[0]!)![1]!.replace(/&amp;/g, '&');
  expect((await fetch(s.url + src)).status).toBe(200);
});

it('the renderer alone never emits an image it was not allowed', () => {
  const html = renderNoticeMarkdown('![x](https://evil.example/a.png) ![y](http://evil.example/b.png) ![z](/api/uploads/0123456789abcdef01234567)');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('evil.example');
  // Links stay links (only images were narrowed).
  expect(renderNoticeMarkdown('[办事指南](https://www.gov.cn/)')).toContain('href="https://www.gov.cn/"');
});
