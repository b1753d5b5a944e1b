// Root jest: one project per workspace that has tests; the database is started once per run (test/global-setup).
const fs = require('node:fs');
const path = require('node:path');

const candidates = ['server', 'bot', 'client/panel', 'client/miniapp', 'test'];
module.exports = {
  projects: candidates
    .map((d) => path.join(__dirname, d, 'jest.config.js'))
    .filter((f) => fs.existsSync(f)),
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 60000,
  // With 2 cores jest would run every suite inside its own process, which grew past Node's 4 GB heap after ~140 suites
  // (the stop-23 rehearsal died of it). A memory limit makes jest use a worker (still one at a time here) and replace
  // it once it holds more than this after a test file.
  workerIdleMemoryLimit: '1536MB',
};
