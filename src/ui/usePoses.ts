import { useMemo } from 'react';
import { type StagePose, decodeStages } from '../pose/keypoints';
import { useApp } from '../store';

/** Every stage's decoded skeleton for the latest result, in source-bitmap pixels (null before the first result). */
export function usePoses(): StagePose[] | null {
  const result = useApp((s) => s.result);
  const model = useApp((s) => s.model);
  return useMemo(() => {
    if (!result || !model) return null;
    return decodeStages(result.maps, model.stages, model, model.joints, result.box);
  }, [result, model]);
}
