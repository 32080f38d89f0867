import { describe, expect, it } from 'vitest';
import { callMachineGraph } from '../../src/diagram/call-machine.js';
import { renderMarkdown, renderReport } from '../../src/report/index.js';
import { fixedReport } from './fixed-report.js';

describe('renderMarkdown', () => {
  const text = renderMarkdown(fixedReport());

  it('writes the campaign, outcome, duration and occupancy tables', async () => {
    expect(await renderReport(fixedReport(), 'md')).toBe(text);
    expect(text.slice(0, text.indexOf('## Transitions'))).toMatchInlineSnapshot(`
      "# Campaign report

      | Campaign |  |
      |---|---:|
      | Profile | fixture |
      | Seed | 42 |
      | Channels | 2 |
      | Calls | 6 |
      | Faults (simulation failures, counted as ERROR/OTHER) | 0 |

      ## Outcomes

      | Status | Sub-status | Result code | Calls | Share |
      |---|---|---|---:|---:|
      | ANSWERED | COMPLETE | HANGUP | 0 | 0.0 % |
      | ANSWERED | COMPLETE | – | 1 | 16.7 % |
      | ANSWERED | INCOMPLETE | HANGUP | 1 | 16.7 % |
      | ANSWERED | INCOMPLETE | – | 0 | 0.0 % |
      | ABSENT | BUSY | – | 1 | 16.7 % |
      | ABSENT | NO_ANSWER | – | 1 | 16.7 % |
      | ABSENT | VOICEMAIL_DETECTED | VOICEMAIL_COMPLETE | 1 | 16.7 % |
      | ABSENT | VOICEMAIL_DETECTED | VOICEMAIL_INCOMPLETE | 0 | 0.0 % |
      | ABSENT | VOICEMAIL_DETECTED | – | 0 | 0.0 % |
      | ERROR | BLACKLISTED | – | 1 | 16.7 % |
      | ERROR | REJECTED | – | 0 | 0.0 % |
      | ERROR | UNALLOCATED_NUMBER | – | 0 | 0.0 % |
      | ERROR | OTHER | – | 0 | 0.0 % |
      | **Total** |  |  | **6** | **100.0 %** |

      | Status | Calls | Share |
      |---|---:|---:|
      | ANSWERED | 2 | 33.3 % |
      | ABSENT | 3 | 50.0 % |
      | ERROR | 1 | 16.7 % |

      | Sub-status | Calls | Share |
      |---|---:|---:|
      | ANSWERED/COMPLETE | 1 | 16.7 % |
      | ANSWERED/INCOMPLETE | 1 | 16.7 % |
      | ABSENT/BUSY | 1 | 16.7 % |
      | ABSENT/NO_ANSWER | 1 | 16.7 % |
      | ABSENT/VOICEMAIL_DETECTED | 1 | 16.7 % |
      | ERROR/BLACKLISTED | 1 | 16.7 % |
      | ERROR/REJECTED | 0 | 0.0 % |
      | ERROR/UNALLOCATED_NUMBER | 0 | 0.0 % |
      | ERROR/OTHER | 0 | 0.0 % |

      | Result code | Calls | Share |
      |---|---:|---:|
      | HANGUP | 1 | 16.7 % |
      | VOICEMAIL_COMPLETE | 1 | 16.7 % |
      | VOICEMAIL_INCOMPLETE | 0 | 0.0 % |
      | (none) | 4 | 66.7 % |

      ## Durations

      Ring: from ringing to answer (or to the end of a call never answered). Talk: from answer to the end. Total: from dialing (or the start, for a call never dialed) to the end. Percentiles are nearest-rank, to 100 ms.

      | Duration | Calls | p50 | p90 | p99 | Min | Mean | Max |
      |---|---:|---:|---:|---:|---:|---:|---:|
      | ring | 4 | 3.2 s | 30.0 s | 30.0 s | 2.3 s | 10.1 s | 30.0 s |
      | talk | 3 | 10.0 s | 13.0 s | 13.0 s | 3.0 s | 8.7 s | 13.0 s |
      | total | 6 | 6.0 s | 31.2 s | 31.2 s | 0 ms | 11.8 s | 31.2 s |

      ## Channel occupancy

      Peak **2** of 2 channels busy at once; mean 1.8 over 39.0 s of campaign clock (buckets of 1.0 s).

      \`████████████████████████████████▅▅▅▅▅▅▅\`

      "
    `);
  });

  it('draws the lifecycle as a Mermaid block whose arrows carry their call counts, and lists every transition', () => {
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    expect(mermaid).toContain('stateDiagram-v2');
    expect(mermaid).toContain('carrier.busy ×1');
    expect(mermaid).toContain('voicemail.beep ×1');
    const rows = text.slice(text.indexOf('| From |')).trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(callMachineGraph().edges.length);
    expect(rows).toContain('| ringing | after ringTimeout \\(30 s\\) | noAnswer | 1 | 1 |');
  });

  it('escapes a hostile profile name: no HTML, no link, no cell split', () => {
    const hostile = fixedReport({
      profileName: '| x | <img src=x onerror=alert(1)> [link](http://evil.example) *bold*',
    });
    const line = renderMarkdown(hostile)
      .split('\n')
      .find((row) => row.startsWith('| Profile'));
    expect(line).toMatchInlineSnapshot(
      `"| Profile | \\| x \\| &lt;img src=x onerror=alert\\(1\\)&gt; \\[link\\]\\(http://evil\\.example\\) \\*bold\\* |"`,
    );
    expect(line?.split(/(?<!\\)\|/)).toHaveLength(4);
    expect(line).not.toContain('<img');
    expect(line).not.toContain('](');
  });

  it('says PARTIAL first when the campaign was stopped early', () => {
    expect(renderMarkdown(fixedReport({ partial: true, plannedCalls: 10 })).split('\n')[2]).toMatchInlineSnapshot(
      `"> **PARTIAL**: the campaign was stopped after 6 calls of the 10 planned; every number below covers those calls only."`,
    );
  });
});
