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
  // Two suites at a time: a suite spends much of its time waiting (timers, sockets, the browser), so with 2 cores the run
  // took 1,703 s instead of 2,279 s with one (all 165 suites passing both ways). Jest's default here would be one.
  maxWorkers: 2,
  // A worker is replaced once it holds more than this after a test file: one process for every suite grew past Node's
  // 4 GB heap after ~140 suites (the stop-23 rehearsal died of it).
  workerIdleMemoryLimit: '1536MB',
};
