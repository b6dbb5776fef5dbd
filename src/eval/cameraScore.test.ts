import { describe, expect, it } from 'vitest';
import type { CameraEntry } from '../devtools/protocol';
import { scoreCamera } from './cameraScore';
import { SCRIPT, type WalkLabels, type WalkerTruth } from './walkVideo';

/** A standing person's 14 joints around x (head top at y 20, ankles at y 100). */
function standing(x: number): [number, number][] {
  const rows: [number, number][] = [
    [0, 20], [0, 30], [-10, 35], [-12, 50], [-12, 65], [10, 35], [12, 50], [12, 65],
    [-6, 65], [-6, 82], [-6, 100], [6, 65], [6, 82], [6, 100],
  ];
  return rows.map(([dx, y]) => [x + dx, y]);
}
const walker = (who: 'A' | 'B', x: number): WalkerTruth => ({ who, joints: standing(x), labelled: new Array<boolean>(14).fill(true), x0: x - 20, y0: 10, x1: x + 20, y1: 110 });

/** 100 frames: A alone at x 50 while walking, nobody while gone, A at 150 when back, B at 30 from its entrance. */
const FRAMES = 100;
const labels: WalkLabels = {
  spec: { width: 200, height: 120, fps: 10, frames: FRAMES },
  frames: Array.from({ length: FRAMES }, (_, f) => {
    const t = f / FRAMES;
    const a = t < SCRIPT.aWalk[1] ? [walker('A', 50)] : t >= SCRIPT.aBack[0] ? [walker('A', 150)] : [];
    return t >= SCRIPT.bEnter[0] ? [...a, walker('B', 30)] : a;
  }),
};
const drawn = (x: number) => ({ box: { x: x - 30, y: 0, side: 120 }, keypoints: standing(x).map(([kx, ky]) => ({ x: kx * 2, y: ky * 2, confidence: 0.9 })) });
const entry = (i: number, shown: number, people: ReturnType<typeof drawn>[]): CameraEntry => ({ drawnAt: 100 * i, capturedAt: 100 * i - 40, readMs: 30, finderMs: i === 0 ? 20 : null, shown, read: shown, people });

describe('scoring the camera against the walking video', () => {
  it('counts ghosts, entries, rate, latency and PCK against the frame on screen (stream at twice the video size)', () => {
    const entries = [
      entry(0, 10, [drawn(50)]),
      // A has left: a skeleton still drawn where A was is a ghost; then nothing.
      entry(1, 40, [drawn(50)]),
      entry(2, 45, []),
      // A back on the right: found on the second result after the entrance.
      entry(3, 50, []),
      entry(4, 55, [drawn(150)]),
      // B enters: found at once, A still drawn.
      entry(5, 70, [drawn(150), drawn(30)]),
    ];
    const score = scoreCamera(entries, labels, 2);
    expect(score.results).toBe(6);
    expect(score.resultsPerSecond).toBeCloseTo(10, 10);
    expect(score.latencyMs).toEqual({ median: 40, p90: 40 });
    expect(score.ghosts).toBe(1);
    expect(score.entry).toEqual([2, 1]);
    // Labelled joints shown: frames 10 (14), 50 (14), 55 (14), 70 (28); all drawn exactly except frame 50's miss.
    expect(score.pck).toBeCloseTo((100 * (14 + 14 + 28)) / (14 + 14 + 14 + 28), 10);
  });
});
