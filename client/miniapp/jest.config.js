// Component tests: jest + jsdom + babel-jest + React Testing Library, with Taro's components as web components and Taro's API mocked per test.
const path = require('node:path');

module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  transform: {
    '^.+\\.(m?[jt]sx?)$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [
          ['@babel/preset-env', { targets: { node: 'current' } }],
          ['@babel/preset-react', { runtime: 'automatic' }],
          '@babel/preset-typescript',
        ],
      },
    ],
  },
  // Taro and Stencil ship ES modules: let babel compile them too.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm|tslib|@tarojs|@stencil|swiper|classnames|engine\\.io-client|socket\\.io-client|@socket\\.io|engine\\.io-parser|socket\\.io-parser|xmlhttprequest-ssl)/)'],
  moduleNameMapper: {
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@linli/contracts$': path.join(__dirname, '../../contracts/src/index.ts'),
    '\\.(css|scss|less)$': '<rootDir>/test/style-stub.js',
  },
  setupFiles: ['<rootDir>/test/taro-globals.js'],
};
