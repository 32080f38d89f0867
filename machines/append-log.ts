/**
 * A list that grows by appending, for the machine's timeline and ignored events. XState's context
 * is immutable, and `[...list, item]` copies the whole list on every event: a call with n events
 * then costs O(n²) (a million ignored events took hours; issue 11). Here versions of one log share
 * a backing array: appending to the newest version pushes onto it, O(1) amortized, and each
 * version reads only its own prefix, so an older snapshot never sees later entries. Appending to
 * an older version (a branch, as graph traversals do) copies its prefix once.
 *
 * It serializes as the plain array (`toJSON`), so persisted snapshots and records keep their
 * bytes; a snapshot restored from JSON holds plain arrays, which `appendTo` accepts too.
 */

/** What reading code may do with a log or a plain array alike. */
export interface AppendOnly<T> extends Iterable<T> {
  readonly length: number;
  at(index: number): T | undefined;
  slice(start?: number, end?: number): T[];
  map<U>(callback: (item: T, index: number) => U): U[];
}

class AppendLog<T> implements AppendOnly<T> {
  constructor(
    // Shared by every version appended from this one; entries past `length` belong to later versions.
    private readonly items: T[],
    readonly length: number,
  ) {}

  append(item: T): AppendLog<T> {
    if (this.items.length === this.length) {
      this.items.push(item);
      return new AppendLog(this.items, this.length + 1);
    }
    const branch = this.items.slice(0, this.length);
    branch.push(item);
    return new AppendLog(branch, this.length + 1);
  }

  at(index: number): T | undefined {
    const position = index < 0 ? this.length + index : index;
    return position >= 0 && position < this.length ? this.items[position] : undefined;
  }

  slice(start = 0, end = this.length): T[] {
    return this.items.slice(0, this.length).slice(start, end);
  }

  map<U>(callback: (item: T, index: number) => U): U[] {
    const out: U[] = new Array(this.length);
    for (let index = 0; index < this.length; index++) out[index] = callback(this.items[index] as T, index);
    return out;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let index = 0; index < this.length; index++) yield this.items[index] as T;
  }

  /** JSON sees the plain array: snapshots and records serialize exactly as before. */
  toJSON(): T[] {
    return this.items.slice(0, this.length);
  }
}

/**
 * `list` with `item` at the end, without changing `list`: O(1) amortized when `list` is the newest
 * version of a log; a plain array (a restored snapshot's) becomes a log first, copied once.
 *
 * @example
 * const one = appendTo([], 'a');
 * const two = appendTo(one, 'b');
 * toArray(one); // → ['a']
 * toArray(two); // → ['a', 'b']
 */
export function appendTo<T>(list: AppendOnly<T>, item: T): AppendOnly<T> {
  const log = list instanceof AppendLog ? (list as AppendLog<T>) : new AppendLog([...list], list.length);
  return log.append(item);
}

/** The entries as a plain array (the array itself when `list` already is one). */
export function toArray<T>(list: AppendOnly<T>): readonly T[] {
  return Array.isArray(list) ? list : list.slice();
}
