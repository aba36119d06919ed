// The loading and error states every screen shows while its data comes, or when it cannot.
import type { ReactNode } from 'react';
import type { Loaded } from './useApi';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Renders `children` with the data once loaded, else the loading or error state. */
export function Load<T>({ state, what, children }: { state: Loaded<T> & { reload: () => void }; what: string; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorNote message={state.message} onRetry={state.reload} />;
  return <>{children(state.data)}</>;
}
