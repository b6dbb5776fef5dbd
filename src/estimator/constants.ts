/** The estimator's numbers, each named once: what the app, `npm run eval`, the scripts and the tests all read with. */
import { MAX_PERSONS, type PersonScores } from '../pose/people';
import type { TileHints, Tiling } from '../pose/tiles';
import type { EstimationMode, PersonSearch } from './types';

/** The scales of multi-scale testing (the paper tests several scales around the base one; the maps are averaged). */
export const MULTI_SCALES = [0.7, 1, 1.3];

/**
 * A still is read once, so the finder is asked to look harder there: a minimum of 0.05 instead of 0.1 frames 411 of
 * the LSPET held-out split's 417 labelled persons instead of 406 (MPII photos: 520 of 524 instead of 515), and lower
 * minimums frame at most one more, for 1.74 boxes an LSPET image instead of 1.56 (npm run finder-recall). A video
 * reads every person it tracks on every frame, so it keeps 0.1. Where no one reaches the minimum, the best finding
 * down to 0.03 is read alone: 0.1 alone leaves 5 of LSPET's 417 images with nobody (contorted gymnasts, people
 * filling the frame), while flat colours, noise and a white block score below 0.01.
 */
export const PERSON_SCORES: Record<EstimationMode, PersonScores> = {
  still: { min: 0.05, lone: 0.03 },
  video: { min: 0.1, lone: 0.03 },
};

/**
 * A still is searched in the whole picture and in overlapping tiles (pose/tiles.ts), and up to 16 people are read; a
 * video's finder reads the whole frame only, six people at most, so that a search costs one finder run.
 */
export const PERSON_SEARCH: Record<EstimationMode, PersonSearch> = {
  still: { ...PERSON_SCORES.still, cap: 16, tiles: true },
  video: { ...PERSON_SCORES.video, cap: 6, tiles: false },
};

/** The finder as it was before tiles: the whole picture alone, six people at most (npm run crowd-check compares). */
export const WHOLE_PICTURE_SEARCH: Record<EstimationMode, PersonSearch> = {
  still: { ...PERSON_SEARCH.still, cap: 6, tiles: false },
  video: PERSON_SEARCH.video,
};

/**
 * A still's tiles: squares of 0.45 of the picture's shorter side, overlapping by a quarter of a tile, findings from
 * 0.1 (npm run crowd-check: crowds of 16 on 1600×900, 0.45 found 78 % against 0.6's 73 %); fainter ones from 0.005,
 * up to eight and none a tile edge cut, read on trial (crowds of 12 and 16 found 38 → 40 of 48 and 50 → 53 of 64;
 * from 0.015, cut ones too, 40 and 51).
 */
export const TILING: Tiling = { share: 0.45, overlap: 0.25, minScore: 0.1, faintScore: 0.005, faintCap: 8 };
/**
 * A still is searched in tiles when its whole reading reports nobody, six, someone shorter than 0.3 of the picture's
 * shorter side (43 px of the finder's 256² input in a 16:9 photo), or a finding of 0.02 or more it does not report.
 */
export const TILE_HINTS: TileHints = { small: 0.3, faint: 0.02, full: MAX_PERSONS };

/** A video's finder looks for people again after this many tracked frames (and whenever someone is lost). */
export const REFIND_EVERY = 15;
/** A pose frames a box (the next frame's, or a still's second look) with at least this many confident joints. */
export const MIN_FRAMING_JOINTS = 6;
/**
 * A video's tracks older than this (a paused or restarted camera) are dropped and the finder looks afresh; on a
 * backend that takes seconds a frame (SwiftShader's WebGL), older than this many of its usual gaps between frames.
 */
export const TRACK_TIMEOUT_MS = 1000;
export const TRACK_TIMEOUT_GAPS = 3;

/**
 * A video's frames are compared, as ENTRY_THUMBNAIL² grey thumbnails, with the frame the finder last searched: when at
 * least ENTRY_CELLS cells changed outside every person's box (found then or tracked now, each widened by ENTRY_MARGIN
 * of its longer side), someone may have come in and the finder looks on the next frame. A cell of a 640-pixel-wide
 * camera is 13 px; a person walking in from an edge, a sixth of the frame wide, covers a hundred cells when half in.
 */
export const ENTRY_THUMBNAIL = 48;
export const ENTRY_CELLS = 12;
export const ENTRY_MARGIN = 0.25;
