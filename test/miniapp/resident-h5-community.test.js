"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const harness_1 = require("../../server/src/test-support/harness");
const browser_1 = require("./browser");
jest.setTimeout(180_000);
let server;
let staff;
let browser;
let page;
const vis = (id) => (0, browser_1.ui)(page, server.url).vis(id);
const tap = (l) => (0, browser_1.ui)(page, server.url).tap(l);
const notice = (title, audience, extra = {}) => server.request('POST', '/api/notices', {
    token: staff,
    body: { title, body: `**明天上午 9:00-12:00** ${title}，请提前储水。\n\n- 联系电话：社区服务中心`, category: '停水停电', audience, channels: ['feed'], ...extra },
});
beforeAll(async () => {
    (0, browser_1.ensureH5Build)();
    server = await (0, harness_1.startTestServer)();
    staff = await server.loginStaff();
    const r = await server.request('POST', '/api/residents', {
        token: staff,
        body: { name: '钱立新', birthYear: 1979, building: '2号楼', unit: '2单元', room: '402', tags: [], openid: 'e2e-h5-qian', channels: ['feed', 'push'] },
    });
    expect(r.status).toBe(201);
    // Log in once through the API so the resident is linked before notices are targeted.
    await server.loginResident('e2e-h5-qian');
    expect((await notice('2号楼停水通知', { buildings: ['2号楼'] }, { pinned: true })).status).toBe(201);
    expect((await notice('5号楼电梯检修', { buildings: ['5号楼'] })).status).toBe(201);
    browser = await (0, browser_1.launchPhone)();
    page = browser.page;
});
afterAll(async () => {
    await browser?.close();
    await server?.close();
});
test('the home page shows notices aimed at the resident (not others), live, and opening one marks it read', async () => {
    await (0, browser_1.ui)(page, server.url).login('e2e-h5-qian');
    const titles = () => vis('notice-title').allTextContents();
    await vis('notice-card').first().waitFor();
    expect(await titles()).toEqual(['2号楼停水通知']);
    const live = await notice('全体居民：周末义诊活动', { all: true }, { category: '活动', channels: ['feed', 'push'] });
    expect(live.status).toBe(201);
    await page.waitForFunction(() => document.body.innerText.includes('全体居民：周末义诊活动'), null, { timeout: 10_000 });
    expect((await titles()).sort()).toEqual(['2号楼停水通知', '全体居民：周末义诊活动'].sort());
    expect(await titles()).not.toContain('5号楼电梯检修');
    await (0, browser_1.shot)(page, '20-home-notices');
    await tap(vis('notice-card').filter({ hasText: '2号楼停水通知' }));
    await vis('notice-page').waitFor();
    await expect(vis('notice-detail-title').textContent()).resolves.toBe('2号楼停水通知');
    // The server's sanitized HTML is rendered (bold survives as markup, not as asterisks).
    await expect(vis('notice-body').locator('strong').first().textContent()).resolves.toContain('明天上午');
    await page.waitForFunction(() => document.body.innerText.includes('已读'));
    await (0, browser_1.shot)(page, '21-notice-detail');
    const list = await server.request('GET', '/api/notices', { token: (await server.loginResident('e2e-h5-qian')).token });
    const read = list.body.items.find((n) => n.title === '2号楼停水通知');
    expect(read.readAt).toBeDefined();
    expect(list.body.items.map((n) => n.title)).not.toContain('5号楼电梯检修');
});
test('a resident posts on the board and sees the official reply arrive live', async () => {
    await page.goto(`${server.url}/h5/#/pages/board/index`);
    await page.reload();
    await vis('board-page').waitFor();
    await tap(vis('new-post'));
    await vis('post-new-page').waitFor();
    await vis('post-submit').click();
    await expect(vis('error').textContent()).resolves.toContain('请选择留言类别');
    await vis('post-cat-建议').click();
    await vis('post-text-input').locator('textarea').fill('建议在2号楼门口加装一个快递柜');
    await (0, browser_1.shot)(page, '22-post-new');
    await vis('post-submit').click();
    await vis('board-page').waitFor();
    const card = vis('post-card').filter({ hasText: '建议在2号楼门口加装一个快递柜' });
    await card.waitFor();
    const posts = await server.request('GET', '/api/posts', { token: staff });
    const post = posts.body.items.find((p) => p.text === '建议在2号楼门口加装一个快递柜');
    expect(post).toMatchObject({ category: '建议', status: 'published' });
    const r = await server.request('POST', `/api/posts/${post.id}/replies`, { token: staff, body: { text: '收到，已报物业公司评估。' } });
    expect(r.status).toBe(201);
    await card.locator('[data-testid="reply-official"]').waitFor({ timeout: 10_000 });
    await expect(card.locator('[data-testid="reply-official"]').textContent()).resolves.toContain('收到，已报物业公司评估。');
    await (0, browser_1.shot)(page, '23-board-official-reply');
    await tap(card);
    await vis('post-page').waitFor();
    await vis('reply-input').locator('input').fill('谢谢社区！');
    await vis('reply-submit').click();
    await vis('post-page').locator('[data-testid="reply"]').filter({ hasText: '谢谢社区！' }).waitFor();
    await (0, browser_1.shot)(page, '24-post-detail');
});
test('有问必答 answers from the community FAQ rules, and offers a way on when nothing matches', async () => {
    const rule = await server.request('POST', '/api/faq/rules', {
        token: staff,
        body: { title: '物业电话', keywords: ['物业电话'], answer: '物业服务中心电话：0537-1234567（24 小时）' },
    });
    expect(rule.status).toBe(201);
    await (0, browser_1.ui)(page, server.url).open('/pages/help/index');
    await vis('help-page').waitFor();
    await vis('help-question').locator('input').fill('请问物业电话是多少？');
    await vis('help-ask').click();
    await expect(vis('help-answer').textContent()).resolves.toContain('0537-1234567');
    await (0, browser_1.shot)(page, '25-help-answer');
    await vis('help-question').locator('input').fill('今年的体检什么时候开始');
    await vis('help-ask').click();
    await vis('help-none').waitFor();
});
