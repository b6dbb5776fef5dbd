import { useEffect, useMemo, useRef } from 'react';
import { legendLabel, stageBeliefImage } from '../render/beliefImage';
import { legendPixels } from '../render/colormap';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store';

const LEGEND_WIDTH = 128;

/** The selected stage's belief map alone, at map resolution, with its colour legend. */
export function HeatmapPanel() {
  const heatRef = useRef<HTMLCanvasElement>(null);
  const legendRef = useRef<HTMLCanvasElement>(null);
  const { reading, model, stage, selection } = useApp(
    useShallow((s) => ({ reading: s.result?.people[s.selected], model: s.model, stage: s.stage, selection: s.selection })),
  );

  const image = useMemo(
    () => (reading && model ? stageBeliefImage(reading.maps, model, stage, selection) : null),
    [reading, model, stage, selection],
  );

  useEffect(() => {
    const ctx = heatRef.current?.getContext('2d');
    if (ctx && image && model) ctx.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), model.grid, model.grid), 0, 0);
  }, [image, model]);

  useEffect(() => {
    legendRef.current?.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(legendPixels(LEGEND_WIDTH)), LEGEND_WIDTH, 1), 0, 0);
  }, []);

  if (!model) return null;
  const label = selection === 'all' ? 'all joints' : selection === 'background' ? model.background : model.joints[selection];
  return (
    <figure className="heatmap-panel">
      <canvas ref={heatRef} data-testid="heatmap" width={model.grid} height={model.grid} className="heatmap" aria-label={`Belief map, stage ${stage}, ${label}`} />
      <figcaption>
        Stage {stage}, {label}
        <div className="legend">
          <span>{legendLabel(image?.min ?? 0)}</span>
          <canvas ref={legendRef} width={LEGEND_WIDTH} height={1} aria-label="Colour legend" />
          <span>{legendLabel(image?.max ?? 1)}</span>
        </div>
      </figcaption>
    </figure>
  );
}
