import { formatDuration } from './duration.js';
import type { GraphEdge, GraphNode } from './types.js';

/**
 * The text of a transition as people read it: the event, `[guard]`, `after 30 s` (or
 * `after ringTimeout (30 s)` for a named delay), `[else]` for the unguarded fallback after guarded
 * alternatives, `done: fetchUser`, and `/ actions` for a targetless transition (it only acts).
 *
 * @example
 * edgeLabel(graph.edges.find((edge) => edge.id === 'call.ringing/after:ringTimeout/0')!); // → 'after ringTimeout (30 s)'
 */
export function edgeLabel(edge: GraphEdge): string {
  const parts: string[] = [];
  const trigger = triggerText(edge);
  if (trigger !== '') parts.push(trigger);
  if (edge.guard !== null) parts.push(`[${edge.guard}]`);
  else if (edge.order > 0) parts.push('[else]');
  if (parts.length === 0) parts.push('always');
  if (edge.reenter) parts.push('(reenter)');
  if (edge.targets.length === 0) parts.push(`/ ${edge.actions.length === 0 ? 'nothing' : edge.actions.join(', ')}`);
  return parts.join(' ');
}

function triggerText(edge: GraphEdge): string {
  switch (edge.kind) {
    case 'always':
      return '';
    case 'after':
      return `after ${delayText(edge)}`;
    case 'done':
    case 'error':
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

/**
 * The lines drawn inside a state: its name, the outcome it declares (`ABSENT / NO_ANSWER`), the
 * actors it invokes, and `H`/`H*` for a history state.
 */
export function nodeLines(node: GraphNode): string[] {
  if (node.type === 'history') return [node.history === 'deep' ? 'H*' : 'H', node.label];
  const lines = [node.label];
  const outcome = nodeOutcome(node);
  if (outcome !== null) lines.push(outcome.parts.join(' / '));
  for (const src of node.invokes) lines.push(`invoke ${src}`);
  return lines;
}
