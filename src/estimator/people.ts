/**
 * A whole picture, as the paper reads one: the person finder first, then the pose network on each person found,
 * cut out at their scale with the center map on them. The app's worker and `npm run eval --whole` both call
 * readPicture.
 */
import type { CpmNetwork } from '../cpm/network';
import type { Box } from '../pose/box';
import { type FoundPerson, readingBoxOf } from '../pose/people';
import { type Estimate, type Picture, estimate } from './estimate';
import { type PersonFinder, findPeople } from './personFinder';

/** One person's reading: what the finder saw (null when the box was framed by hand) and every stage. */
export interface PersonEstimate extends Estimate {
  person: FoundPerson | null;
}

/**
 * Where to read: a box framed by hand, or every person the finder sees, each in a box `cropScale` times their size
 * (the member's evalCropScale); `fallback` is read when the finder sees nobody or the app has no finder. `found`
 * gives the people already found in this very picture (a still image read again), so the finder does not run again.
 */
export type Framing = { kind: 'box'; box: Box } | { kind: 'people'; cropScale: number; fallback: Box; found?: FoundPerson[] };

export interface PictureOptions {
  scales: number[];
  flip: boolean;
  timeStages: boolean;
}

export interface PictureReading {
  /** The people the finder found (null when the box was framed by hand). */
  found: FoundPerson[] | null;
  /** How long the finder ran (null when it did not: a box framed by hand, or people already found). */
  finderMs: number | null;
  /** One reading per person found, best first; one of the framed box (or the fallback when nobody was found). */
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
  const read = async (box: Box, person: FoundPerson | null): Promise<PersonEstimate> => ({
    person,
    ...(await estimate(network, picture, { box, scales: options.scales, flip: options.flip }, options.timeStages)),
  });
  if (framing.kind === 'box') return { found: null, finderMs: null, readings: [await read(framing.box, null)] };
  const start = performance.now();
  const found = framing.found ?? (finder ? await findPeople(finder, picture) : []);
  const finderMs = framing.found || !finder ? null : performance.now() - start;
  if (found.length === 0) return { found, finderMs, readings: [await read(framing.fallback, null)] };
  const readings: PersonEstimate[] = [];
  for (const person of found) readings.push(await read(readingBoxOf(person, framing.cropScale), person));
  return { found, finderMs, readings };
}
