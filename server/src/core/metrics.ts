// Prometheus metrics of one app instance (prom-client): its own registry, so tests can run several apps in one process; features add theirs through it.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  /** Request latency by route pattern (never the raw path: ids would make a series per ticket). */
  readonly httpDuration = new Histogram({
    name: 'linli_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** How late a timer's handler starts after its due time (a busy node or one that was down fires late). */
  readonly timerLag = new Histogram({
    name: 'linli_timer_lag_seconds',
    help: 'Delay between a timer coming due and its handler starting, by timer kind',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600],
    registers: [this.registry],
  });
  /** How long event subscribers take (sync and async part): a slow transport shows here before it shows anywhere else. */
  readonly subscriberDuration = new Histogram({
    name: 'linli_event_subscriber_seconds',
    help: 'Time a domain-event subscriber takes, by event',
    labelNames: ['event'] as const,
    buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 2.5, 10],
    registers: [this.registry],
  });

  /** Process metrics (CPU, memory, event-loop lag, GC, handles) — for the real server process only: they install process-wide monitors. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge read when scraped. */
  gauge(name: string, help: string, read: () => number | Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** A gauge with labels, read when scraped: `read` gives every series as [labels, value]; series it leaves out disappear. */
  labelledGauge<L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Array<[Partial<Record<L, string>>, number]>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [labels, value] of read()) this.set(labels, value);
      },
    });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
