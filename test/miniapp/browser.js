"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ARTIFACTS = exports.ROOT = void 0;
exports.ensureH5Build = ensureH5Build;
exports.launchPhone = launchPhone;
exports.shot = shot;
exports.ui = ui;
// Launches Debian Chromium through playwright-core at a phone viewport, and builds the H5 app if it is missing.
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const playwright_core_1 = require("playwright-core");
exports.ROOT = node_path_1.default.resolve(__dirname, '../..');
exports.ARTIFACTS = node_path_1.default.join(exports.ROOT, 'test-artifacts', 'miniapp');
const H5_DIR = node_path_1.default.join(exports.ROOT, 'client', 'miniapp', 'dist', 'h5');
const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];
/** The server serves client/miniapp/dist/h5 at /h5/ only if it was built. */
function ensureH5Build() {
    if (node_fs_1.default.existsSync(node_path_1.default.join(H5_DIR, 'index.html')))
        return;
    // Several test files may start at once: one builds under a lock, the others wait and find it built.
    (0, node_child_process_1.execFileSync)('flock', [node_path_1.default.join(node_os_1.default.tmpdir(), 'linli-miniapp-h5-build.lock'), 'sh', '-c', 'test -f dist/h5/index.html || npm run build:h5'], {
        cwd: node_path_1.default.join(exports.ROOT, 'client', 'miniapp'),
        stdio: 'ignore',
        timeout: 600_000,
        // jest sets NODE_ENV=test, which would make Taro emit a development (react-refresh) bundle.
        env: { ...process.env, NODE_ENV: 'production' },
    });
}
async function launchPhone() {
    const userDataDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'linli-chromium-'));
    const context = await playwright_core_1.chromium.launchPersistentContext(userDataDir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    // A crash inside the app would otherwise only show up as a timeout.
    page.on('pageerror', (e) => console.error(`[h5 page error] ${e.message}`));
    return {
        context,
        page,
        close: async () => {
            await context.close();
            node_fs_1.default.rmSync(userDataDir, { recursive: true, force: true });
        },
    };
}
async function shot(page, name) {
    node_fs_1.default.mkdirSync(exports.ARTIFACTS, { recursive: true });
    // Taro pages slide in for ~300 ms: let the transition finish so the picture shows the settled page.
    await page.waitForTimeout(400);
    await page.screenshot({ path: node_path_1.default.join(exports.ARTIFACTS, `${name}.png`) });
}
/** Locators for Taro's H5 DOM, which keeps earlier pages mounted (hidden): only what is on screen counts. */
function ui(page, baseUrl) {
    return {
        vis: (id) => page.locator(`[data-testid="${id}"]:visible`),
        /**
         * Click on pages with pull-down refresh: Taro's taro-pull-to-refresh-core wrapper fails Playwright's
         * hit-target check although document.elementFromPoint returns the button itself, so skip only that check.
         */
        tap: (locator) => locator.click({ force: true }),
        tab: (label) => page.locator(`.weui-tabbar__item:has-text("${label}")`),
        /** A real reload at that route (a hash-only goto would keep the running app). */
        open: async (route) => {
            await page.goto(`${baseUrl}/h5/#${route}`);
            await page.reload();
        },
        login: async (openid) => {
            await page.goto(`${baseUrl}/h5/`);
            await page.locator('[data-testid="login-openid"]:visible input').fill(openid);
            await page.locator('[data-testid="login-submit"]:visible').click();
            await page.locator('[data-testid="home-page"]:visible').waitFor();
        },
    };
}
