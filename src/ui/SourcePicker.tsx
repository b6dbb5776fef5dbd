import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { decodeImageFile } from '../app/imageFile';
import { useApp } from '../store';

async function openFile(file: File): Promise<void> {
  const { openImage, showError } = useApp.getState();
  try {
    openImage(await decodeImageFile(file));
  } catch (error) {
    showError((error as Error).message);
  }
}

/** Whether a drag carries files (a dragged link or text does not). */
function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/** Webcam (with a device picker), file button, drag-and-drop and paste anywhere on the page. */
export function SourcePicker() {
  const { camera, cameras, startCamera, stopCamera } = useApp(
    useShallow((s) => ({ camera: s.camera, cameras: s.cameras, startCamera: s.startCamera, stopCamera: s.stopCamera })),
  );
  const [deviceId, setDeviceId] = useState<string>('');

  useEffect(() => {
    // The page is highlighted as a drop target while a file is dragged over it (a counter: enter and leave fire for
    // every element crossed).
    let depth = 0;
    const highlight = (on: boolean) => document.body.classList.toggle('drop-target', on);
    const onDragEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth += 1;
      highlight(true);
    };
    const onDragLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) highlight(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      highlight(false);
      const file = e.dataTransfer?.files[0];
      if (file) void openFile(file);
    };
    const onDragOver = (e: DragEvent) => e.preventDefault();
    const onPaste = (e: ClipboardEvent) => {
      const file = e.clipboardData?.files[0];
      if (file) void openFile(file);
      else if (e.clipboardData?.types.length) useApp.getState().showError('what was pasted is not an image: paste a picture (or copy one from a web page or an image viewer)');
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

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
            if (file) void openFile(file);
            e.target.value = '';
          }}
        />
      </label>
      {camera ? (
        <button type="button" onClick={stopCamera}>
          Stop camera
        </button>
      ) : (
        <button type="button" onClick={() => startCamera(deviceId || null)}>
          Start camera
        </button>
      )}
      {cameras.length > 1 && (
        <select
          aria-label="Camera"
          value={deviceId}
          onChange={(e) => {
            setDeviceId(e.target.value);
            startCamera(e.target.value);
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
