/**
 * What the explorer page knows about the machine, embedded in the page as JSON: plain data drawn
 * from the graph, so the page's script needs no graph code of its own.
 */
export interface ExplorerData {
  readonly title: string;
  /** Every node with its SVG element id (`s3`) and its key path (how a snapshot value names it). */
  readonly nodes: readonly {
    readonly id: string;
    readonly path: readonly string[];
    readonly svgId: string;
    readonly label: string;
    readonly parent: string | null;
  }[];
  /** Every arrow of the SVG (`e5`) with the transitions it draws. */
  readonly arrows: readonly {
    readonly svgId: string;
    readonly source: string;
    readonly target: string;
    readonly edges: readonly string[];
  }[];
  /** Every transition: what a button sends to take it, and its readable label. */
  readonly edges: readonly {
    readonly id: string;
    readonly source: string;
    readonly targets: readonly string[];
    readonly kind: string;
    /** The event to send: the event type, XState's timer or actor event; null for `always`. */
    readonly event: string | null;
    readonly label: string;
  }[];
  /** A recorded call (`--scenario`): each step's active nodes and the transition taken. */
  readonly trace: readonly {
    readonly at: number;
    readonly label: string;
    readonly active: readonly string[];
    readonly edge: string | null;
  }[];
  /** Whether a live actor runs in the page (the bundled machine), with buttons for its events. */
  readonly live: boolean;
}
