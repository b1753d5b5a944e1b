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
};
