// Bot tests: real wechaty + wechaty-puppet-mock against the real server booted in-process (server/src/test-support).
// Only the SILK decode check needs NODE_OPTIONS=--experimental-vm-modules (npm test sets it); it is skipped without it.
module.exports = {
  displayName: 'bot',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  // .ts before .js: a stray compiled .js beside a source (someone running tsc with emit) must never shadow it.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json', 'node'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: '<rootDir>/tsconfig.json' }] },
};
