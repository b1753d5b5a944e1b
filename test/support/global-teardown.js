// Stops the embedded FerretDB started by global-setup and removes its temp directory.
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const state = globalThis.__LINLI_DB__;
  if (!state) return;
  await state.db.stop();
  fs.rmSync(state.dir, { recursive: true, force: true });
};
