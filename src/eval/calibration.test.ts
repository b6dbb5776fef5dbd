import { describe, expect, it } from 'vitest';
import { PeakCalibration } from './calibration';

/** A one-joint person at the origin (torso 10: right within 2 px); `n` joints of `peak`, `right` of them right. */
function fill(calibration: PeakCalibration, peak: number, n: number, right: number, labelled = true): void {
  for (let i = 0; i < n; i += 1) {
    calibration.add([{ x: i < right ? 1 : 5, y: 0, confidence: peak }], [[0, 0]], [labelled], 10);
  }
}

describe('PeakCalibration', () => {
  it('puts the threshold at the top of the highest bin that is more often wrong than right', () => {
    const calibration = new PeakCalibration();
    fill(calibration, 0.12, 40, 10);
    fill(calibration, 0.33, 40, 15);
    fill(calibration, 0.52, 40, 30);
    fill(calibration, 0.9, 40, 39);
    expect(calibration.weakPeak()).toBe(0.35);
  });

  it('ignores bins too small to say anything, and has no threshold when every bin is mostly right', () => {
    const calibration = new PeakCalibration();
    fill(calibration, 0.62, 5, 0);
    fill(calibration, 0.2, 40, 30);
    expect(calibration.weakPeak()).toBe(0);
  });

  it('counts unlabelled joints apart and reports what the threshold hides', () => {
    const calibration = new PeakCalibration();
    fill(calibration, 0.1, 30, 5);
    fill(calibration, 0.8, 30, 28);
    fill(calibration, 0.05, 10, 0, false);
    expect(calibration.weakPeak()).toBe(0.15);
    const last = calibration.format().split('\n').at(-1);
    expect(last).toBe('weak below 0.15: hides 92.6% of wrong joints, 15.2% of right ones, 100.0% of unlabelled ones');
  });

  it('adds nothing for a person no pose was found for', () => {
    const calibration = new PeakCalibration();
    calibration.add(null, [[0, 0]], [true], 10);
    expect(calibration.format().split('\n')).toHaveLength(2);
  });
});
