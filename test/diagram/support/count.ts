import type { AnyStateMachine } from 'xstate';

interface NodeLike {
  readonly key: string;
  readonly states: Record<string, NodeLike>;
  readonly transitions: Map<string, readonly unknown[]>;
  readonly always?: readonly unknown[];
}

/**
 * Counts a machine's states and transitions straight from `machine.root`, independently of the
 * exporter: every `transitions` entry (which already holds `after` and `onDone`) plus `always`.
 */
export function countFromRoot(machine: AnyStateMachine): { states: string[]; transitions: number } {
  const states: string[] = [];
  let transitions = 0;
  const visit = (node: NodeLike, isRoot: boolean): void => {
    if (!isRoot) states.push(node.key);
    for (const list of node.transitions.values()) transitions += list.length;
    transitions += node.always?.length ?? 0;
    for (const child of Object.values(node.states)) visit(child, false);
  };
  visit(machine.root as unknown as NodeLike, true);
  return { states, transitions };
}
