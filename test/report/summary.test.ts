import { describe, expect, it } from 'vitest';
import { renderSummaryTable } from '../../src/report/index.js';
import { fixedReport } from './fixed-report.js';

describe('renderSummaryTable', () => {
  it('prints counts and shares per status, sub-status and result code, percentiles and channels, aligned', () => {
    expect(renderSummaryTable(fixedReport())).toMatchInlineSnapshot(`
      "Campaign: 6 calls · 2 channels · seed 42 · profile "fixture"

      Outcome                   Calls    Share
      ANSWERED                      2   33.3 %
        COMPLETE                    1   16.7 %
          HANGUP                    0    0.0 %
          no result code            1   16.7 %
        INCOMPLETE                  1   16.7 %
          HANGUP                    1   16.7 %
          no result code            0    0.0 %
      ABSENT                        3   50.0 %
        BUSY                        1   16.7 %
        NO_ANSWER                   1   16.7 %
        VOICEMAIL_DETECTED          1   16.7 %
          VOICEMAIL_COMPLETE        1   16.7 %
          VOICEMAIL_INCOMPLETE      0    0.0 %
          no result code            0    0.0 %
      ERROR                         1   16.7 %
        BLACKLISTED                 1   16.7 %
        REJECTED                    0    0.0 %
        UNALLOCATED_NUMBER          0    0.0 %
        OTHER                       0    0.0 %
      Total                         6  100.0 %

      Result code           Calls   Share
      HANGUP                    1  16.7 %
      VOICEMAIL_COMPLETE        1  16.7 %
      VOICEMAIL_INCOMPLETE      0   0.0 %
      (none)                    4  66.7 %

      Duration  Calls     p50     p90     p99    Min    Mean     Max
      ring          4   3.2 s  30.0 s  30.0 s  2.3 s  10.1 s  30.0 s
      talk          3  10.0 s  13.0 s  13.0 s  3.0 s   8.7 s  13.0 s
      total         6   6.0 s  31.2 s  31.2 s   0 ms  11.8 s  31.2 s

      Channels: peak 2 of 2 busy, mean 1.8, campaign clock 39.0 s
      Faults: 0 records whose simulation failed (counted as ERROR/OTHER)
      "
    `);
  });

  it('says PARTIAL and how far the campaign got', () => {
    const text = renderSummaryTable(fixedReport({ partial: true, plannedCalls: 10 }));
    expect(text.split('\n').slice(0, 2)).toMatchInlineSnapshot(`
      [
        "Campaign: 6 of 10 calls · 2 channels · seed 42 · profile "fixture"",
        "PARTIAL: the campaign was stopped after 6 of 10 planned calls; every number covers those calls only.",
      ]
    `);
  });

  it('shows a hostile profile name without letting it drive the terminal', () => {
    const text = renderSummaryTable(fixedReport({ profileName: 'evil\u001b[2J\u009b31m\nname' }));
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u009b');
    expect(text.split('\n')[0]).toMatchInlineSnapshot(
      `"Campaign: 6 calls · 2 channels · seed 42 · profile "evil\\u001b[2J\\u009b31m\\nname""`,
    );
  });
});
