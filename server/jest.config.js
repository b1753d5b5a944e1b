// Server unit and integration tests (real embedded database, real sockets).
module.exports = {
  displayName: 'server',
  rootDir: __dirname,
  testEnvironment: 'node',
  // TypeScript sources win over any stray compiled .js beside them.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json', 'node'],
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: '<rootDir>/tsconfig.json' }] },
};
