// Taro build config for both targets (weapp, h5); `outputRoot` keeps each target's build apart.
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const contractsDir = path.resolve(__dirname, '../../../contracts');

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'linli-miniapp',
    date: '2026-11-24',
    // 375 design width: a CSS px in our sources is a CSS px on a 375-wide phone (weapp turns it into rpx).
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // aria-role/aria-label reach the weapp's screen reader (Taro's templates leave them out).
    plugins: [path.join(__dirname, 'aria-attributes.ts')],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // The shared contracts are TypeScript source in another workspace: resolve and compile them.
    alias: { '@linli/contracts': path.join(contractsDir, 'src/index.ts') },
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
      // Taro splits only the initial chunk, so every lazily loaded page carried its own copy of zod, the contracts and
      // socket.io-client. Split all chunks: libraries go to one long-cached vendors chunk, code two pages share to common.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            default: false,
            defaultVendors: false,
            vendors: { name: 'vendors', test: /[\\/]node_modules[\\/]/, minChunks: 1, priority: 10, reuseExistingChunk: true, enforce: true },
            common: { name: 'common', minChunks: 2, priority: 1, reuseExistingChunk: true, enforce: true },
          },
        });
      },
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
