// What each community's bot last said about itself when it polled the feed: its outbox backlog and when it was last heard, for /metrics.
import type { Metrics } from '../../core/metrics';

interface Report {
  depth: number;
  oldestSeconds: number;
  at: number;
}

export class BotHealth {
  private readonly last = new Map<string, Report>();

  constructor(metrics: Metrics, private readonly now = () => Date.now()) {
    const series = (pick: (r: Report) => number) => () =>
      [...this.last].map(([community, r]) => [{ community }, pick(r)] as [{ community: string }, number]);
    metrics.labelledGauge('linli_bot_outbox_depth', "Reports the bot has accepted but the server has not yet (the bot's outbox), at its last poll", ['community'], series((r) => r.depth));
    metrics.labelledGauge('linli_bot_outbox_oldest_seconds', "Age of the oldest job in the bot's outbox at its last poll", ['community'], series((r) => r.oldestSeconds));
    // Grows while the bot cannot reach this node (or is down): the alert a scraper should watch.
    metrics.labelledGauge('linli_bot_last_poll_age_seconds', 'Seconds since the bot last polled its feed on this node', ['community'], series((r) => Math.round((this.now() - r.at) / 1000)));
  }

  report(communityId: string, depth: number, oldestSeconds: number): void {
    this.last.set(communityId, { depth, oldestSeconds, at: this.now() });
  }
}
