import { formatDuration } from './duration.js';
import { mermaidText, mermaidTitle } from './escape.js';
import type { Ladder } from './ladder.js';

/**
 * The ladder as a Mermaid `sequenceDiagram`: one arrow per message (`--x` dashed for an ignored
 * one), the time first, and a note on the platform naming the state the call machine entered.
 *
 * @example
 * ladderToMermaid(callLadder(record, scenario.events)).startsWith('---'); // → true
 */
export function ladderToMermaid(
  ladder: Ladder,
  title = `call ${ladder.callId}: ${ladder.outcome} after ${formatDuration(ladder.endedAt)}`,
): string {
  const lines = ['---', `title: ${mermaidTitle(title)}`, '---', 'sequenceDiagram'];
  for (const party of ladder.parties) lines.push(`  participant ${party.id} as ${mermaidText(party.label)}`);
  for (const message of ladder.messages) {
    const arrow = message.ignored ? '--x' : '->>';
    const text = `${formatDuration(message.at)} · ${message.label}${message.ignored ? ' (ignored)' : ''}`;
    lines.push(`  ${message.from}${arrow}${message.to}: ${mermaidText(text)}`);
    const [rest, ...via] = message.states;
    if (rest !== undefined)
      lines.push(
        `  Note right of platform: ${mermaidText(`→ ${rest}${via.length > 0 ? ` (via ${via.reverse().join(', ')})` : ''}`)}`,
      );
  }
  const first = ladder.parties[0]?.id ?? 'platform';
  const last = ladder.parties[ladder.parties.length - 1]?.id ?? first;
  lines.push(
    `  Note over ${first},${last}: ${mermaidText(`${ladder.outcome} after ${formatDuration(ladder.endedAt)}`)}`,
  );
  return `${lines.join('\n')}\n`;
}
