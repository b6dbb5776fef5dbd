/**
 * Where a reading's time goes, kernel by kernel: tf.profile's records summed by kernel name and output shape, the
 * slowest first (npm run bench -- --profile).
 */

/** One kernel call as tf.profile reports it (kernelTimeMs is an error object where the backend cannot time). */
export interface KernelRecord {
  name: string;
  outputShapes: number[][];
  kernelTimeMs: number | { error: string };
}

export interface KernelTime {
  name: string;
  /** The output shape, e.g. "1×32×32×64". */
  shape: string;
  calls: number;
  ms: number;
}

export interface KernelTable {
  rows: KernelTime[];
  /** Sum over every call that was timed. */
  totalMs: number;
  /** Calls the backend could not time (left out of rows and total). */
  untimed: number;
}

export function kernelTable(records: KernelRecord[]): KernelTable {
  const rows = new Map<string, KernelTime>();
  let untimed = 0;
  for (const record of records) {
    if (typeof record.kernelTimeMs !== 'number') {
      untimed += 1;
      continue;
    }
    const shape = (record.outputShapes[0] ?? []).join('×');
    const key = `${record.name} ${shape}`;
    const row = rows.get(key) ?? { name: record.name, shape, calls: 0, ms: 0 };
    row.calls += 1;
    row.ms += record.kernelTimeMs;
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => b.ms - a.ms);
  return { rows: sorted, totalMs: sorted.reduce((sum, row) => sum + row.ms, 0), untimed };
}

/** Milliseconds per kernel name, summed over shapes, the slowest first. */
export function byKernelName(table: KernelTable): { name: string; calls: number; ms: number }[] {
  const names = new Map<string, { name: string; calls: number; ms: number }>();
  for (const row of table.rows) {
    const entry = names.get(row.name) ?? { name: row.name, calls: 0, ms: 0 };
    entry.calls += row.calls;
    entry.ms += row.ms;
    names.set(row.name, entry);
  }
  return [...names.values()].sort((a, b) => b.ms - a.ms);
}
