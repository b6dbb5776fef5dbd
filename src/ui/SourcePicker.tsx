import { useEffect, useState } from 'react';
import { cameraRunning, startCamera, stopCamera } from '../app/cameraLoop';
import { decodeImageFile } from '../app/imageFile';
import { useApp } from '../store';

async function openFile(file: File): Promise<void> {
  const { set, setSource } = useApp.getState();
  stopCamera();
  try {
    setSource(await decodeImageFile(file));
  } catch (error) {
    set({ error: (error as Error).message });
  }
}

/** Webcam (with a device picker), file button, drag-and-drop and paste anywhere on the page. */
export function SourcePicker() {
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string>('');
  const [live, setLive] = useState(false);

  useEffect(() => {
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void openFile(file);
    };
    const onDragOver = (e: DragEvent) => e.preventDefault();
    const onPaste = (e: ClipboardEvent) => {
      const file = e.clipboardData?.files[0];
      if (file) void openFile(file);
    };
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

  const start = async (id: string | null) => {
    const found = await startCamera(id);
    setCameras(found);
    setLive(cameraRunning());
  };

  return (
    <section className="source-picker" aria-label="Source">
      <label className="file-button">
        Open image…
        <input
          type="file"
          accept="image/*"
          aria-label="Open image"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) {
              setLive(false);
              void openFile(file);
            }
            e.target.value = '';
          }}
        />
      </label>
      {live ? (
        <button
          type="button"
          onClick={() => {
            stopCamera();
            setLive(false);
          }}
        >
          Stop camera
        </button>
      ) : (
        <button type="button" onClick={() => void start(deviceId || null)}>
          Start camera
        </button>
      )}
      {cameras.length > 1 && (
        <select
          aria-label="Camera"
          value={deviceId}
          onChange={(e) => {
            setDeviceId(e.target.value);
            void start(e.target.value);
          }}
        >
          {cameras.map((c, i) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label || `camera ${i + 1}`}
            </option>
          ))}
        </select>
      )}
      <span className="hint">or drop / paste a photo anywhere</span>
    </section>
  );
}
