import { describe, expect, it } from 'vitest';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { renderHtml } from '../../src/report/index.js';
import { fixedReport } from './fixed-report.js';

const HOSTILE = `</title><script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" 'single' \u2028`;

describe('renderHtml', () => {
  it('escapes hostile labels everywhere they appear', async () => {
    const html = await renderHtml(fixedReport({ profileName: HOSTILE, seed: '<b>seed</b>' }));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>seed');
    expect(html).toContain('&#60;/title&#62;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toContain('&#60;b&#62;seed&#60;/b&#62;');
    expect(html).toContain('\\u2028');
  });

  it('fetches nothing: no src, href, url() or import, and a policy that forbids requests', async () => {
    const html = await renderHtml(fixedReport());
    expect(html).not.toMatch(/\ssrc=|\shref=|url\(|@import/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
  });

  it('shows the diagram with every state and a count on every transition', async () => {
    const html = await renderHtml(fixedReport());
    const graph = callMachineGraph();
    for (const node of graph.nodes.slice(1)) expect(html).toContain(`>${node.key}</text>`);
    expect(html).toContain('carrier.busy ×1');
    expect(html.match(/×\d+/g)?.length).toBeGreaterThanOrEqual(graph.edges.length);
  });

  it('puts a PARTIAL banner on a partial report only', async () => {
    expect(await renderHtml(fixedReport({ partial: true, plannedCalls: 10 }))).toContain(
      '<strong>PARTIAL</strong>The campaign was stopped after 6 of 10 calls',
    );
    expect(await renderHtml(fixedReport())).not.toContain('PARTIAL');
  });
});
