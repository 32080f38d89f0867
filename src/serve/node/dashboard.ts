import type { FastifyInstance } from 'fastify';
import type { TimelineEntry } from '../../../machines/record.js';
import type { RecordFeed } from '../record-feed.js';
import { type AppOptions, denied } from './app.js';
import { DASHBOARD_HTML } from './dashboard-page.js';
import { weightedDiagram } from './diagram.js';

type DashboardOptions = Pick<AppOptions, 'service' | 'access' | 'feed' | 'publicUrl'>;

/** The timelines of every record written, kept as they come, for the weighted diagram. */
class Timelines {
  readonly all: (readonly TimelineEntry[])[] = [];
  private svg: Promise<string> | null = null;
  private drawnFor = -1;

  constructor(feed: RecordFeed) {
    void (async () => {
      for await (const record of feed.read(0, { follow: true })) {
        const timeline = (JSON.parse(record.body) as { timeline?: TimelineEntry[] }).timeline;
        if (Array.isArray(timeline)) this.all.push(timeline);
      }
    })();
  }

  /** The diagram for the records seen so far (drawn again only when there are new ones). */
  diagram(): Promise<string> {
    if (this.svg === null || this.drawnFor !== this.all.length) {
      this.drawnFor = this.all.length;
      this.svg = weightedDiagram(this.all);
    }
    return this.svg;
  }
}

/**
 * `GET /`: a live dashboard (one self-contained page: no external request) of outcome counts and
 * the lifecycle diagram weighted by calls; `GET /dashboard/diagram.svg` is its picture.
 */
export function dashboardRoutes(app: FastifyInstance, options: DashboardOptions): void {
  const timelines = new Timelines(options.feed);
  const appOptions = options as AppOptions;
  app.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'self'; img-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
      )
      .send(DASHBOARD_HTML),
  );
  app.get('/dashboard/diagram.svg', async (request, reply) => {
    const refusal = denied(appOptions, request, reply, 'read');
    if (refusal !== null) return refusal;
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'no-store')
      .send(await timelines.diagram());
  });
}
