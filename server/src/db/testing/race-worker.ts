// A second Node process for the cross-process locking tests: connects like a server does (connectDb), fires one kind of parallel update and prints what it saw as JSON.
import mongoose from 'mongoose';
import { connectDb } from '../connection';
import { lockedWrite } from '../write-lock';

async function main() {
  const [uri, kind, countArg, id] = process.argv.slice(2);
  const n = Number(countArg);
  const conn = await connectDb(uri!);
  const Counter = conn.model('Counter', new mongoose.Schema({ _id: String, n: Number, status: String, items: [String], group: String }), 'race');
  // Every process starts its burst at the same moment: the parent releases them together through stdin.
  process.stdout.write('ready\n');
  await new Promise((r) => process.stdin.once('data', r));
  const ops = Array.from({ length: n }, (_, i) => {
    if (kind === 'inc') return Counter.findOneAndUpdate({ _id: id }, { $inc: { n: 1 } }, { upsert: true, new: true }).lean();
    if (kind === 'transition') return Counter.findOneAndUpdate({ _id: id, status: 'accepted' }, { $set: { status: `started-by-${process.pid}-${i}` } }, { new: true }).lean();
    if (kind === 'push') return lockedWrite(conn, 'race', { _id: id }, () => conn.db!.collection('race').updateOne({ _id: id as any }, { $push: { items: `${process.pid}-${i}` } as any }));
    if (kind === 'many') return Counter.updateMany({ group: id }, { $inc: { n: 1 } });
    if (kind === 'one') return Counter.updateOne({ _id: id }, { $inc: { n: 1 } });
    throw new Error(`unknown kind ${kind}`);
  });
  const results = await Promise.all(ops);
  const winners = kind === 'transition' ? results.filter((r) => r !== null).length : undefined;
  process.stdout.write(`${JSON.stringify({ done: results.length, winners })}\n`);
  await conn.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
