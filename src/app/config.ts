import { framingBox } from '../pose/box';
import type { AppState, SourceKind } from '../store';
import type { WireConfig } from '../worker/protocol';

/**
 * How the app reads a width×height picture now, as the user set it: a still (every person the finder sees, or the
 * people already found in it when it is read again) or a video frame (the people tracked), the box framed by hand
 * besides them, and the scales, flip test and smoothing chosen for this kind of source.
 */
export function estimationConfig(state: AppState, kind: SourceKind, width: number, height: number): WireConfig {
  const { multiScale, flipTest, center, boxSize, smoothing, result, resultConfig } = state;
  const config: WireConfig = { mode: kind === 'image' ? 'still' : 'video', flip: flipTest[kind], multiScale };
  if (center) config.handBox = framingBox(width, height, center, boxSize);
  if (kind === 'camera') config.smooth = smoothing;
  // A still is searched once: read again (a new option, a box by hand), it reads the people found the first time.
  const known = kind === 'image' ? (result?.found ?? resultConfig?.people) : undefined;
  if (known) config.people = known;
  return config;
}
