import { describe, expect, it } from 'vitest';
import { byKernelName, kernelTable } from './kernelTimes';

describe('kernelTable', () => {
  const records = [
    { name: 'Conv2D', outputShapes: [[1, 32, 32, 64]], kernelTimeMs: 4 },
    { name: 'Conv2D', outputShapes: [[1, 32, 32, 64]], kernelTimeMs: 6 },
    { name: 'Conv2D', outputShapes: [[1, 64, 64, 24]], kernelTimeMs: 3 },
    { name: 'ResizeBilinear', outputShapes: [[1, 64, 64, 17]], kernelTimeMs: 20 },
    { name: 'Sigmoid', outputShapes: [[1, 64, 64, 17]], kernelTimeMs: { error: 'no timer' } },
  ];

  it('sums calls of one kernel and shape, the slowest first, and counts what could not be timed', () => {
    const table = kernelTable(records);
    expect(table.rows.map((r) => [r.name, r.shape, r.calls, r.ms])).toEqual([
      ['ResizeBilinear', '1×64×64×17', 1, 20],
      ['Conv2D', '1×32×32×64', 2, 10],
      ['Conv2D', '1×64×64×24', 1, 3],
    ]);
    expect(table.totalMs).toBe(33);
    expect(table.untimed).toBe(1);
  });

  it('sums a kernel over its shapes', () => {
    expect(byKernelName(kernelTable(records))).toEqual([
      { name: 'ResizeBilinear', calls: 1, ms: 20 },
      { name: 'Conv2D', calls: 3, ms: 13 },
    ]);
  });
});
