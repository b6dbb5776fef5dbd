import { useApp } from '../store';

export function ErrorBanner() {
  const error = useApp((s) => s.error);
  const set = useApp((s) => s.set);
  if (!error) return null;
  return (
    <div role="alert" className="error-banner">
      {error}{' '}
      <button type="button" onClick={() => set({ error: null })}>
        Dismiss
      </button>
    </div>
  );
}
