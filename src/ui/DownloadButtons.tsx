import { personDocument, poseDocument } from '../pose/keypoints';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Keypoints of every person and stage as JSON (original-image pixels), and the composed overlay as PNG. */
export function DownloadButtons() {
  const { result, config, model, source, selected } = useApp(
    useShallow((s) => ({ result: s.result, config: s.resultConfig, model: s.model, source: s.source, selected: s.selected })),
  );
  if (!result || !config || !model || !source || result.people.length === 0) return null;
  const downloadJson = () => {
    const k = source.toOriginal;
    const people = result.people.map((person) => personDocument(person, person.poses, k, model.weakPeak));
    const shown = people[selected] ?? people[0];
    const text = poseDocument({
      model: { id: model.id, name: model.name, trained: model.trained },
      image: { name: source.name, width: Math.round(source.width * k), height: Math.round(source.height * k) },
      config,
      scales: result.scales,
      flip: result.flip,
      edges: model.edges,
      weakPeak: model.weakPeak,
      people,
      selected,
      center: shown.center,
      stages: shown.stages,
    });
    save(new Blob([text], { type: 'application/json' }), 'cpm-keypoints.json');
  };
  const downloadPng = () => {
    const canvas = document.getElementById('overlay-canvas') as HTMLCanvasElement | null;
    canvas?.toBlob((blob) => blob && save(blob, 'cpm-overlay.png'), 'image/png');
  };
  return (
    <div className="control">
      <button type="button" onClick={downloadJson}>
        Download keypoints (JSON)
      </button>
      <button type="button" onClick={downloadPng}>
        Download overlay (PNG)
      </button>
    </div>
  );
}
