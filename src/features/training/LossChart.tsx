import { lazy, Suspense } from "react";
import { useStudio } from "../../store";

// recharts is most of a chart's weight; it loads on its own, after the first paint, so the page
// a person first sees is light. `preloadLossCurves` starts it as soon as the page is idle.
const loadCurves = () => import("./LossCurves");
let curves: ReturnType<typeof loadCurves> | null = null;
/** Starts loading the curves' code (recharts) without waiting for a run. */
export const preloadLossCurves = () => (curves ??= loadCurves());
const LiveCurves = lazy(() => preloadLossCurves().then((m) => ({ default: m.LiveCurves })));

export function LossChart() {
  const history = useStudio((s) => s.run.history);
  const batchLosses = useStudio((s) => s.run.batchLosses);
  const currentTask = useStudio((s) => s.task);
  const task = useStudio((s) => s.run.task) ?? currentTask;

  if (history.length === 0 && batchLosses.length === 0) {
    return (
      <div data-testid="loss-chart" className="chart-empty">
        The curves appear here while the model trains.
      </div>
    );
  }
  return (
    <div data-testid="loss-chart" className="charts">
      <Suspense fallback={<p className="hint">Loading the charts…</p>}>
        <LiveCurves history={history} batchLosses={batchLosses} task={task} />
      </Suspense>
    </div>
  );
}
