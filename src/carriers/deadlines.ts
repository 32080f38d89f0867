import { MinHeap } from '../collections/min-heap.js';

/** An entry of a call's deadlines heap: a call and the deadline it had when the entry was made. */
export interface Deadline<T> {
  readonly at: number;
  readonly id: string;
  readonly item: T;
}

/**
 * A min-heap of deadlines, earliest first. Entries are never updated in place: a caller whose
 * item's deadline moved pushes it again, and treats the older entry as stale when it comes out.
 */
export function deadlineHeap<T>(): MinHeap<Deadline<T>> {
  return new MinHeap<Deadline<T>>((a, b) => a.at < b.at);
}
