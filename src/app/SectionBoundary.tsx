import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/**
 * Keeps a failure in one section from blanking the whole studio: the store (data, model, report)
 * lives outside React, so the other sections go on and "Try again" redraws this one.
 */
export class SectionBoundary extends Component<{ title: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The ${this.props.title} section failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="alert" role="alert">
        <p>
          The {this.props.title.toLowerCase()} section could not be shown:{" "}
          {this.state.error.message}. Your data and model are still loaded.
        </p>
        <button type="button" className="secondary" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
