// A hand-rolled stand-in for @tarojs/taro in component tests: storage in memory, requests answered by the test.
type Handler = (opts: any) => any;

export interface TaroMock {
  storage: Map<string, unknown>;
  /** Set per test: answers Taro.request (return {statusCode, data} or throw to simulate a network failure). */
  onRequest: Handler;
  onUpload: Handler;
  requests: any[];
  [k: string]: any;
}

export function createTaroMock(): TaroMock {
  const storage = new Map<string, unknown>();
  const m: TaroMock = {
    storage,
    requests: [],
    onRequest: () => ({ statusCode: 200, data: {} }),
    onUpload: () => ({ statusCode: 201, data: JSON.stringify({ id: 'a'.repeat(24), url: '/api/uploads/x', mime: 'image/png', size: 1 }) }),
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    request: jest.fn(async (opts: any) => {
      m.requests.push(opts);
      return m.onRequest(opts);
    }),
    uploadFile: jest.fn(async (opts: any) => m.onUpload(opts)),
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
    connectSocket: jest.fn(async () => ({ send() {}, close() {}, onOpen() {}, onMessage() {}, onClose() {}, onError() {} })),
    useDidShow: (fn: () => void) => {
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
export const taro = createTaroMock();
