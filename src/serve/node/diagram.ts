import { callMachine } from '../../../machines/call.machine.js';
import type { CallRecord, TimelineEntry } from '../../../machines/record.js';
import { callMachineGraph, traceTitle } from '../../diagram/call-machine.js';
import { countEdges, pathFromTimeline } from '../../diagram/path.js';
import { toSvg } from '../../diagram/svg.js';
import type { MachineGraph } from '../../diagram/types.js';
import type { CallView } from '../service.js';

let graph: MachineGraph | null = null;
const machineGraph = () => {
  graph ??= callMachineGraph();
  return graph;
};

function timelineOf(view: CallView): readonly TimelineEntry[] {
  const source = view.ended ? view.record : (view.progress ?? view.sofar);
  const timeline = (source as { timeline?: unknown } | undefined)?.timeline;
  return Array.isArray(timeline) ? (timeline as TimelineEntry[]) : [];
}

/** The call machine with this call's path so far overlaid (src/diagram's `trace` option). */
export async function callDiagram(view: CallView): Promise<string> {
  const trace = pathFromTimeline(callMachine, timelineOf(view), machineGraph());
  const record = view.ended ? (view.record as Partial<CallRecord>) : null;
  const title =
    record?.status !== undefined
      ? traceTitle(record as CallRecord)
      : `call ${view.callId} (${view.source}, in progress)`;
  return toSvg(machineGraph(), { trace, title });
}

/** The call machine with each edge weighted by how many ended calls took it (the dashboard's picture). */
export async function weightedDiagram(timelines: Iterable<readonly TimelineEntry[]>): Promise<string> {
  const paths = [...timelines].map((timeline) => pathFromTimeline(callMachine, timeline, machineGraph()));
  return toSvg(machineGraph(), { edgeCounts: countEdges(paths), title: 'ended calls' });
}
