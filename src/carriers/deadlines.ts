/** An entry of `Deadlines`: a call and the deadline it had when the entry was made. */
export interface Deadline<T> {
  readonly at: number;
  readonly id: string;
  readonly item: T;
}

/**
 * A binary min-heap of deadlines. Entries are never updated in place: a caller whose item's
 * deadline moved pushes it again, and treats the older entry as stale when it comes out.
 */
export class Deadlines<T> {
  private readonly heap: Deadline<T>[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): Deadline<T> | undefined {
    return this.heap[0];
  }

  push(entry: Deadline<T>): void {
    const heap = this.heap;
    let at = heap.length;
    heap.push(entry);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent] as Deadline<T>;
      if (above.at <= entry.at) break;
      heap[at] = above;
      at = parent;
    }
    heap[at] = entry;
  }

  pop(): Deadline<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && (heap[right] as Deadline<T>).at < (heap[left] as Deadline<T>).at ? right : left;
      if ((heap[child] as Deadline<T>).at >= last.at) break;
      heap[at] = heap[child] as Deadline<T>;
      at = child;
    }
    heap[at] = last;
    return top;
  }
}
