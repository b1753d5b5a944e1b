// Guards a FerretDB gap: it treats a missing field as absent, not null, in unique indexes (MongoDB indexes it as null), so every unique index must cover only required fields or be sparse — then both engines agree.
import { startTestServer, type TestServer } from '../test-support/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ seed: false });
});
afterAll(() => s?.close());

it('every unique index of every model is sparse or covers required fields only', () => {
  const offenders: string[] = [];
  const models = Object.values(s.app.conn.models);
  expect(models.length).toBeGreaterThan(20);
  for (const model of models) {
    for (const [spec, opts] of model.schema.indexes()) {
      if (!(opts as { unique?: boolean }).unique || (opts as { sparse?: boolean }).sparse) continue;
      for (const field of Object.keys(spec)) {
        if (field === '_id') continue;
        const path = model.schema.path(field) as { isRequired?: boolean } | undefined;
        if (!path?.isRequired) offenders.push(`${model.modelName}.${field}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});
