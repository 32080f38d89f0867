import { callMachine } from '../../machines/call.machine.js';
import { callMachineGraph } from '../diagram/call-machine.js';
import { edgeLabel } from '../diagram/labels.js';
import { TIMER_DEFAULTS } from '../../machines/timers.js';
import { OUTCOME_ROWS, outcomeKey } from '../taxonomy/list.js';
import type { CallOutcome } from '../../machines/taxonomy.js';
import { GENERATED_HEADER, type GeneratedDoc } from './generated.js';

/** The machine's final state for each outcome, read from the `meta.outcome` of its final states. */
export function finalStateByOutcome(): Map<string, string> {
  const finals = new Map<string, string>();
  for (const [key, node] of Object.entries(callMachine.root.states)) {
    const outcome = (node.meta as { outcome?: CallOutcome } | undefined)?.outcome;
    if (node.type === 'final' && outcome !== undefined) finals.set(outcomeKey(outcome), key);
  }
  return finals;
}

/** How each final state is reached: `from: event [guard]` for every transition into it, from the machine's graph. */
function waysIn(): Map<string, string[]> {
  const graph = callMachineGraph();
  const ways = new Map<string, string[]>();
  for (const edge of graph.edges) {
    for (const target of edge.targets) {
      const key = target.replace(/^call\./, '');
      const from = edge.source.replace(/^call\.?/, '') || '(any state)';
      ways.set(key, [...(ways.get(key) ?? []), `${from}: ${edgeLabel(edge)}`]);
    }
  }
  return ways;
}

function cell(text: string | null): string {
  return text === null ? '—' : `\`${text}\``;
}

function render(): string {
  const finals = finalStateByOutcome();
  const ways = waysIn();
  const rows = OUTCOME_ROWS.map(({ outcome, meaning, resultMeaning }) =>
    [
      cell(outcome.status),
      cell(outcome.subStatus),
      cell(outcome.resultCode),
      meaning,
      resultMeaning,
      cell(finals.get(outcomeKey(outcome)) ?? null),
    ].join(' | '),
  );
  const reachedBy = OUTCOME_ROWS.map(({ outcome }) => {
    const final = finals.get(outcomeKey(outcome)) ?? '';
    const list = (ways.get(final) ?? []).map((way) => `\`${way.replaceAll('|', '\\|')}\``).join('<br>');
    return `| \`${final}\` | ${outcomeKey(outcome)} | ${list} |`;
  });
  const timers = Object.entries(TIMER_DEFAULTS).map(([name, ms]) => `| \`${name}\` | ${ms} |`);
  return [
    GENERATED_HEADER,
    '',
    '# Call statuses and result codes',
    '',
    'Every call ends with exactly one of these outcomes. The table is `OUTCOME_TABLE` in',
    "`machines/taxonomy.ts`; the `CallOutcome` type, `parseOutcome`, this page and the machine's final",
    'states are all derived from it. The taxonomy comes from the carrier help article "Call Statuses"',
    "(CALLR); which result code goes with which sub-status is this project's reading of it.",
    '',
    '| status | sub-status | result code | the call | the result code | final state |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
    `${OUTCOME_ROWS.length} valid outcomes. Any other combination is rejected by \`parseOutcome\` and does not`,
    "compile as a `CallOutcome`. The choices behind the machine's semantics are in",
    '[semantics.md](semantics.md).',
    '',
    '## How each outcome is reached',
    '',
    'Every transition into each final state, read from the machine (`state: event [guard]`):',
    '',
    '| final state | outcome | reached from |',
    '| --- | --- | --- |',
    ...reachedBy,
    '',
    '## Timer defaults (ms)',
    '',
    '| timer | default |',
    '| --- | --- |',
    ...timers,
    '',
  ].join('\n');
}

export const statusesDoc: GeneratedDoc = { path: 'docs/statuses.md', render };
