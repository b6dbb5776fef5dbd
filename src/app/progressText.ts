import type { EstimationProgress } from '../estimator/types';

/** What the page says while a still image is read. */
export function progressText(progress: EstimationProgress, stages: number): string {
  switch (progress.phase) {
    case 'starting':
      return 'estimating…';
    case 'finding':
      return 'estimating… finding the people';
    case 'reading': {
      const who = progress.persons > 1 ? `person ${progress.person} of ${progress.persons}, ` : '';
      return `estimating… ${who}stage ${progress.stage} of ${stages}`;
    }
  }
}
