/**
 * A table's entry for a name the user's code wrote: only the table's own keys count. A plain
 * `TABLE[name]` also finds what every object inherits (`toLocaleString`, `constructor`), and code
 * such as `model.countParams().toLocaleString()` or `tf.layers.constructor` would read a function
 * as a table entry.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
