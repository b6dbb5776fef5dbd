import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelSummary } from './cpm/modelSummary';
import type { PersonPose, PoseEstimate } from './estimator/types';
import { useApp } from './store';

const person = (id: number): PersonPose => ({
  id,
  person: null,
  box: { x: 0, y: 0, side: 10 },
  center: { x: 5, y: 5 },
  maps: new Float32Array(1),
  centerMap: new Float32Array(1),
  stageMs: [1],
  poses: [],
});
const estimate = (people: number): PoseEstimate => ({
  mode: 'still',
  width: 10,
  height: 10,
  timestamp: 0,
  flip: false,
  scales: [1],
  found: null,
  finderMs: null,
  people: Array.from({ length: people }, (_, i) => person(i + 1)),
  stagesTimed: true,
  totalMs: 1,
});
const image = { kind: 'image' as const, name: 'a.jpg', bitmap: null, width: 10, height: 10, toOriginal: 1 };

describe('the store', () => {
  beforeEach(() => useApp.getState().openImage(image));

  it('selects the box framed by hand when its reading comes, and the first person when it is removed', () => {
    const { frameByHand, showResult } = useApp.getState();
    showResult(estimate(2), { mode: 'still' });
    frameByHand({ x: 3, y: 4 }, 0.5);
    expect(useApp.getState()).toMatchObject({ center: { x: 3, y: 4 }, boxSize: 0.5 });
    showResult(estimate(3), { mode: 'still' });
    expect(useApp.getState().selected).toBe(2);
    frameByHand(null);
    expect(useApp.getState()).toMatchObject({ center: null, selected: 0 });
  });

  it('keeps the selection among the people of a new result', () => {
    const { showResult, selectPerson } = useApp.getState();
    showResult(estimate(3), { mode: 'still' });
    selectPerson(2);
    showResult(estimate(1), { mode: 'still' });
    expect(useApp.getState().selected).toBe(0);
  });

  it('clears the skeletons and the rate when the camera stops', () => {
    const { startCamera, cameraOpened, showResult, stopCamera } = useApp.getState();
    startCamera(null);
    cameraOpened(640, 480, []);
    showResult({ ...estimate(1), mode: 'video' }, { mode: 'video' }, { fps: 4, latencyMs: 300 });
    expect(useApp.getState()).toMatchObject({ fps: 4, source: { kind: 'camera' } });
    stopCamera();
    expect(useApp.getState()).toMatchObject({ camera: null, source: null, result: null, fps: 0, latencyMs: null });
  });

  it("reads the camera with the camera's model and stills with the still model, each with its stages", () => {
    const summary = (id: string, stages: number) => ({ id, stages, boxSize: 1.4 }) as ModelSummary;
    const loaded = (model: ModelSummary) => ({ model, warmupMs: model.stages * 100, finderError: null });
    const { modelStarting, modelReady, startCamera, stopCamera } = useApp.getState();
    modelStarting('still-model', 'still');
    modelReady(loaded(summary('still-model', 4)), 'still');
    modelStarting('camera-model', 'camera');
    expect(useApp.getState()).toMatchObject({ modelId: 'still-model', stage: 4 });
    startCamera(null);
    // The camera waits for its own model, then shows it.
    expect(useApp.getState().model).toBeNull();
    modelReady(loaded(summary('camera-model', 3)), 'camera');
    expect(useApp.getState()).toMatchObject({ modelId: 'camera-model', stage: 3, warmupMs: 300 });
    stopCamera();
    expect(useApp.getState()).toMatchObject({ modelId: 'still-model', stage: 4, warmupMs: 400 });
    // A camera model that is the still one is the same model: nothing to wait for.
    modelStarting('still-model', 'camera');
    startCamera(null);
    expect(useApp.getState().model?.id).toBe('still-model');
    stopCamera();
  });

  it('changes an option by name', () => {
    useApp.getState().setOption('flipTest', { image: false, camera: true });
    expect(useApp.getState().flipTest).toEqual({ image: false, camera: true });
  });
});
