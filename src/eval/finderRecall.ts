/**
 * How many labelled persons the person finder frames under different rules for which findings are read
 * (pose/people.ts, PersonScores): a person is framed when the centre of their labelled joints lies in a reported box.
 * Pure: scripts/finder-recall.ts runs the finder once per picture and hands every finding here.
 */
import { type Box, boxCentre } from '../pose/box';
import { type FoundPerson, type PersonScores, personDistance, selectPersons } from '../pose/people';

export interface RecallRow {
  rule: string;
  framed: number;
  persons: number;
  /** Boxes reported (each is one reading in the app). */
  boxes: number;
  pictures: number;
  /** Pictures in which nobody was reported. */
  nobody: number;
}

export class FinderRecall {
  private readonly rows: RecallRow[];

  constructor(private readonly rules: [string, PersonScores][]) {
    this.rows = rules.map(([rule]) => ({ rule, framed: 0, persons: 0, boxes: 0, pictures: 0, nobody: 0 }));
  }

  /** One picture: every finding (any score), and the boxes around its labelled persons' joints. */
  add(findings: FoundPerson[], labelled: Box[]): void {
    this.rules.forEach(([, scores], r) => {
      const reported = selectPersons(findings, scores);
      const row = this.rows[r];
      row.pictures += 1;
      row.persons += labelled.length;
      row.boxes += reported.length;
      if (reported.length === 0) row.nobody += 1;
      row.framed += labelled.filter((box) => reported.some((person) => personDistance(person, boxCentre(box)) === 0)).length;
    });
  }

  results(): RecallRow[] {
    return this.rows.map((row) => ({ ...row }));
  }
}

export function formatRecall(rows: RecallRow[]): string {
  const lines = ['rule                         framed           boxes a picture   pictures with nobody'];
  for (const row of rows) {
    const framed = `${row.framed}/${row.persons} (${((100 * row.framed) / Math.max(1, row.persons)).toFixed(1)}%)`;
    lines.push(`${row.rule.padEnd(28)} ${framed.padEnd(16)} ${(row.boxes / Math.max(1, row.pictures)).toFixed(2).padStart(15)}   ${row.nobody}/${row.pictures}`);
  }
  return lines.join('\n');
}
