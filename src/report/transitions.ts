import type { TimelineEntry } from '../call/record.js';

/** One step of a call's timeline: from a state (null before the first), on an event, to a state. */
export interface TransitionStep {
  readonly from: string | null;
  readonly event: string;
  readonly to: string;
}

/** The steps of one timeline, in order. */
export function stepsOf(timeline: readonly TimelineEntry[]): TransitionStep[] {
  return timeline.map((entry, index) => ({ from: index === 0 ? null : (timeline[index - 1] as TimelineEntry).state, event: entry.event, to: entry.state }));
}

/** A timeline's shape: its states and events without the times. Calls with one shape took the same transitions. */
export function shapeKey(timeline: readonly TimelineEntry[]): string {
  let key = '';
  for (const entry of timeline) key += `${entry.event}>${entry.state}|`;
  return key;
}

/**
 * Counts timelines by shape while calls stream in. A campaign has few distinct shapes (the
 * machine's paths, times aside), so the map stays small however many calls there are, and mapping
 * a shape to its transitions is done once per shape at the end instead of once per call.
 *
 * @example
 * const shapes = new ShapeCounter();
 * shapes.add(record.timeline);
 * for (const { timeline, count } of shapes.entries()) stepsOf(timeline); // each shape once
 */
export class ShapeCounter {
  private readonly shapes = new Map<string, { timeline: readonly TimelineEntry[]; count: number }>();

  add(timeline: readonly TimelineEntry[]): void {
    const key = shapeKey(timeline);
    const shape = this.shapes.get(key);
    if (shape === undefined) this.shapes.set(key, { timeline, count: 1 });
    else shape.count += 1;
  }

  /** One representative timeline per shape with how many calls had it, in first-seen order. */
  entries(): { readonly timeline: readonly TimelineEntry[]; readonly count: number }[] {
    return [...this.shapes.values()];
  }
}

/** A step with how many calls took it (`calls`) and how often it was taken in all (`traversals`: a loop counts each turn). */
export interface StepCount {
  readonly step: TransitionStep;
  readonly calls: number;
  readonly traversals: number;
}

/** How many calls took each step, most taken first (ties in from, event, to order): the same whatever order calls came in. */
export function countSteps(shapes: ReturnType<ShapeCounter['entries']>): StepCount[] {
  const counts = new Map<string, { step: TransitionStep; calls: number; traversals: number }>();
  for (const { timeline, count } of shapes) {
    const seen = new Set<string>();
    for (const step of stepsOf(timeline)) {
      const key = stepKey(step);
      const entry = counts.get(key) ?? { step, calls: 0, traversals: 0 };
      counts.set(key, entry);
      entry.traversals += count;
      // A call that loops (one message after another) takes a step more than once: count the call once.
      if (!seen.has(key)) entry.calls += count;
      seen.add(key);
    }
  }
  return [...counts.entries()]
    .sort(([keyA, a], [keyB, b]) => b.calls - a.calls || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([, entry]) => entry);
}

function stepKey(step: TransitionStep): string {
  return `${step.from ?? ''}\u0000${step.event}\u0000${step.to}`;
}
