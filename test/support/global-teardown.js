// Stops the embedded FerretDB started by global-setup and removes its temp directory.
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const db = globalThis.__LINLI_DB__;
  if (!db) return;
  await new Promise((resolve) => {
    if (db.child.exitCode !== null) return resolve();
    const t = setTimeout(() => db.child.kill('SIGKILL'), 5000);
    db.child.once('exit', () => (clearTimeout(t), resolve()));
    db.child.kill('SIGTERM');
  });
  fs.rmSync(db.dir, { recursive: true, force: true });
};
