// Baseline for the notice fan-out bench: a bare Socket.io server (same options as Linli's) that broadcasts a given payload to one room.
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer((req, res) => {
  if (req.url === '/api/health') {
    res.end('{"ok":true}');
    return;
  }
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      io.to('residents').emit('notice:published', payload);
      res.end('{"ok":true}');
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});
const io = new Server(server, { path: '/socket.io', maxHttpBufferSize: 64 * 1024, pingInterval: 25_000, pingTimeout: 20_000 });
io.on('connection', (s) => void s.join('residents'));
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
