/**
 * A binary min-heap ordered by `before`: what a clock needs (the next deadline, the next call to
 * end). Sifting moves items into a hole and places the moving one once, so push and pop allocate
 * nothing (a destructuring swap per level allocated an array each, and in the live timer queue
 * that garbage brought collections into timer firing). Equal items come out in no promised order;
 * a caller that needs one puts a tie-breaker in `before`.
 *
 * @example
 * const heap = new MinHeap<number>((a, b) => a < b);
 * heap.push(3); heap.push(1);
 * heap.pop(); // → 1
 */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  /** The items in heap order (the first is the least); read-only, for scans. */
  get values(): readonly T[] {
    return this.items;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let hole = items.length;
    items.push(item);
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const above = items[parent] as T;
      if (!this.before(item, above)) break;
      items[hole] = above;
      hole = parent;
    }
    items[hole] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (last === undefined || items.length === 0) return top;
    this.siftDown(0, last);
    return top;
  }

  /** Keeps only the items `keep` accepts, and restores the heap (in linear time). */
  retain(keep: (item: T) => boolean): void {
    const items = this.items;
    let size = 0;
    for (const item of items) if (keep(item)) items[size++] = item;
    items.length = size;
    for (let at = (size >> 1) - 1; at >= 0; at--) this.siftDown(at, items[at] as T);
  }

  /** Places `item` at `hole` or below it, moving lesser children up. */
  private siftDown(start: number, item: T): void {
    const items = this.items;
    const size = items.length;
    let hole = start;
    for (;;) {
      const left = 2 * hole + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && this.before(items[right] as T, items[left] as T) ? right : left;
      const below = items[child] as T;
      if (!this.before(below, item)) break;
      items[hole] = below;
      hole = child;
    }
    items[hole] = item;
  }
}
