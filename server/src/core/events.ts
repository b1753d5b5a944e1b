// In-process domain event bus, typed by the event map the features compose: services emit, transports (sockets, bot queue, SMS, …) subscribe.
import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

export class EventBus<E extends object> {
  private readonly ee = new EventEmitter();
  constructor(
    private readonly log: Logger,
    private readonly metrics?: Metrics,
  ) {
    this.ee.setMaxListeners(100);
  }

  emit<K extends keyof E & string>(name: K, payload: E[K]): void {
    this.ee.emit(name, payload);
  }

  /** Subscribers run after the emitting request's write; their failures are logged, never thrown back. */
  on<K extends keyof E & string>(name: K, handler: (payload: E[K]) => void | Promise<void>): () => void {
    const wrapped = (payload: E[K]) => {
      const done = this.metrics?.subscriberDuration.startTimer({ event: name });
      try {
        const r = handler(payload);
        if (r && typeof (r as Promise<void>).catch === 'function') {
          (r as Promise<void>).catch((err) => this.log.error({ err, event: name }, 'event subscriber failed')).finally(() => done?.());
          return;
        }
      } catch (err) {
        this.log.error({ err, event: name }, 'event subscriber failed');
      }
      done?.();
    };
    this.ee.on(name, wrapped);
    return () => this.ee.off(name, wrapped);
  }

  /** Subscribers currently registered for an event (the "no dead-end events" check reads it). */
  listenerCount(name: keyof E & string): number {
    return this.ee.listenerCount(name);
  }

  removeAll(): void {
    this.ee.removeAllListeners();
  }
}
