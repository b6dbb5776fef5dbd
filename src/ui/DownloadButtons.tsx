import { poseDocument } from '../pose/keypoints';
import { useApp } from '../store';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Keypoints of every stage as JSON (original-image pixels), and the composed overlay as PNG. */
export function DownloadButtons() {
  const result = useApp((s) => s.result);
  const model = useApp((s) => s.model);
  const source = useApp((s) => s.source);
  const poses = useApp((s) => s.poses);
  if (!result || !model || !source || !poses) return null;
  const downloadJson = () => {
    const k = source.toOriginal;
    const text = poseDocument({
      model: { id: model.id, name: model.name, trained: model.trained },
      image: { name: source.name, width: Math.round(source.width * k), height: Math.round(source.height * k) },
      center: { x: result.center.x * k, y: result.center.y * k },
      scales: result.scales,
      flip: result.flip,
      edges: model.edges,
      stages: poses.map((pose) => ({ ...pose, keypoints: pose.keypoints.map((p) => ({ ...p, x: p.x * k, y: p.y * k })) })),
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
