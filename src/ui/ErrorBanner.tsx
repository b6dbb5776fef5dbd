import { useApp } from '../store';

export function ErrorBanner() {
  const error = useApp((s) => s.error);
  const showError = useApp((s) => s.showError);
  if (!error) return null;
  return (
    <div role="alert" className="error-banner">
      {error}{' '}
      <button type="button" onClick={() => showError(null)}>
        Dismiss
      </button>
    </div>
  );
}
