/**
 * The properties of an object value, by name, in the order they were first set (as a Map keeps
 * them). Object values are made for every object literal evaluated, layer configs mostly, with a
 * few properties each: a Map per literal was the largest single allocation of extraction, and
 * its hashing cost more than comparing a few names. Keys and values alternate in one list made
 * at the literal's size.
 */
import type { Member } from './values';

export class Properties {
  /** key, member, key, member, ... for the first `size` entries. */
  private readonly entries: (string | Member)[];
  private count = 0;

  /** @param capacity how many properties are expected (it grows past them). */
  constructor(capacity = 0) {
    this.entries = new Array<string | Member>(2 * capacity);
  }

  get size(): number {
    return this.count;
  }

  private indexOf(key: string): number {
    const entries = this.entries;
    const end = 2 * this.count;
    for (let i = 0; i < end; i += 2) if (entries[i] === key) return i;
    return -1;
  }

  get(key: string): Member | undefined {
    const at = this.indexOf(key);
    return at < 0 ? undefined : (this.entries[at + 1] as Member);
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Sets a property; one set before keeps its place. */
  set(key: string, member: Member): void {
    const at = this.indexOf(key);
    if (at >= 0) {
      this.entries[at + 1] = member;
      return;
    }
    const end = 2 * this.count++;
    this.entries[end] = key;
    this.entries[end + 1] = member;
  }

  /** Calls `visit` for each property in order. */
  forEach(visit: (member: Member, key: string) => void): void {
    const entries = this.entries;
    const end = 2 * this.count;
    for (let i = 0; i < end; i += 2) visit(entries[i + 1] as Member, entries[i] as string);
  }

  /** The properties whose key passes `keep`, in order. */
  filter(keep: (key: string) => boolean): Properties {
    const kept = new Properties();
    this.forEach((member, key) => {
      if (keep(key)) kept.set(key, member);
    });
    return kept;
  }
}
