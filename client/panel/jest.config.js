// Component tests of the staff panel: jsdom + ts-jest, React Testing Library.
module.exports = {
  displayName: 'panel',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
  // Sources are TypeScript; never resolve a stray compiled .js beside them.
  moduleFileExtensions: ['tsx', 'ts', 'js', 'json'],
  setupFiles: ['<rootDir>/test-setup.js'],
  moduleNameMapper: { '\\.(css|less)$': '<rootDir>/test-style-stub.js' },
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        isolatedModules: true,
        tsconfig: { jsx: 'react-jsx', module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, target: 'ES2020', skipLibCheck: true },
      },
    ],
  },
};
