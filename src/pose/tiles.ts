/**
 * The person finder on tiles: MoveNet MultiPose reads a picture letterboxed into 256² and reports six people at most,
 * so in a wide photo or a crowd small people are a few pixels tall in its input, and the seventh is never reported.
 * Overlapping square tiles of the picture, each read as a picture of its own, see them larger and six at a time;
 * their findings are merged with the whole picture's, each person once. Pure: the finder runs in
 * src/estimator/personFinder.ts.
 */
import type { Box } from './box';
import { type FoundPerson, type PersonScores, distinct, sameFinding, samePerson, selectPersons } from './people';

/**
 * How a picture is tiled: square tiles this share of its shorter side, overlapping by this share of a tile; a tile's
 * finding is kept from `minScore` (a person seen larger in a tile scores higher: faint ones there are parts of people);
 * from `faintScore` up to it, at most `faintCap` of those where nobody reported stands are read on trial
 * (faintFindings).
 */
export interface Tiling {
  share: number;
  overlap: number;
  minScore: number;
  faintScore: number;
  faintCap: number;
}

/**
 * Square tiles of `tiling.share` of the shorter side covering a width×height picture, neighbours overlapping by at
 * least `tiling.overlap` of a tile, evenly spread, the first and last flush with the picture's edges.
 */
export function tilesOf(width: number, height: number, tiling: Pick<Tiling, 'share' | 'overlap'>): Box[] {
  const side = Math.min(width, height) * tiling.share;
  const starts = (length: number): number[] => {
    if (length <= side) return [0];
    const count = Math.ceil((length - side) / (side * (1 - tiling.overlap))) + 1;
    return Array.from({ length: count }, (_, i) => ((length - side) * i) / (count - 1));
  };
  return starts(height).flatMap((y) => starts(width).map((x) => ({ x, y, side })));
}

/** What makes the whole picture's reading ask for tiles (tilesWanted). */
export interface TileHints {
  /** Someone reported shorter (their box's longer side) than this share of the picture's shorter side. */
  small: number;
  /** A finding scoring at least this that is not reported: someone the finder half sees. */
  faint: number;
  /** As many reported as one reading can give. */
  full: number;
}

/** Whether the whole picture's reading sees `person` small (hints.small): a tile sees them larger. */
export function seenSmall(person: FoundPerson, width: number, height: number, hints: TileHints): boolean {
  return Math.max(person.x1 - person.x0, person.y1 - person.y0) < hints.small * Math.min(width, height);
}

/**
 * Whether a still is searched in tiles too, from its whole reading (`findings`: every row, `reported`: those read):
 * when nobody is reported, as many as one reading gives, someone small, or someone faint. A photo of one or two
 * people filling it (most photos) is searched once.
 */
export function tilesWanted(findings: FoundPerson[], reported: FoundPerson[], width: number, height: number, hints: TileHints): boolean {
  if (reported.length === 0 || reported.length >= hints.full) return true;
  if (reported.some((p) => seenSmall(p, width, height, hints))) return true;
  return findings.some((p) => p.score >= hints.faint && !reported.some((r) => r === p || samePerson(r, p)));
}

/** Within this share of a tile's side of one of its edges inside the picture, a finding may be a person cut by it. */
const CUT_MARGIN = 0.02;

/** Whether `person`, found in `tile`, touches an edge of the tile that is not an edge of the picture. */
export function cutByTile(person: FoundPerson, tile: Box, width: number, height: number): boolean {
  const m = tile.side * CUT_MARGIN;
  const right = tile.x + tile.side;
  const bottom = tile.y + tile.side;
  return (
    (tile.x > 0 && person.x0 <= tile.x + m) ||
    (tile.y > 0 && person.y0 <= tile.y + m) ||
    (right < width && person.x1 >= right - m) ||
    (bottom < height && person.y1 >= bottom - m)
  );
}

/**
 * A finding, and how far its box is trusted: found large in the whole picture, in a tile (or small in the whole
 * picture: a tile sees them larger), or in a tile that cut it (touching one of its edges inside the picture).
 */
export interface TileFinding {
  person: FoundPerson;
  from: 'whole' | 'tile' | 'cut';
  /** The finder reading that found them: 0 the whole picture's, k the k-th tile's. */
  reading: number;
}

/**
 * The whole picture's findings as they are merged with the tiles': those it reports (scored from `minScore`; a row
 * scored below, often a box over several people, would hide the people the tiles find inside it), the box of someone
 * it sees large trusted over a tile's, someone it sees small ranked as a tile's finding (a tile sees them larger).
 */
export function wholeFindings(whole: FoundPerson[], minScore: number, width: number, height: number, hints: TileHints): TileFinding[] {
  return whole
    .filter((person) => person.score >= minScore)
    .map((person) => ({ person, from: seenSmall(person, width, height, hints) ? 'tile' : 'whole', reading: 0 }));
}

const PRECEDENCE: Record<TileFinding['from'], number> = { whole: 0, tile: 1, cut: 2 };

/** Two findings are one person: within one reading by box and skeleton (sameFinding), across readings by box. */
const sameAcross = (a: TileFinding, b: TileFinding): boolean =>
  a.reading === b.reading ? sameFinding(a.person, b.person) : samePerson(a.person, b.person);

/**
 * Every person once, best first: of findings that are the same person (sameAcross), the whole picture's box is kept
 * (tiles add the people it missed, and leave those it saw large as they were), else a tile's that no tile edge cut,
 * else the best scored; with the best score any of them gave the person, so that a still's cap keeps someone a tile
 * sees clearly and the whole picture only faintly.
 */
export function mergeFindings(findings: TileFinding[]): FoundPerson[] {
  const ranked = [...findings].sort((a, b) => PRECEDENCE[a.from] - PRECEDENCE[b.from] || b.person.score - a.person.score);
  return distinct(ranked, sameAcross)
    .map((kept) => ({ ...kept.person, score: Math.max(...ranked.filter((f) => sameAcross(f, kept)).map((f) => f.person.score)) }))
    .sort((a, b) => b.score - a.score);
}

/**
 * What a still's search in tiles reports: the whole picture's findings (`whole`, every row) merged with the tiles'
 * (`inTiles`), selected as `scores` say, up to `cap`; where that leaves nobody, what the whole picture reported alone
 * (`reported`: its one faint finding, when it has nothing better, which the merge leaves out).
 */
export function searchedWithTiles(
  whole: FoundPerson[],
  reported: FoundPerson[],
  inTiles: TileFinding[],
  scores: PersonScores & { cap: number },
  picture: { width: number; height: number; hints: TileHints },
): FoundPerson[] {
  const findings = [...wholeFindings(whole, scores.min, picture.width, picture.height, picture.hints), ...inTiles];
  const merged = selectPersons(mergeFindings(findings), scores, scores.cap);
  return merged.length > 0 ? merged : reported;
}

/**
 * A tile's findings too faint to report (`inTiles`, scored below the tiling's minScore) that no tile edge cut and where
 * no reported person stands (no box of `reported` covers theirs), best first, each once, at most `cap`, marked
 * `faint`: MultiPose scores some people in plain view below 0.1, and parts of people and background there too, so the
 * estimator reads each on trial and keeps it only where the pose network sees a person.
 */
export function faintFindings(inTiles: TileFinding[], reported: FoundPerson[], cap: number): FoundPerson[] {
  const free = inTiles
    .filter((f) => f.from !== 'cut' && !reported.some((r) => samePerson(r, f.person)))
    .map((f) => f.person)
    .sort((a, b) => b.score - a.score);
  return distinct(free, samePerson)
    .slice(0, cap)
    .map((p) => ({ ...p, faint: true }));
}
