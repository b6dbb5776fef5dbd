import { useApp } from '../store';

/** Which tfjs backend runs the model, and why a faster one was not used. */
export function BackendBadge() {
  const backend = useApp((s) => s.backend);
  if (!backend) return <span className="badge pending">backend: starting…</span>;
  return (
    <span className={`badge ${backend.name}`} title={backend.reason ?? 'WebGPU runs the model'}>
      backend: <strong data-testid="backend">{backend.name}</strong>
      {backend.reason && <small className="reason" data-testid="backend-reason"> ({backend.reason})</small>}
    </span>
  );
}
