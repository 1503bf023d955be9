import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';

interface BoundaryState {
  error: Error | null;
}

/**
 * Catches a remote that fails to load (network, or refused by the version contract) or throws
 * while rendering, and shows why in its slot; the rest of the page keeps working.
 */
class RemoteErrorBoundary extends Component<{ remote: string; children: ReactNode }, BoundaryState> {
  state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    // Kept visible in the console too, for whoever debugs the federation.
    console.warn(`[main] remote ${this.props.remote} failed`, error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" data-testid="remote-error" className="remote-error">
        <strong>{this.props.remote} could not be loaded.</strong>
        <p>{error.message || String(error)}</p>
      </div>
    );
  }
}

/**
 * The slot's loading state. It is also what a client-only remote's slot renders on the server and
 * in the browser's first render, so hydration finds the same markup.
 */
export function RemoteLoading({ remote }: { remote: string }) {
  return (
    <div className="remote-loading" role="status">
      Loading {remote}…
    </div>
  );
}

/** A slot for one federated component: a visible loading state, and a visible error. */
export default function RemoteSlot({ remote, children }: { remote: string; children: ReactNode }) {
  return (
    <RemoteErrorBoundary remote={remote}>
      <Suspense fallback={<RemoteLoading remote={remote} />}>{children}</Suspense>
    </RemoteErrorBoundary>
  );
}
