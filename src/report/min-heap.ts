/** A binary min-heap of numbers: the end times of the calls in progress, soonest first. */
export class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number | undefined {
    return this.items[0];
  }

  /** How many items are strictly greater than `value` (a scan: the heap holds at most one item per channel). */
  countAbove(value: number): number {
    let count = 0;
    for (const item of this.items) if (item > value) count += 1;
    return count;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let child = items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[child] = items[parent] as number;
      child = parent;
    }
    items[child] = value;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
      if ((items[child] as number) >= last) break;
      items[parent] = items[child] as number;
      parent = child;
    }
    items[parent] = last;
    return top;
  }
}
