"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const harness_1 = require("../../server/src/test-support/harness");
const browser_1 = require("./browser");
jest.setTimeout(180_000);
let server;
let browser;
let page;
const vis = (id) => (0, browser_1.ui)(page, server.url).vis(id);
const tap = (l) => (0, browser_1.ui)(page, server.url).tap(l);
beforeAll(async () => {
    (0, browser_1.ensureH5Build)();
    server = await (0, harness_1.startTestServer)();
    const staff = await server.loginStaff();
    const r = await server.request('POST', '/api/residents', {
        token: staff,
        body: { name: '孙建华', birthYear: 1972, building: '4号楼', unit: '2单元', room: '301', tags: [], openid: 'e2e-h5-sun' },
    });
    expect(r.status).toBe(201);
    browser = await (0, browser_1.launchPhone)();
    page = browser.page;
    await (0, browser_1.ui)(page, server.url).login('e2e-h5-sun');
});
afterAll(async () => {
    await browser?.close();
    await server?.close();
});
test('账目公开 shows the latest monthly statement, where the money went, and its entries', async () => {
    await tap(vis('shortcut-ledger'));
    await vis('statement').waitFor();
    const { body } = await server.request('GET', '/api/ledger/statements', { token: (await server.loginResident('e2e-h5-sun')).token });
    const latest = body.items[0];
    const fen = (n) => `¥${(n / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    await expect(vis('expense-total').textContent()).resolves.toBe(fen(latest.expense.total));
    await expect(vis('income-total').textContent()).resolves.toBe(fen(latest.income.total));
    expect(await vis('category-bars').first().textContent()).toContain('安保');
    expect(await vis('ledger-entry').count()).toBe(latest.entryCount);
    await (0, browser_1.shot)(page, '30-ledger');
});
test('a household votes once in the open wish-list round and sees its choice counted', async () => {
    await (0, browser_1.ui)(page, server.url).open('/pages/wishlist/index');
    await vis('wish-round').filter({ hasText: '第二批' }).click();
    await vis('wish-round-page').waitFor();
    const items = vis('wish-item');
    await items.first().waitFor();
    const before = Number((await items.nth(1).locator('[data-testid="wish-votes"]').textContent())?.replace(/\D/g, ''));
    await items.nth(0).click();
    await items.nth(1).click();
    await expect(items.nth(1).getAttribute('data-selected')).resolves.toBe('1');
    await (0, browser_1.shot)(page, '31-wish-picking');
    await vis('wish-vote').click();
    await vis('my-vote').waitFor();
    await expect(items.nth(1).locator('[data-testid="wish-votes"]').textContent()).resolves.toBe(`${before + 1} 票`);
    expect(await vis('wish-vote').count()).toBe(0);
    await (0, browser_1.shot)(page, '32-wish-voted');
});
