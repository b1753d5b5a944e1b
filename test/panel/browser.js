"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ARTIFACTS = exports.ROOT = void 0;
exports.ensurePanelBuild = ensurePanelBuild;
exports.launchDesktop = launchDesktop;
exports.shot = shot;
exports.login = login;
// Launches Debian Chromium through playwright-core at a desktop viewport, builds the panel if needed, signs staff in.
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const playwright_core_1 = require("playwright-core");
exports.ROOT = node_path_1.default.resolve(__dirname, '../..');
exports.ARTIFACTS = node_path_1.default.join(exports.ROOT, 'test-artifacts', 'panel');
const PANEL_DIR = node_path_1.default.join(exports.ROOT, 'client', 'panel', 'dist');
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
/** The server serves client/panel/dist at /panel/ only if it was built. */
function ensurePanelBuild() {
    if (node_fs_1.default.existsSync(node_path_1.default.join(PANEL_DIR, 'index.html')))
        return;
    (0, node_child_process_1.execFileSync)('npm', ['run', 'build'], { cwd: node_path_1.default.join(exports.ROOT, 'client', 'panel'), stdio: 'ignore', timeout: 300_000 });
}
async function launchDesktop(viewport = { width: 1440, height: 900 }) {
    const userDataDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'linli-panel-chromium-'));
    const context = await playwright_core_1.chromium.launchPersistentContext(userDataDir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    context.setDefaultTimeout(10_000);
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
    // antd animates messages, modals and row flashes: let them settle so the picture shows the resting page.
    await page.waitForTimeout(500);
    await page.screenshot({ path: node_path_1.default.join(exports.ARTIFACTS, `${name}.png`) });
}
/** Signs in through the login form and waits for the 工作台. */
async function login(page, baseUrl, username = 'admin', password = 'linli-demo') {
    await page.goto(`${baseUrl}/panel/login`);
    await page.getByPlaceholder('用户名').fill(username);
    await page.getByPlaceholder('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('inbox').waitFor();
}
