import { useEffect } from "react";
import type { ShareRoute } from "../core/share/route";
import { ClassificationView } from "../features/evaluation/ClassificationView";
import { KeptScoreCharts } from "../features/evaluation/KeptScoreCharts";
import { RegressionView } from "../features/evaluation/RegressionView";
import { LinearVerdict } from "../features/evaluation/LinearVerdict";
import { PredictPanel } from "../features/predict/PredictPanel";
import { SharedModelCard } from "../features/share/SharedModelCard";
import { HistoryCurves } from "../features/training/LossCurves";
import { useStudio } from "../store";
import { navigate } from "./navigation";
import { SectionBoundary } from "./SectionBoundary";
import "./SharedView.css";

type SharedRoute = Exclude<ShareRoute, { kind: "studio" }>;

const routeKey = (route: SharedRoute) =>
  route.kind === "hosted" ? `hosted:${route.id}` : `inline:${route.payload}`;

function Problem({ children }: { children: React.ReactNode }) {
  return (
    <div className="panel stack">
      <p className="alert" role="alert">
        {children}
      </p>
      <p>
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate("/");
          }}
        >
          Go to Model Studio
        </a>{" "}
        to train a model of your own.
      </p>
    </div>
  );
}

function Block(props: { title: string; id: string; children: React.ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      <SectionBoundary title={props.title}>{props.children}</SectionBoundary>
    </section>
  );
}

/** The page a share link opens: the model's card, report, curves and a try-it run here. */
export function SharedView({ route }: { route: SharedRoute }) {
  const view = useStudio((s) => s.sharedView);
  const openSharedLink = useStudio((s) => s.openSharedLink);
  const openSharedInStudio = useStudio((s) => s.openSharedInStudio);
  const key = routeKey(route);

  useEffect(() => {
    void openSharedLink(route);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per link (the key says which)
  }, [key]);

  const modelName = view.state === "ready" ? view.model.name : null;
  useEffect(() => {
    document.title = modelName ? `${modelName} · shared on Model Studio` : "Model Studio";
  }, [modelName]);

  return (
    <div className="app" data-testid="shared-view" data-state={view.state}>
      <header className="app-header">
        <h1>Model Studio</h1>
        <p>
          A model someone shared. It runs here, in your browser: what you type stays on this
          machine.
        </p>
      </header>
      <main>
        {(view.state === "loading" || view.state === "none") && (
          <p className="panel" role="status">
            Opening the shared model…
          </p>
        )}
        {view.state === "deleted" && <Problem>This shared model was deleted by its owner.</Problem>}
        {view.state === "not-found" && (
          <Problem>
            There is no shared model at this link. Check that the whole link was copied.
          </Problem>
        )}
        {view.state === "failed" && (
          <Problem>This shared model could not be opened. {view.problem}</Problem>
        )}
        {view.state === "ready" && (
          <>
            <div className="panel shared-top">
              <SharedModelCard
                model={view.model}
                source={view.source}
                version={view.version}
                updatedAt={view.updatedAt}
              />
              <div className="controls">
                <button
                  type="button"
                  onClick={() => {
                    openSharedInStudio();
                    navigate("/");
                  }}
                >
                  Open in studio
                </button>
                <span className="hint">
                  Continue from this model: its network on the canvas, its report and try-it.
                </span>
              </div>
            </div>
            <Block title="Report" id="shared-report">
              <div className="stack">
                <p className="hint">
                  Measured by its author on {view.model.report.testSize} test{" "}
                  {view.model.preprocessing.image ? "pictures" : "rows"} the model never saw during
                  training.
                </p>
                {view.model.report.linear && (
                  <LinearVerdict
                    report={view.model.report}
                    linear={view.model.report.linear.report}
                    converged={view.model.report.linear.converged}
                    iterations={view.model.report.linear.iterations}
                  />
                )}
                {view.model.report.kind === "classification" ? (
                  <>
                    <ClassificationView
                      report={view.model.report}
                      scores={view.model.report.scores ?? null}
                      unit={view.model.preprocessing.image ? "picture" : "row"}
                      linear={
                        view.model.report.linear?.report.kind === "classification"
                          ? { report: view.model.report.linear.report, scores: null }
                          : null
                      }
                    />
                    <KeptScoreCharts
                      report={view.model.report}
                      unit={view.model.preprocessing.image ? "picture" : "row"}
                    />
                  </>
                ) : (
                  <RegressionView
                    report={view.model.report}
                    points={[]}
                    targetName={view.model.preprocessing.label.column}
                    linear={
                      view.model.report.linear?.report.kind === "regression"
                        ? view.model.report.linear.report
                        : null
                    }
                  />
                )}
              </div>
            </Block>
            <Block title="Training curves" id="shared-curves">
              <HistoryCurves
                history={view.model.history}
                task={view.model.task}
                linear={view.model.linearFit !== undefined}
              />
            </Block>
            <Block title="Try it" id="shared-try-it">
              <PredictPanel />
            </Block>
          </>
        )}
      </main>
    </div>
  );
}
