import { formatDuration } from './duration.js';
import type { GraphEdge, GraphNode } from './types.js';

/**
 * The text of a transition as people read it: the event, `[guard]`, `after 30 s` (or
 * `after ringTimeout (30 s)` for a named delay), `[else]` for the unguarded fallback after guarded
 * alternatives, `done: fetchUser`, and `/ actions` for a targetless transition (it only acts). With
 * `details`, every transition shows its actions after `/`, and its description on a line below.
 *
 * @example
 * edgeLabel(graph.edges.find((edge) => edge.id === 'call.ringing/after:ringTimeout/0')!); // → 'after ringTimeout (30 s)'
 */
export function edgeLabel(edge: GraphEdge, details = false): string {
  const parts: string[] = [];
  const trigger = triggerText(edge);
  if (trigger !== '') parts.push(trigger);
  if (edge.guard !== null) parts.push(`[${edge.guard}]`);
  else if (edge.order > 0) parts.push('[else]');
  if (parts.length === 0) parts.push('always');
  if (edge.reenter) parts.push('(reenter)');
  if (edge.targets.length === 0) parts.push(`/ ${edge.actions.length === 0 ? 'nothing' : edge.actions.join(', ')}`);
  else if (details && edge.actions.length > 0) parts.push(`/ ${edge.actions.join(', ')}`);
  const line = parts.join(' ');
  return details && edge.description !== null ? `${line}\n${wrap(edge.description)}` : line;
}

function triggerText(edge: GraphEdge): string {
  switch (edge.kind) {
    case 'always':
      return '';
    case 'after':
      return `after ${delayText(edge)}`;
    case 'done':
    case 'error':
    case 'snapshot':
      return edge.trigger.replace(':', ': ');
    case 'event':
      return edge.trigger;
  }
}

function delayText(edge: GraphEdge): string {
  if (edge.delayName === null) return edge.delayMs === null ? '?' : formatDuration(edge.delayMs);
  return edge.delayMs === null ? edge.delayName : `${edge.delayName} (${formatDuration(edge.delayMs)})`;
}

/** The outcome a terminal state declares in `meta.outcome` (`status` is required), if any. */
export function nodeOutcome(node: GraphNode): { status: string; parts: string[] } | null {
  const outcome = node.meta?.outcome;
  if (typeof outcome !== 'object' || outcome === null) return null;
  const { status, subStatus, resultCode } = outcome as Record<string, unknown>;
  if (typeof status !== 'string') return null;
  const parts = [status, subStatus, resultCode].filter((part): part is string => typeof part === 'string');
  return { status, parts };
}

/** Descriptions are wrapped at about this many characters so that a box stays narrow. */
const WRAP_AT = 36;

/** Words joined into lines of at most `WRAP_AT` characters (a longer word keeps its own line). */
function wrap(text: string): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((part) => part !== '')) {
      if (line !== '' && line.length + 1 + word.length > WRAP_AT) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/**
 * The lines drawn inside a state: its name, the outcome it declares (`ABSENT / NO_ANSWER`), the
 * actors it invokes, and `H`/`H*` for a history state. With `details`: its tags, entry and exit
 * actions, and its description (wrapped).
 */
export function nodeLines(node: GraphNode, details = false): string[] {
  if (node.type === 'history') return [node.history === 'deep' ? 'H*' : 'H', node.label];
  const lines = [node.label];
  const outcome = nodeOutcome(node);
  if (outcome !== null) lines.push(outcome.parts.join(' / '));
  for (const src of node.invokes) lines.push(`invoke ${src}`);
  if (!details) return lines;
  if (node.tags.length > 0) lines.push(`tags: ${node.tags.join(', ')}`);
  if (node.entry.length > 0) lines.push(`entry / ${node.entry.join(', ')}`);
  if (node.exit.length > 0) lines.push(`exit / ${node.exit.join(', ')}`);
  if (node.description !== null) lines.push(...wrap(node.description).split('\n'));
  return lines;
}
