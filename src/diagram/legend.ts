import { edgeGroups } from './edges.js';
import { dotString } from './escape.js';
import { nodeOutcome } from './labels.js';
import type { DiagramOptions } from './options.js';
import { EDGE_COLORS, FINAL_SWATCH, STATUS_SWATCHES, TRACE_COLOR, VISITED_SWATCH } from './style.js';
import type { MachineGraph } from './types.js';

/** What each colour and line style means, limited to what this diagram shows. */
function legendEntries(
  graph: MachineGraph,
  options: DiagramOptions,
): { color: string; fill: string | null; text: string }[] {
  const entries: { color: string; fill: string | null; text: string }[] = [];
  if (options.trace !== undefined) {
    entries.push({ color: VISITED_SWATCH.stroke, fill: VISITED_SWATCH.fill, text: 'state this call visited' });
    entries.push({ color: TRACE_COLOR, fill: null, text: '#n  transition taken at step n' });
  } else {
    const statuses = new Set(
      graph.nodes
        .map((node) => (node.type === 'final' ? (nodeOutcome(node)?.status ?? '') : null))
        .filter((status) => status !== null),
    );
    for (const [status, swatch] of Object.entries(STATUS_SWATCHES)) {
      if (statuses.has(status)) entries.push({ color: swatch.stroke, fill: swatch.fill, text: `final: ${status}` });
    }
    if ([...statuses].some((status) => !(status in STATUS_SWATCHES)))
      entries.push({ color: FINAL_SWATCH.stroke, fill: FINAL_SWATCH.fill, text: 'final state' });
  }
  // An arrow takes its kind's colour only when all its transitions are of that kind (see dot.ts).
  const kinds = new Set<string>();
  for (const group of edgeGroups(graph)) {
    const groupKinds = new Set(group.edges.map((edge) => edge.kind));
    kinds.add(groupKinds.size === 1 ? ([...groupKinds][0] ?? 'event') : 'event');
  }
  const kindText = {
    event: 'on an event (or several kinds)',
    always: 'eventless (always), dashed',
    after: 'after a delay',
    done: 'when done',
    error: 'on an actor error',
    snapshot: 'on an actor snapshot',
  } as const;
  if (options.trace === undefined)
    for (const kind of Object.keys(kindText) as (keyof typeof kindText)[])
      if (kinds.has(kind)) entries.push({ color: EDGE_COLORS[kind], fill: null, text: `→ ${kindText[kind]}` });
  if (options.edgeCounts !== undefined)
    entries.push({ color: EDGE_COLORS.event, fill: null, text: '×n  times taken (line width)' });
  return entries;
}

/** The legend as a DOT HTML-like table node (fixed text only, so no user name reaches the markup). */
export function legendDot(graph: MachineGraph, options: DiagramOptions): string[] {
  const rows = legendEntries(graph, options).map(({ color, fill, text }) => {
    const swatch =
      fill === null
        ? `<TD WIDTH="24"><FONT COLOR="${color}">━━</FONT></TD>`
        : `<TD WIDTH="24" BGCOLOR="${fill}" COLOR="${color}" BORDER="1"> </TD>`;
    return `<TR>${swatch}<TD ALIGN="LEFT"><FONT COLOR="${color === '#cbd5e0' ? '#4a5568' : '#2d3748'}">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</FONT></TD></TR>`;
  });
  if (rows.length === 0) return [];
  const table = `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>${rows.join('')}</TABLE>>`;
  return [`${dotString(`${graph.root}\\legend`)} [shape=plaintext, style="", id="legend", label=${table}]`];
}
