/**
 * Remembers the last results of a pure function of one string. One notice asks the same
 * questions of the same texts several times (its sender, its notice text for each recipient);
 * a small table, emptied when full, answers them once. Bounded in entries and in key length.
 */
export function memoizeText<T>(fn: (text: string) => T, entries = 64, maxKeyLength = 64 * 1024): (text: string) => T {
  const table = new Map<string, T>();
  return (text: string): T => {
    if (text.length > maxKeyLength) return fn(text);
    if (table.has(text)) return table.get(text) as T;
    const value = fn(text);
    if (table.size >= entries) table.clear();
    table.set(text, value);
    return value;
  };
}
