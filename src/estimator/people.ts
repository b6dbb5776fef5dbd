/**
 * A whole picture, as the paper reads one: the person finder first, then the pose network on each person found,
 * cut out at their scale with the center map on them. The app's worker and `npm run eval --whole` both call
 * readPicture.
 */
import type { CpmNetwork } from '../cpm/network';
import type { Box } from '../pose/box';
import { type FoundPerson, type PersonScores, readingBoxOf } from '../pose/people';
import { type SecondLook, secondLookBox } from '../pose/tracker';
import { type Estimate, type Picture, estimate } from './estimate';
import { type PersonFinder, findPeople } from './personFinder';

/** One person's reading: what the finder saw (null when the box was framed by hand) and every stage. */
export interface PersonEstimate extends Estimate {
  person: FoundPerson | null;
}

/**
 * Where to read: a box framed by hand, or every person the finder sees (those its `scores` report: a still's or a
 * camera's), each in a box `cropScale` times their size (the member's evalCropScale); `fallback` is read only when
 * the app has no finder (it failed to load): when the finder sees nobody, nobody is read. `found` gives the people
 * already found in this very picture (a still image read again, or the people a camera tracks), so the finder does
 * not run again. With `secondLook` (still images), a person whose first reading's confident joints frame a clearly
 * different box is read again in that box (pose/tracker.ts, secondLookBox), as the camera's tracking frames the next
 * frame.
 */
export type Framing =
  | { kind: 'box'; box: Box }
  | { kind: 'people'; cropScale: number; scores: PersonScores; fallback: Box; found?: FoundPerson[]; secondLook?: SecondLook };

/**
 * How far a picture's reading is: sent off (`starting`, the page's own), finding the people, or reading person
 * `person` (from 1) of `persons` up to `stage`.
 */
export type ReadingProgress =
  | { phase: 'starting' }
  | { phase: 'finding' }
  | { phase: 'reading'; person: number; persons: number; stage: number };

export interface PictureOptions {
  scales: number[];
  flip: boolean;
  timeStages: boolean;
  onProgress?: (progress: ReadingProgress) => void;
}

export interface PictureReading {
  /** The people the finder found (null when the box was framed by hand). */
  found: FoundPerson[] | null;
  /** How long the finder ran (null when it did not: a box framed by hand, or people already found). */
  finderMs: number | null;
  /**
   * One reading per person found, best first (none when nobody was found); one of the framed box, or of the fallback
   * when there is no finder.
   */
  readings: PersonEstimate[];
}

/** Every person of the picture the framing asks for, best finder score first. */
export async function readPicture(
  network: CpmNetwork,
  finder: PersonFinder | null,
  picture: Picture,
  framing: Framing,
  options: PictureOptions,
): Promise<PictureReading> {
  const { onProgress } = options;
  const read = async (box: Box, person: FoundPerson | null, index = 1, persons = 1): Promise<PersonEstimate> => {
    const onStage = onProgress && ((stage: number) => onProgress({ phase: 'reading', person: index, persons, stage }));
    return { person, ...(await estimate(network, picture, { box, scales: options.scales, flip: options.flip }, options.timeStages, onStage)) };
  };
  if (framing.kind === 'box') return { found: null, finderMs: null, readings: [await read(framing.box, null)] };
  const start = performance.now();
  if (!framing.found && !finder) return { found: null, finderMs: null, readings: [await read(framing.fallback, null)] };
  if (!framing.found) onProgress?.({ phase: 'finding' });
  const found = framing.found ?? (finder ? await findPeople(finder, picture, framing.scores) : []);
  const finderMs = framing.found ? null : performance.now() - start;
  const readings: PersonEstimate[] = [];
  for (const [i, person] of found.entries()) {
    const first = await read(readingBoxOf(person, framing.cropScale), person, i + 1, found.length);
    const last = first.poses[first.poses.length - 1];
    const again = framing.secondLook && last ? secondLookBox(last, first.box, framing.cropScale, framing.secondLook) : null;
    readings.push(again ? await read(again, person, i + 1, found.length) : first);
  }
  return { found, finderMs, readings };
}
