import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ViewErrorBoundaryProps {
  /** What the view shows, for the message: "This entry", "History", "Insights". */
  readonly what: string;
  /** The way back: the button's label and what it does. */
  readonly backLabel: string;
  readonly onBack: () => void;
  /** Showing something else (another entry, another view) tries again. */
  readonly resetKey: unknown;
  readonly children: ReactNode;
}

interface ViewErrorBoundaryState {
  readonly error: Error | null;
}

/**
 * Keeps the app on screen when a view throws while it renders (content a peer wrote that a
 * view cannot draw, a damaged saved version): React unmounts everything above a throw that no
 * boundary catches, which leaves a blank page. This shows what could not be shown, why, that
 * nothing was changed, and a way back; the rest of the app goes on.
 */
export class ViewErrorBoundary extends Component<ViewErrorBoundaryProps, ViewErrorBoundaryState> {
  override state: ViewErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ViewErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[peerbook] ${this.props.what} could not be shown`, error, info.componentStack);
  }

  override componentDidUpdate(previous: ViewErrorBoundaryProps): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="pb-view-error" role="alert" aria-label={`${this.props.what} could not be shown`}>
        <h2>{this.props.what} could not be shown</h2>
        <p>{error.message}</p>
        <p className="pb-muted">Nothing in your journal was changed. The rest of Peerbook works as before.</p>
        <button type="button" className="pb-action pb-primary" onClick={this.props.onBack}>
          {this.props.backLabel}
        </button>
      </section>
    );
  }
}
