import { describe, expect, it } from 'vitest';
import type { FoundPerson } from './people';
import { type TileFinding, cutByTile, faintFindings, mergeFindings, searchedWithTiles, tilesOf, tilesWanted, wholeFindings } from './tiles';

const person = (x0: number, y0: number, x1: number, y1: number, score = 0.5): FoundPerson => ({ score, x0, y0, x1, y1, keypoints: [] });

describe('the finder on tiles', () => {
  it('covers a wide picture with square tiles of a share of its shorter side, overlapping, flush with its edges', () => {
    const tiles = tilesOf(1600, 900, { share: 0.6, overlap: 0.25 });
    const side = 540;
    expect(tiles.every((t) => t.side === side)).toBe(true);
    const xs = [...new Set(tiles.map((t) => t.x))];
    const ys = [...new Set(tiles.map((t) => t.y))];
    expect(tiles).toHaveLength(xs.length * ys.length);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs) + side).toBeCloseTo(1600, 6);
    expect(Math.max(...ys) + side).toBeCloseTo(900, 6);
    // Neighbours overlap by at least a quarter of a tile, and no more tiles than that needs.
    const steps = xs.slice(1).map((x, i) => x - xs[i]);
    expect(Math.max(...steps)).toBeLessThanOrEqual(side * 0.75 + 1e-9);
    expect((1600 - side) / (xs.length - 2)).toBeGreaterThan(side * 0.75);
    expect(tilesOf(300, 300, { share: 1, overlap: 0.25 })).toEqual([{ x: 0, y: 0, side: 300 }]);
  });

  it("says when a finding touches a tile's edge inside the picture (a person the tile may have cut)", () => {
    const tile = { x: 500, y: 0, side: 500 };
    expect(cutByTile(person(500, 100, 560, 300), tile, 1600, 900)).toBe(true);
    expect(cutByTile(person(700, 0, 760, 300), tile, 1600, 900)).toBe(false);
    expect(cutByTile(person(900, 100, 1000, 500), tile, 1600, 900)).toBe(true);
    expect(cutByTile(person(600, 100, 700, 400), tile, 1600, 900)).toBe(false);
  });

  it("keeps one box per person, the whole picture's, else a tile's uncut one, else the best, with the best score; neighbours stay", () => {
    const whole = person(480, 100, 620, 500, 0.4);
    const cutHalf = person(500, 100, 620, 300, 0.7);
    const again = person(482, 102, 622, 498, 0.6);
    const neighbour = person(560, 100, 700, 500, 0.3);
    const merged = mergeFindings([
      { person: cutHalf, from: 'cut', reading: 1 },
      { person: again, from: 'tile', reading: 2 },
      { person: whole, from: 'whole', reading: 0 },
      { person: neighbour, from: 'tile', reading: 2 },
    ]);
    expect(merged).toEqual([{ ...whole, score: 0.7 }, neighbour]);
    expect(mergeFindings([{ person: cutHalf, from: 'cut', reading: 1 }, { person: again, from: 'tile', reading: 2 }])).toEqual([{ ...again, score: 0.7 }]);
    const other = person(900, 100, 1000, 300, 0.2);
    expect(mergeFindings([{ person: cutHalf, from: 'cut', reading: 1 }, { person: other, from: 'cut', reading: 1 }])).toEqual([cutHalf, other]);
  });

  it('keeps two people of one reading whose skeletons differ, boxes nested; across readings, nested boxes are one person', () => {
    /** A finding whose 17 keypoints all lie at the centre of its box (two people's centres differ). */
    const centred = (x0: number, y0: number, x1: number, y1: number, score: number): FoundPerson => ({
      ...person(x0, y0, x1, y1, score),
      keypoints: Array.from({ length: 17 }, () => ({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, score: 0.5 })),
    });
    const behind = centred(400, 0, 800, 900, 0.7);
    const inFront = centred(420, 400, 600, 900, 0.5);
    const whole = [behind, inFront].map((p) => ({ person: p, from: 'whole' as const, reading: 0 }));
    expect(mergeFindings(whole)).toEqual([behind, inFront]);
    expect(mergeFindings([whole[0], { person: inFront, from: 'tile', reading: 3 }])).toEqual([behind]);
  });

  it("does not let a whole-picture row it does not report hide the people a tile finds inside that row's box", () => {
    const hints = { small: 0.3, faint: 0.02, full: 6 };
    const seen = person(100, 50, 400, 700, 0.8);
    const overSeveral = person(500, 0, 1000, 750, 0.01);
    const inTile = person(600, 300, 680, 520, 0.5);
    const findings = [...wholeFindings([seen, overSeveral], 0.05, 1000, 750, hints), { person: inTile, from: 'tile' as const, reading: 1 }];
    expect(findings.map((f) => f.from)).toEqual(['whole', 'tile']);
    expect(mergeFindings(findings)).toEqual([seen, inTile]);
    // Reported, the same row would be trusted over the tile's: its box is the person's.
    expect(mergeFindings([...wholeFindings([seen, overSeveral], 0, 1000, 750, hints), { person: inTile, from: 'tile', reading: 1 }])).toEqual([seen, { ...overSeveral, score: 0.5 }]);
  });

  it("reports the whole picture's one faint finding when the tiles find nobody, as a search without tiles does", () => {
    const hints = { small: 0.3, faint: 0.02, full: 6 };
    const faint = person(20, 30, 90, 160, 0.04);
    const scores = { min: 0.05, lone: 0.03, cap: 16 };
    const picture = { width: 112, height: 168, hints };
    expect(searchedWithTiles([faint], [faint], [], scores, picture)).toEqual([faint]);
    const inTile = person(30, 40, 80, 150, 0.3);
    expect(searchedWithTiles([faint], [faint], [{ person: inTile, from: 'tile', reading: 1 }], scores, picture)).toEqual([inTile]);
  });

  it('searches tiles only where the whole reading hints at people it missed', () => {
    const hints = { small: 0.3, faint: 0.02, full: 6 };
    const big = person(100, 50, 400, 700, 0.8);
    const quiet = person(0, 0, 10, 10, 0.005);
    expect(tilesWanted([big, quiet], [big], 1000, 750, hints)).toBe(false);
    expect(tilesWanted([quiet], [], 1000, 750, hints)).toBe(true);
    const small = person(600, 100, 660, 250, 0.5);
    expect(tilesWanted([big, small], [big, small], 1000, 750, hints)).toBe(true);
    const faint = person(700, 100, 900, 600, 0.03);
    expect(tilesWanted([big, faint], [big], 1000, 750, hints)).toBe(true);
    // A faint second finding of the person reported is no hint.
    expect(tilesWanted([big, person(110, 60, 390, 400, 0.03)], [big], 1000, 750, hints)).toBe(false);
    const six = Array.from({ length: 6 }, (_, i) => person(150 * i, 0, 150 * i + 140, 700, 0.6));
    expect(tilesWanted(six, six, 1000, 750, hints)).toBe(true);
  });

  it("puts a tile's faint findings on trial only where nobody reported stands and no tile edge cut them, each once, best first, up to the cap", () => {
    const reported = [person(100, 50, 400, 700, 0.8)];
    const onReported = person(120, 60, 380, 400, 0.05);
    const apart = person(600, 100, 700, 400, 0.02);
    const apartAgain = person(605, 110, 695, 390, 0.06);
    const another = person(800, 100, 900, 400, 0.01);
    const cutOff = person(1000, 100, 1100, 300, 0.09);
    const inTile = (p: FoundPerson, from: TileFinding['from'] = 'tile'): TileFinding => ({ person: p, from, reading: 1 });
    const trial = faintFindings([inTile(onReported), inTile(apart), inTile(apartAgain), inTile(another), inTile(cutOff, 'cut')], reported, 8);
    expect(trial).toEqual([
      { ...apartAgain, faint: true },
      { ...another, faint: true },
    ]);
    expect(faintFindings([onReported, apart, another].map((p) => inTile(p)), reported, 1)).toEqual([{ ...apart, faint: true }]);
  });
});
