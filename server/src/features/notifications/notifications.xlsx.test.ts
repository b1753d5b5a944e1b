// GET /api/alerts/:id/deliveries.xlsx: the alert's notification ledger read back with exceljs has the JSON ledger's rows (phones masked as there), with the same visibility.
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { ALERT_NOTIFY_CHANNEL_LABELS, NOTIFY_DELIVERY_STATUS_LABELS, type NotifyDeliveryDto } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
});
afterAll(async () => {
  await s?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sheet(token: string, alertId: string) {
  const res = await fetch(`${s.url}/api/alerts/${alertId}/deliveries.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)))));
  return { title: rows[0]![0]!, header: rows[1]!, rows: rows.slice(2) };
}

test('an SOS alert’s ledger: the same rows as the JSON, phones masked, same visibility', async () => {
  const band = (await s.request('GET', '/api/devices?kind=wristband', { token: admin })).body.items.find((d: { wearerResidentId?: string }) => d.wearerResidentId);
  expect(band).toBeDefined();
  const key = (await s.request('POST', `/api/devices/${band.id}/rotate-key`, { token: admin })).body.key;
  const sos = await s.request('POST', '/api/alerts/ingest', {
    body: { deviceId: band.id, eventId: `x-${crypto.randomBytes(4).toString('hex')}`, type: 'sos', at: new Date().toISOString() },
    headers: { authorization: `Bearer ${key}` },
  });
  expect(sos.status).toBe(201);
  const alertId = sos.body.alertId as string;

  let json: NotifyDeliveryDto[] = [];
  for (let i = 0; i < 100 && json.length === 0; i++) {
    json = (await s.request('GET', `/api/alerts/${alertId}/deliveries`, { token: admin })).body.items;
    if (!json.length) await sleep(100);
  }
  expect(json.length).toBeGreaterThan(0);
  // Rows can change while delivery runs: compare against the JSON read just before and just after the export.
  const x = await sheet(admin, alertId);
  const after = (await s.request('GET', `/api/alerts/${alertId}/deliveries`, { token: admin })).body.items as NotifyDeliveryDto[];
  expect(x.header).toEqual(['通知层级', '接收人', '关系', '电话', '渠道', '状态', '尝试次数', '原因', '服务商编号', '送达时间', '创建时间']);
  expect(x.rows.length).toBeGreaterThanOrEqual(json.length);
  expect(x.rows.length).toBeLessThanOrEqual(after.length);
  const shape = (d: NotifyDeliveryDto) => [d.recipient.name, d.recipient.phone ?? '', ALERT_NOTIFY_CHANNEL_LABELS[d.channel]];
  expect(x.rows.map((r) => [r[1], r[3], r[4]])).toEqual(after.slice(0, x.rows.length).map(shape));
  for (const r of x.rows) expect(Object.values(NOTIFY_DELIVERY_STATUS_LABELS)).toContain(r[5]);
  // No full phone number anywhere in the workbook, as in the JSON.
  expect(JSON.stringify(x.rows)).not.toMatch(/1\d{10}/);

  const { token: rt } = await s.loginResident('demo-resident');
  expect((await s.request('GET', `/api/alerts/${alertId}/deliveries.xlsx`, { token: rt })).status).toBe(403);
  // An alert the grid worker may not see is refused the same way as its JSON ledger.
  const liumin = await s.loginStaff('liumin');
  const seen = (await s.request('GET', `/api/alerts/${alertId}/deliveries`, { token: liumin })).status;
  expect((await s.request('GET', `/api/alerts/${alertId}/deliveries.xlsx`, { token: liumin })).status).toBe(seen);
});
