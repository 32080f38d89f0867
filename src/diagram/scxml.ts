import { encodeXmlName, scxmlEventToken, xmlText } from './escape.js';
import { nodeOutcome } from './labels.js';
import type { GraphEdge, GraphNode, MachineGraph } from './types.js';

/** The namespace of the attributes that keep what SCXML cannot say (a name that needed encoding, a delay's name). */
export const SCXML_EXTENSION_NS = 'urn:call-lifecycle:diagram';

/**
 * The `type` of an `<invoke>` of XState logic: SCXML names the kind of invoked process by a URI
 * (§6.4); an SCXML processor cannot run XState logic, so the type says what it is, not how to run it.
 */
export const SCXML_XSTATE_INVOKE_TYPE = 'urn:call-lifecycle:xstate-actor';

const DONE_STATE = 'xstate.done.state.';
const DONE_ACTOR = 'xstate.done.actor.';
const ERROR_ACTOR = 'xstate.error.actor.';
const SNAPSHOT = 'xstate.snapshot.';

/** An invocation's id as an XML name: XState's generated ids (`0.m.loading`) start with a digit. */
function invokeXmlId(id: string): string {
  return id
    .split('.')
    .map((segment, index) => encodeXmlName(segment, { first: index === 0 }))
    .join('.');
}

/**
 * The machine as W3C SCXML: `<state>`, `<parallel>`, `<final>`, `<history>` (with its default
 * `<transition>`, which SCXML 1.0 §3.10 requires), `<invoke>` for each invoked actor, and
 * transitions with `event`, `cond` (the readable guard) and `target`; an `always` is an eventless
 * transition; an `after` is a `<send delay>` in `<onentry>`, cancelled in `<onexit>`, and a
 * transition on the event it sends. An actor's `onDone` is a transition on SCXML's
 * `done.invoke.<invokeid>` (§6.4), its `onError` on `error.invoke.<invokeid>`. Event names keep
 * letters, digits, `_` and `-` as written (SCXML allows them); ids are XML names
 * (`encodeXmlName`, reversible); where encoding changed a name the original is kept in a
 * `cl:name` / `cl:event` attribute of namespace `SCXML_EXTENSION_NS`, as are actions, tags and
 * descriptions (`cl:entry`, `cl:exit`, `cl:actions`, `cl:tags`, `cl:description`).
 *
 * @example
 * const xml = toScxml(machineGraph(callMachine));
 * xml.includes('<final id="call.noAnswer"'); // → true
 */
export function toScxml(graph: MachineGraph): string {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const xmlId = new Map(
    graph.nodes.map((node) => [
      node.id,
      [graph.machineId, ...node.path].map((key, index) => encodeXmlName(key, { first: index === 0 })).join('.'),
    ]),
  );
  const idOf = (id: string): string => xmlId.get(id) ?? '_x_';
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);

  const eventName = (edge: GraphEdge): string => {
    const event = edge.event ?? '';
    if (event.startsWith(DONE_STATE)) return `done.state.${idOf(event.slice(DONE_STATE.length))}`;
    if (event.startsWith(DONE_ACTOR)) return `done.invoke.${invokeXmlId(event.slice(DONE_ACTOR.length))}`;
    if (event.startsWith(ERROR_ACTOR)) return `error.invoke.${invokeXmlId(event.slice(ERROR_ACTOR.length))}`;
    if (edge.kind === 'snapshot') return `xstate.snapshot.${invokeXmlId(event.slice(SNAPSHOT.length))}`;
    return event.split('.').map(scxmlEventToken).join('.');
  };

  const transition = (edge: GraphEdge, indent: string): string => {
    const attributes: string[] = [];
    const event = edge.kind === 'always' ? null : eventName(edge);
    if (event !== null) attributes.push(`event="${event}"`);
    if (edge.kind !== 'always' && edge.event !== null && event !== edge.event)
      attributes.push(`cl:event="${xmlText(edge.event)}"`);
    if (edge.guard !== null) attributes.push(`cond="${xmlText(edge.guard)}"`);
    if (edge.targets.length > 0) attributes.push(`target="${edge.targets.map(idOf).join(' ')}"`);
    const internal =
      !edge.reenter && edge.targets.length > 0 && edge.targets.every((target) => target.startsWith(`${edge.source}.`));
    if (internal) attributes.push('type="internal"');
    if (edge.actions.length > 0) attributes.push(`cl:actions="${xmlText(edge.actions.join(', '))}"`);
    if (edge.description !== null) attributes.push(`cl:description="${xmlText(edge.description)}"`);
    return `${indent}<transition ${attributes.join(' ')}/>`;
  };

  const emit = (node: GraphNode, indent: string): string[] => {
    const element =
      node.type === 'parallel'
        ? 'parallel'
        : node.type === 'final'
          ? 'final'
          : node.type === 'history'
            ? 'history'
            : 'state';
    const attributes = [`id="${idOf(node.id)}"`];
    if (encodeXmlName(node.key, { first: node.parent === null }) !== node.key)
      attributes.push(`cl:name="${xmlText(node.key)}"`);
    if (node.initial !== null) attributes.push(`initial="${idOf(node.initial)}"`);
    if (node.history !== null) attributes.push(`type="${node.history}"`);
    const outcome = nodeOutcome(node);
    if (outcome !== null) attributes.push(`cl:outcome="${xmlText(outcome.parts.join(' / '))}"`);
    if (node.entry.length > 0) attributes.push(`cl:entry="${xmlText(node.entry.join(', '))}"`);
    if (node.exit.length > 0) attributes.push(`cl:exit="${xmlText(node.exit.join(', '))}"`);
    if (node.tags.length > 0) attributes.push(`cl:tags="${xmlText(node.tags.join(' '))}"`);
    if (node.description !== null) attributes.push(`cl:description="${xmlText(node.description)}"`);
    const body: string[] = [];
    const inner = `${indent}  `;
    const edges = outgoing.get(node.id) ?? [];
    const delayed = edges.filter((edge) => edge.kind === 'after' && edge.order === 0);
    if (delayed.length > 0) {
      body.push(`${inner}<onentry>`);
      for (const edge of delayed)
        body.push(`${inner}  ${sendElement(edge, eventName(edge), sendId(idOf(node.id), edge))}`);
      body.push(`${inner}</onentry>`, `${inner}<onexit>`);
      for (const edge of delayed) body.push(`${inner}  <cancel sendid="${sendId(idOf(node.id), edge)}"/>`);
      body.push(`${inner}</onexit>`);
    }
    for (const edge of edges) body.push(transition(edge, inner));
    if (node.type === 'history' && node.historyTarget.length > 0)
      body.push(`${inner}<transition target="${node.historyTarget.map(idOf).join(' ')}"/>`);
    for (const { id, src } of node.invocations)
      body.push(
        `${inner}<invoke id="${invokeXmlId(id)}" type="${SCXML_XSTATE_INVOKE_TYPE}" src="${xmlText(src)}"${invokeXmlId(id) === id ? '' : ` cl:name="${xmlText(id)}"`}/>`,
      );
    for (const child of node.children) {
      const childNode = byId.get(child);
      if (childNode !== undefined) body.push(...emit(childNode, inner));
    }
    if (body.length === 0) return [`${indent}<${element} ${attributes.join(' ')}/>`];
    return [`${indent}<${element} ${attributes.join(' ')}>`, ...body, `${indent}</${element}>`];
  };

  const root = byId.get(graph.root);
  if (root === undefined) throw new Error('bug: the graph has no root node');
  const rootAttributes = [
    `xmlns="http://www.w3.org/2005/07/scxml"`,
    `xmlns:cl="${SCXML_EXTENSION_NS}"`,
    'version="1.0"',
    `name="${xmlText(graph.machineId)}"`,
  ];
  // The root is the <scxml> element; when the root itself has transitions (a `*` catch-all, say),
  // invocations, actions or no child at all, it becomes one top-level <state> so that they keep
  // their meaning.
  const wrapped =
    (outgoing.get(root.id) ?? []).length > 0 ||
    root.invocations.length > 0 ||
    root.entry.length > 0 ||
    root.exit.length > 0 ||
    root.children.length === 0;
  const top = wrapped ? [root] : root.children.map((child) => byId.get(child)).filter((child) => child !== undefined);
  const initial = wrapped ? root.id : root.initial;
  if (initial !== null) rootAttributes.push(`initial="${idOf(initial)}"`);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scxml ${rootAttributes.join(' ')}>`,
    ...top.flatMap((node) => emit(node, '  ')),
  ];
  lines.push('</scxml>');
  return `${lines.join('\n')}\n`;
}

function sendId(stateId: string, edge: GraphEdge): string {
  return `${stateId}.after-${scxmlEventToken(edge.delayName ?? String(edge.delayMs))}`;
}

function sendElement(edge: GraphEdge, event: string, id: string): string {
  const delay = edge.delayMs !== null ? `delay="${edge.delayMs}ms"` : `delayexpr="${xmlText(edge.delayName ?? '0')}"`;
  const name = edge.delayName !== null && edge.delayMs !== null ? ` cl:delay="${xmlText(edge.delayName)}"` : '';
  return `<send event="${event}" ${delay} id="${id}"${name}/>`;
}
