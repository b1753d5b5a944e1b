// Pending 「请问是几号楼几单元？」 questions survive a bot restart (a new store on the same data dir) and expire.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { conversationKey, PlaceAsks } from './ask-place';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-asks-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('a question asked before a restart is still pending after it, until answered', () => {
  const key = conversationKey({ roomId: 'room@chatroom', contactId: 'wx-1' });
  new PlaceAsks(dir).ask(key, { id: 'T1', no: 'BM-000001' });
  const after = new PlaceAsks(dir);
  expect(after.pending(key)).toMatchObject({ ticketId: 'T1', ticketNo: 'BM-000001' });
  expect(after.pending(conversationKey({ contactId: 'wx-1' }))).toBeUndefined(); // the private chat is another conversation
  after.done(key);
  expect(new PlaceAsks(dir).pending(key)).toBeUndefined();
});

it('questions expire, and expired ones are dropped from the journal', () => {
  const asks = new PlaceAsks(dir, 1000);
  asks.ask('a', { id: 'T1', no: 'BM-000001' }, 0);
  expect(asks.pending('a', 999)).toBeDefined();
  expect(asks.pending('a', 1000)).toBeUndefined();
  asks.ask('b', { id: 'T2', no: 'BM-000002' }, 5000);
  expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'place-asks.json'), 'utf8')))).toEqual(['b']);
});

it('an unreadable journal starts empty instead of stopping the bot', () => {
  fs.writeFileSync(path.join(dir, 'place-asks.json'), '{not json');
  expect(new PlaceAsks(dir).pending('a')).toBeUndefined();
});
