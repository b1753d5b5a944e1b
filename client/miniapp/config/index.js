"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// Taro build config for both targets (weapp, h5); `outputRoot` keeps each target's build apart.
const node_path_1 = __importDefault(require("node:path"));
const cli_1 = require("@tarojs/cli");
const contractsDir = node_path_1.default.resolve(__dirname, '../../../contracts');
exports.default = (0, cli_1.defineConfig)(async () => {
    const config = {
        projectName: 'linli-miniapp',
        date: '2026-11-24',
        // 375 design width: a CSS px in our sources is a CSS px on a 375-wide phone (weapp turns it into rpx).
        designWidth: 375,
        deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
        sourceRoot: 'src',
        outputRoot: `dist/${process.env.TARO_ENV}`,
        plugins: [],
        defineConstants: {},
        copy: { patterns: [], options: {} },
        framework: 'react',
        compiler: { type: 'webpack5', prebundle: { enable: false } },
        cache: { enable: false },
        // The shared contracts are TypeScript source in another workspace: resolve and compile them.
        alias: { '@linli/contracts': node_path_1.default.join(contractsDir, 'src/index.ts') },
        mini: {
            compile: { include: [contractsDir] },
            postcss: {
                pxtransform: { enable: true, config: {} },
                cssModules: { enable: false },
            },
        },
        h5: {
            // The server serves this build at /h5/; hash routing keeps deep links working without server rewrites.
            publicPath: '/h5/',
            staticDirectory: 'static',
            router: { mode: 'hash' },
            compile: { include: [contractsDir] },
            output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
            miniCssExtractPluginOption: { filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
            postcss: {
                // Keep px as px in the browser so sizes (18px type, 44px targets) are exactly what we write.
                pxtransform: { enable: false, config: {} },
                autoprefixer: { enable: true, config: {} },
                cssModules: { enable: false },
            },
            devServer: {
                proxy: [{ context: ['/api', '/socket.io'], target: 'http://127.0.0.1:3000', ws: true }],
            },
        },
    };
    return config;
});
