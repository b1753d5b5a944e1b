"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.taro = void 0;
exports.createTaroMock = createTaroMock;
function createTaroMock() {
    const storage = new Map();
    const m = {
        storage,
        requests: [],
        onRequest: () => ({ statusCode: 200, data: {} }),
        onUpload: () => ({ statusCode: 201, data: JSON.stringify({ id: 'a'.repeat(24), url: '/api/uploads/x', mime: 'image/png', size: 1 }) }),
        getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
        setStorageSync: (k, v) => void storage.set(k, v),
        removeStorageSync: (k) => void storage.delete(k),
        request: jest.fn(async (opts) => {
            m.requests.push(opts);
            return m.onRequest(opts);
        }),
        uploadFile: jest.fn(async (opts) => m.onUpload(opts)),
        getNetworkType: jest.fn(async () => ({ networkType: 'wifi' })),
        login: jest.fn(async () => ({ code: 'test-code' })),
        reLaunch: jest.fn(async () => undefined),
        navigateTo: jest.fn(async () => undefined),
        navigateBack: jest.fn(async () => undefined),
        switchTab: jest.fn(async () => undefined),
        showToast: jest.fn(async () => undefined),
        showModal: jest.fn(async () => ({ confirm: true })),
        stopPullDownRefresh: jest.fn(),
        setTabBarBadge: jest.fn(async () => undefined),
        removeTabBarBadge: jest.fn(async () => undefined),
        chooseMedia: jest.fn(async () => ({ tempFiles: [{ tempFilePath: 'blob:photo-1' }] })),
        previewImage: jest.fn(),
        /** A socket that never opens: pages subscribe to live events without any network. */
        connectSocket: jest.fn(async () => ({ send() { }, close() { }, onOpen() { }, onMessage() { }, onClose() { }, onError() { } })),
        useDidShow: (fn) => {
            const React = require('react');
            React.useEffect(() => fn(), []);
        },
        useDidHide: () => undefined,
        usePullDownRefresh: () => undefined,
        useReachBottom: () => undefined,
        useRouter: () => ({ params: m.routerParams ?? {} }),
        routerParams: {},
    };
    m.default = m;
    m.__esModule = true;
    return m;
}
/** The instance a test file's `jest.mock('@tarojs/taro', ...)` factory hands out (one per test file). */
exports.taro = createTaroMock();
