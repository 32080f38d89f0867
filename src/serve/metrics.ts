/** Request latency buckets in seconds: fine below 25 ms, where an acknowledgement should be. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

type Labels = Readonly<Record<string, string>>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  // Label values are almost always plain: escape only when there is something to escape.
  const escaped = (value: string) =>
    /[\\\n"]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"') : value;
  return `{${entries.map(([name, value]) => `${name}="${escaped(value)}"`).join(',')}}`;
}

class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [labels, value] of [...this.values].sort()) lines.push(`${this.name}${labels} ${value}`);
    return lines;
  }
}

class Histogram {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  observe(labels: Labels, seconds: number): void {
    const key = labelText(labels);
    let entry = this.series.get(key);
    if (entry === undefined) {
      entry = { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    // Cumulative buckets (Prometheus' `le`): every bucket at or above the value counts it.
    for (let index = LATENCY_BUCKETS.length - 1; index >= 0 && seconds <= (LATENCY_BUCKETS[index] ?? 0); index--)
      entry.buckets[index] = (entry.buckets[index] ?? 0) + 1;
    entry.sum += seconds;
    entry.count += 1;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [labels, entry] of [...this.series].sort()) {
      const inner = labels === '' ? '' : `${labels.slice(1, -1)},`;
      for (const [index, bound] of LATENCY_BUCKETS.entries())
        lines.push(`${this.name}_bucket{${inner}le="${bound}"} ${entry.buckets[index]}`);
      lines.push(`${this.name}_bucket{${inner}le="+Inf"} ${entry.count}`);
      lines.push(`${this.name}_sum${labels} ${entry.sum}`, `${this.name}_count${labels} ${entry.count}`);
    }
    return lines;
  }
}

/**
 * What `/metrics` shows, in the Prometheus text exposition format (version 0.0.4):
 * https://prometheus.io/docs/instrumenting/exposition_formats/
 *
 * @example
 * const metrics = new ServeMetrics();
 * metrics.callbacks.inc({ source: 'twilio', result: 'stored' });
 * metrics.render(() => 3); // → '# HELP call_lifecycle_callbacks_total …'
 */
export class ServeMetrics {
  readonly callbacks = new Counter('call_lifecycle_callbacks_total', 'Callbacks received, by source and result.');
  readonly ended = new Counter(
    'call_lifecycle_calls_ended_total',
    'Calls ended, by status, sub-status and result code (or error for a log without an outcome).',
  );
  readonly events = new Counter(
    'call_lifecycle_events_total',
    "Events in ended calls' records: applied (timeline steps) and ignored (late, duplicate, out of order).",
  );
  readonly latency = new Histogram('call_lifecycle_request_duration_seconds', 'HTTP request latency, by route.');

  /** Counts a written record (its JSON line) in the outcome and event counters. */
  recordEnded(body: string): void {
    const record = JSON.parse(body) as {
      status?: string;
      subStatus?: string;
      resultCode?: string | null;
      error?: string;
      timeline?: unknown[];
      ignoredEvents?: unknown[];
    };
    if (record.status === undefined) {
      this.ended.inc({ status: 'none', sub_status: 'none', result_code: 'none', error: record.error ?? 'unknown' });
      return;
    }
    this.ended.inc({
      status: record.status,
      sub_status: record.subStatus ?? 'none',
      result_code: record.resultCode ?? 'none',
      error: 'none',
    });
    this.events.inc({ kind: 'applied' }, record.timeline?.length ?? 0);
    this.events.inc({ kind: 'ignored' }, record.ignoredEvents?.length ?? 0);
  }

  render(liveCalls: number): string {
    const live = [
      '# HELP call_lifecycle_live_calls Calls this process is timing that have not ended.',
      '# TYPE call_lifecycle_live_calls gauge',
      `call_lifecycle_live_calls ${liveCalls}`,
    ];
    return `${[...live, ...this.callbacks.render(), ...this.ended.render(), ...this.events.render(), ...this.latency.render()].join('\n')}\n`;
  }
}
