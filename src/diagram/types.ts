/**
 * The plain graph every diagram is drawn from: what `machineGraph` reads from an XState v5
 * machine's `root`. Plain data (JSON-safe), so reports, overlays and other tools can share it.
 */

/** The kind of a state node, as XState names it. */
export type NodeType = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/**
 * What makes a transition fire: an event, nothing (`always`), a timer (`after`), a child state or
 * invoked actor finishing (`done`), an invoked actor failing (`error`), or an invoked actor's new
 * snapshot (`snapshot`, XState's `onSnapshot`).
 */
export type EdgeKind = 'event' | 'always' | 'after' | 'done' | 'error' | 'snapshot';

/** One state of the machine. */
export interface GraphNode {
  /**
   * The full state path from the machine id, `.`-separated, e.g. `call.connected.playing`. A `.` or
   * `\` inside a key is escaped with `\`, as XState's own target syntax does.
   */
  readonly id: string;
  /** The keys from the root, e.g. `['connected', 'playing']`; `[]` for the root. */
  readonly path: readonly string[];
  /** The state's own key (the machine id for the root). */
  readonly key: string;
  /** What to print: the key, verbatim. */
  readonly label: string;
  readonly type: NodeType;
  /** The id of the parent node, or null for the root. */
  readonly parent: string | null;
  /** The ids of the child nodes, in document order. */
  readonly children: readonly string[];
  /** The initial child's id (compound states), else null. */
  readonly initial: string | null;
  /** `shallow` or `deep` for a history node, else null. */
  readonly history: 'shallow' | 'deep' | null;
  /**
   * A history node's default target ids: its `target`, or else what XState enters when there is no
   * history yet (the parent's initial state; every region of a parallel parent).
   */
  readonly historyTarget: readonly string[];
  /** The actors this state invokes, by `src` name (`inline` for logic written in the config). */
  readonly invokes: readonly string[];
  /** The same actors with the id XState gives each invocation (what `done`/`error` events name). */
  readonly invocations: readonly { readonly id: string; readonly src: string }[];
  /** Entry actions, named as `GraphEdge.actions` names them. */
  readonly entry: readonly string[];
  /** Exit actions, named as `GraphEdge.actions` names them. */
  readonly exit: readonly string[];
  readonly tags: readonly string[];
  readonly description: string | null;
  /** `meta` made JSON-safe (functions dropped). `meta.outcome.status` styles a terminal state. */
  readonly meta: Readonly<Record<string, unknown>> | null;
}

/** One transition of the machine. A transition with several targets (parallel) is one edge. */
export interface GraphEdge {
  /**
   * Stable for a given machine: `<source id>/<trigger>/<index>`, e.g. `call.dialing/carrier.busy/0`,
   * `call.initiating/always/1`, `call.ringing/after:ringTimeout/0`. The index counts the candidate
   * transitions of that trigger in order (guarded alternatives).
   */
  readonly id: string;
  readonly source: string;
  /** Target node ids; empty for a targetless transition (it runs actions and stays). */
  readonly targets: readonly string[];
  readonly kind: EdgeKind;
  /**
   * The trigger as the call record writes it: the event descriptor (`carrier.busy`, `*`,
   * `carrier.*`), `always`, `after:<delay>`, `done` / `done:<actor>`, `error:<actor>`,
   * `snapshot:<actor>`.
   */
  readonly trigger: string;
  /** The XState event type that fires it, or null for `always`. */
  readonly event: string | null;
  /**
   * A readable guard: a name (with its params, `isAbove(min: 3)`), `a && !b`, `in(#id)`, or an inline
   * guard's body. Null when unguarded.
   */
  readonly guard: string | null;
  /** For `after`: the delay in ms when it is a number (or a named delay given as a number). */
  readonly delayMs: number | null;
  /** For `after`: the delay's name when it has one (`ringTimeout`). */
  readonly delayName: string | null;
  readonly reenter: boolean;
  /**
   * The transition's actions: named ones by name (with params), XState's built-ins by theirs
   * (`assign`, `raise`, `sendTo`, `emit`…), any other inline function as `inline`.
   */
  readonly actions: readonly string[];
  /** The transition's `description`, or null. */
  readonly description: string | null;
  /** The index of this edge among its source's candidates for the same trigger. */
  readonly order: number;
}

/** A whole machine as a graph. `nodes[0]` is the root; nodes are in document (depth-first) order. */
export interface MachineGraph {
  readonly machineId: string;
  readonly root: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}
