/**
 * A small least-recently-used cache, for values that never change once made (a complete
 * report's CSV bytes, its table rows). Bounded by a total weight: entries count 1 each unless a
 * `weigh` function says otherwise (e.g. bytes). Oldest entries leave first.
 */
export class RecentCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>(); // insertion order = least recent first
  private total = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key); // now the most recent
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxWeight) break;
      this.entries.delete(k);
      this.total -= e.weight;
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.weight;
  }
}
