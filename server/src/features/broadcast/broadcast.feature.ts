// The broadcast feature's face (智慧广播): notices, alerts and staff speak through the estate's speakers; plays on persisted timers, outcomes in the notifications ledger.
import { on } from '../../core/feature';
import type { DomainEvents } from '../events';
import type { FeatureCore, LinliFace } from '../feature-core';
import { speakerServerUsername } from '../devices/device.broker';
import type { DevicesApi } from '../devices/device.service';
import type { NotificationsApi } from '../notifications/notifications.feature';
import type { UploadsApi } from '../uploads/upload.service';
import { BroadcastRepository } from './broadcast.repository';
import { broadcastRoutes } from './broadcast.routes';
import { BroadcastService, PLAY_TIMER_KIND } from './broadcast.service';
import { SimulatedSpeakers } from './broadcast.simulated';
import { MqttSpeakers, NoSpeakers, type SpeakerTransport } from './broadcast.transport';
import { EspeakTts, NoTts, TencentTts, type Synthesizer } from './broadcast.tts';

export interface BroadcastNeeds {
  devices: DevicesApi;
  uploads: UploadsApi;
  notifications: NotificationsApi;
}

function transportFor(core: FeatureCore): SpeakerTransport {
  const { config, log } = core;
  const kind = config.BROADCAST_TRANSPORT === 'auto' ? (config.MQTT_URL ? 'mqtt' : config.LINLI_MODE === 'demo' ? 'simulated' : 'none') : config.BROADCAST_TRANSPORT;
  if (kind === 'simulated') return new SimulatedSpeakers(log);
  if (kind === 'mqtt' && config.MQTT_URL) {
    const username = config.MQTT_USERNAME ?? `linli-server-${config.COMMUNITY_ID}`;
    const speakersUser = speakerServerUsername(username);
    return new MqttSpeakers(log, {
      url: config.MQTT_URL,
      // Its own account and client id: sharing the alerts connection's would take over that session.
      clientId: config.MQTT_CLIENT_ID ? `${config.MQTT_CLIENT_ID}.speakers` : speakersUser,
      credentials: config.MQTT_PASSWORD ? { username: speakersUser, password: config.MQTT_PASSWORD } : undefined,
      communityIds: [config.COMMUNITY_ID],
    });
  }
  return new NoSpeakers();
}

function synthesizerFor(core: FeatureCore): Synthesizer {
  const { config } = core;
  const tencent = new TencentTts(config);
  if (config.BROADCAST_TTS === 'tencent' || (config.BROADCAST_TTS === 'auto' && tencent.configured)) return tencent;
  const espeak = new EspeakTts();
  // The demo speaks without cloud keys; tests and production never fall back to it unless asked.
  const demo = config.LINLI_MODE === 'demo' && config.NODE_ENV !== 'test';
  if (config.BROADCAST_TTS === 'espeak' || (config.BROADCAST_TTS === 'auto' && demo && espeak.configured)) return espeak;
  return new NoTts();
}

export function broadcastFeature(core: FeatureCore, needs: BroadcastNeeds): LinliFace<BroadcastService> {
  const { config, log, scheduler } = core;
  const transport = transportFor(core);
  const broadcasts = new BroadcastService({
    repo: new BroadcastRepository(core.conn),
    scheduler,
    log,
    tts: synthesizerFor(core),
    transport,
    uploads: needs.uploads,
    devices: needs.devices,
    ledger: needs.notifications.speakers,
    quietHours: config.BROADCAST_QUIET_HOURS,
    audioBase: (config.BROADCAST_AUDIO_BASE_URL ?? config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, ''),
  });
  return {
    name: 'broadcast',
    api: broadcasts,
    routes: broadcastRoutes(broadcasts, core.rateLimits),
    emits: [],
    subscriptions: [
      on<DomainEvents, 'notice.published'>('notice.published', ({ notice }) => broadcasts.fromNotice(notice)),
      on<DomainEvents, 'alert.raised'>('alert.raised', ({ alert }) => broadcasts.announce(alert)),
      on<DomainEvents, 'alert.updated'>('alert.updated', ({ alert }) =>
        alert.status === 'resolved' && alert.audience === 'public' ? broadcasts.onAlertResolved(alert.communityId, String(alert._id)) : undefined,
      ),
    ],
    timers: [{ kind: PLAY_TIMER_KIND, fire: (job) => broadcasts.onPlayDue(job) }],
    start: () =>
      transport.start((c, s, msg) => {
        broadcasts.onStatus(c, s, msg).catch((err) => log.warn({ err, speakerId: s }, 'speaker status not recorded'));
      }),
    stop: () => transport.stop(),
  };
}
