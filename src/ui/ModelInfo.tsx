import { startCameraModel, startModel } from '../app/modelSession';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store';

/** The loaded model: its name, whether it is trained, its held-out PCK, and the download / warm-up progress. */
export function ModelInfo() {
  const { models, modelId, model, download, warmingUp, warmupMs, camera } = useApp(
    useShallow((s) => ({
      models: s.models,
      modelId: s.modelId,
      model: s.model,
      download: s.download,
      warmingUp: s.warmingUp,
      warmupMs: s.warmupMs,
      camera: s.camera !== null,
    })),
  );
  const loading = !model;
  return (
    <section className="model-info" aria-label="Model">
      <label>
        {camera ? 'Camera model' : 'Model'}{' '}
        <select value={modelId ?? ''} onChange={(e) => void (camera ? startCameraModel(e.target.value) : startModel(e.target.value))}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
          {modelId && !models.some((m) => m.id === modelId) && <option value={modelId}>{modelId}</option>}
        </select>
      </label>
      {loading && (
        <span>
          <progress aria-label="Model download" max={1} value={download} /> {warmingUp ? 'compiling shaders…' : 'downloading…'}
        </span>
      )}
      {model && (
        <span data-testid="model-status">
          <strong>{model.name}</strong> · {model.trained ? 'trained' : 'UNTRAINED (random weights: its poses mean nothing)'} ·{' '}
          {model.heldOutPck === null ? 'no held-out PCK' : `held-out PCK@0.2 ${model.heldOutPck.toFixed(1)} %`} · {model.stages} stages,{' '}
          {model.inputSize}² input, member {model.member}, {(model.parameters / 1e6).toFixed(2)} M parameters
          {model.backbone ? ` over a ${model.backbone.fineTuned ? 'fine-tuned' : 'frozen'} ${model.backbone.source}` : ''} · warm-up{' '}
          {(warmupMs / 1000).toFixed(1)} s
        </span>
      )}
      {model && (
        <details className="model-notes">
          <summary>About this model</summary>
          <p data-testid="receptive-fields">
            Receptive field per stage (input pixels of {model.inputSize}²):{' '}
            {model.receptiveFields.map((field, s) => `stage ${s + 1}: ${field}`).join(', ')}
          </p>
          {model.notes}
        </details>
      )}
    </section>
  );
}
