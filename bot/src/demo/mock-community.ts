// A simulated community WeChat group on wechaty-puppet-mock: the bot account, a few residents, and a transcript of what was said (demo mode and tests).
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { FileBox } from 'file-box';
import { DEMO_CONTACT_IDS } from '@linli/contracts';

export interface Said {
  at: number;
  from: string;
  fromId: string;
  text: string;
  /** Room id, or undefined for a private message. */
  roomId?: string;
  /** For private messages: who received it. */
  toId?: string;
  type: number;
}

export interface MockCommunity {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  botContact: mock.ContactMock;
  room: mock.RoomMock;
  residents: Map<string, mock.ContactMock>;
  said: Said[];
  /** A resident (created on first use and added to the group) says text, in the group or privately to the bot. */
  say(name: string, text: string, opts?: { private?: boolean }): void;
  /** A resident sends a voice clip (SILK or MP3 bytes). */
  sayVoice(name: string, audio: Buffer, opts?: { private?: boolean }): void;
  /** Logs the bot in (the mock never emits ready by itself). */
  login(): void;
  /** Resolves with the first message (said after `since`) matching the predicate. */
  waitFor(pred: (s: Said) => boolean, timeoutMs?: number, since?: number): Promise<Said>;
}

export function createMockCommunity(o: { botName?: string; topic?: string; residents?: string[] } = {}): MockCommunity {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const botContact = mocker.createContact({ name: o.botName ?? '社区小助手' });
  const residents = new Map<string, mock.ContactMock>();
  // The demo's members keep fixed contact ids (like a real puppet's), so the demo seed's binding of 王奶奶 holds.
  const contact = (name: string) => mocker.createContact({ name, ...(DEMO_CONTACT_IDS[name] ? { id: DEMO_CONTACT_IDS[name] } : {}) });
  for (const n of o.residents ?? ['王奶奶', '李大爷']) residents.set(n, contact(n));
  const room = mocker.createRoom({
    topic: o.topic ?? '北门社区居民群',
    memberIdList: [botContact.id, ...[...residents.values()].map((c) => c.id)],
  });
  const said: Said[] = [];
  const seen = new Set<string>();
  const record = (m: { payload: { id: string; talkerId?: string; text?: string; roomId?: string; listenerId?: string; type: number } }) => {
    const p = m.payload;
    if (seen.has(p.id)) return;
    seen.add(p.id);
    const from = p.talkerId ? mocker.contactPayload(p.talkerId)?.name ?? p.talkerId : '';
    said.push({ at: Date.now(), from, fromId: p.talkerId ?? '', text: p.text ?? '', roomId: p.roomId, toId: p.listenerId, type: p.type });
    if (said.length > 2000) said.splice(0, said.length - 1000); // a long-running demo keeps the recent conversation
  };
  room.on('message', record as never);
  const watchContact = (c: mock.ContactMock) => c.on('message', record as never);
  for (const c of residents.values()) watchContact(c);

  const resident = (name: string) => {
    let c = residents.get(name);
    if (!c) {
      c = contact(name);
      residents.set(name, c);
      watchContact(c);
      room.add(c).by(botContact);
    }
    return c;
  };

  return {
    mocker,
    puppet,
    botContact,
    room,
    residents,
    said,
    say(name, text, opts) {
      const c = resident(name);
      c.say(text).to(opts?.private ? botContact : room);
    },
    sayVoice(name, audio, opts) {
      const c = resident(name);
      // `.sil` makes the mock deliver an Audio message; only base64 boxes cross the mock.
      c.say(FileBox.fromBase64(audio.toString('base64'), 'voice.sil')).to(opts?.private ? botContact : room);
    },
    login() {
      mocker.login(botContact);
      puppet.emit('ready' as never, { data: 'ready' } as never);
    },
    waitFor(pred, timeoutMs = 10_000, since = 0) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const tick = () => {
          const hit = said.find((s) => s.at >= since && pred(s));
          if (hit) return resolve(hit);
          if (Date.now() > deadline) {
            const tail = said.slice(-8).map((s) => `${s.from}: ${s.text}`).join('\n');
            return reject(new Error(`timed out waiting for a message; last said:\n${tail}`));
          }
          setTimeout(tick, 25);
        };
        tick();
      });
    },
  };
}
