/**
 * Per-request DataLoaders, created on first use. A field resolver on a list type must load
 * through one of these, so the number of database statements per request does not grow with
 * the number of rows returned.
 */
import DataLoader from "dataloader";

export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** The loader named `name` for this request; `batch` must return one value per key, in order. */
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Groups rows by a key, in the order of `keys`: the usual shape of a one-to-many batch. */
export function groupBy<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}
