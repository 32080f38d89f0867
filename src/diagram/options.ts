/** What an exporter may draw on top of the machine. */
export interface DiagramOptions {
  /**
   * The diagram's title.
   * @defaultValue the machine id
   */
  readonly title?: string;
  /**
   * Layout direction: left to right or top to bottom.
   * @defaultValue `'TB'`
   */
  readonly direction?: 'LR' | 'TB';
  /** The path one run took (`pathFromTimeline`): its nodes and edges are highlighted, the rest faded. */
  readonly trace?: { readonly nodes: readonly string[]; readonly edges: readonly string[] };
  /** How often each edge was taken (by edge id): drawn as line width and a `×N` on the label. */
  readonly edgeCounts?: ReadonlyMap<string, number>;
  /**
   * Draw a legend (DOT/SVG).
   * @defaultValue true
   */
  readonly legend?: boolean;
  /**
   * Also draw what states and transitions do: entry and exit actions, transition actions (after
   * `/`), tags and descriptions.
   * @defaultValue false
   */
  readonly details?: boolean;
  /**
   * A compact layout for a page of fixed width (the campaign report): every transition label is
   * placed beside its arrow after layout (a Graphviz `xlabel`) instead of taking room in it, and
   * states sit closer together. About half as wide for the call machine (DOT/SVG).
   * @defaultValue false
   */
  readonly compact?: boolean;
}

/** The step numbers (1-based) at which each edge was taken in a trace. */
export function traceSteps(trace: DiagramOptions['trace']): Map<string, number[]> {
  const steps = new Map<string, number[]>();
  trace?.edges.forEach((edge, index) => steps.set(edge, [...(steps.get(edge) ?? []), index + 1]));
  return steps;
}
