import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cameraPicture, newestCameraResult } from '../app/cameraLoop';
import { handBoxSize, nearestPerson, personDistance } from '../pose/people';
import { containedPoint } from '../render/layers';
import { useApp } from '../store';
import { drawScene, sceneInputs } from './scene';

/** A click this close to a found person's box (in units of the picture's longer side) selects them. */
const SELECT_REACH = 0.05;

/**
 * The picture with the selected person's belief map (selected stage) blended over it, every person's skeleton at that
 * stage in a box of their own colour, and the selected person's center map. A still image is drawn when anything
 * shown changes; the camera is drawn every display frame, the newest result over the frame it was read from (or the
 * live video: cameraLoop's CAMERA_DRAW), without a React render.
 */
export function PoseCanvas() {
  const ref = useRef<HTMLCanvasElement>(null);
  const { source, result, selected, byHand, selectPerson, frameByHand } = useApp(
    useShallow((s) => ({
      source: s.source,
      result: s.result,
      selected: s.selected,
      byHand: s.center !== null,
      selectPerson: s.selectPerson,
      frameByHand: s.frameByHand,
    })),
  );
  const redraw = useApp(useShallow(sceneInputs));
  const kind = source?.kind;

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || kind !== 'camera') return undefined;
    let frame = 0;
    const tick = () => {
      const picture = cameraPicture();
      // The newest result, straight from the camera loop: the store (and React) hear of it only a few times a second.
      const state = useApp.getState();
      const result = newestCameraResult() ?? state.result;
      if (picture) drawScene(ctx, picture.image, picture.width, picture.height, { ...state, result });
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [kind]);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    const state = useApp.getState();
    if (ctx && state.source?.kind === 'image' && state.source.bitmap) drawScene(ctx, state.source.bitmap, state.source.width, state.source.height, state);
  }, [redraw]);

  if (!source || (source.kind === 'image' && !source.bitmap)) {
    return <div className="placeholder">Drop, paste or pick a photo, or start the camera.</div>;
  }
  return (
    <canvas
      ref={ref}
      id="overlay-canvas"
      data-testid="overlay"
      aria-label="Pose overlay: click a person to select them, or elsewhere to frame a person by hand (Escape removes that box); arrow keys move between people"
      className="overlay"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && byHand) {
          frameByHand(null);
          return;
        }
        const count = result?.people.length ?? 0;
        const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
        if (!step || count < 2) return;
        e.preventDefault();
        selectPerson((selected + step + count) % count);
      }}
      onClick={(e) => {
        const point = containedPoint({ x: e.clientX, y: e.clientY }, e.currentTarget.getBoundingClientRect(), source.width, source.height);
        const found = result?.people.flatMap((r, i) => (r.person ? [{ i, person: r.person }] : [])) ?? [];
        const nearest = nearestPerson(found.map((f) => f.person), point);
        const reach = SELECT_REACH * Math.max(source.width, source.height);
        if (nearest !== null && personDistance(found[nearest].person, point) <= reach) {
          selectPerson(found[nearest].i);
          return;
        }
        // Framed by hand, besides the people found: sized like the found person nearest (the slider then adjusts
        // it), the slider's size if none.
        const readBoxes = result?.people.flatMap((r) => (r.person ? [r.box] : [])) ?? [];
        frameByHand(point, handBoxSize(readBoxes, point, Math.max(source.width, source.height)) ?? undefined);
      }}
    />
  );
}
