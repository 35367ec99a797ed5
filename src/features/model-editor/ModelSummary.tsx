import { useState } from "react";
import { LAYER_CATALOG } from "../../core/model/catalog";
import { formatShapeForPeople } from "../../core/model/shape";
import { useStudio } from "../../store";
import { selectAnalysis, selectWaitingForData } from "../../store/selectors";

/** The layers in order with their output shapes and parameter counts, and the totals. */
export function ModelSummary() {
  const spec = useStudio((s) => s.spec);
  const analysis = useStudio(selectAnalysis);
  const sizeMb = (analysis.totalParams * 4) / 1024 / 1024;
  // The table is built only while open: a 100-layer graph need not redraw it on every keystroke.
  const [tableOpen, setTableOpen] = useState(false);
  const waitingForData = useStudio(selectWaitingForData);

  if (waitingForData) {
    return (
      <div className="model-summary" data-testid="model-summary" data-params={0}>
        <p>No model yet: its size shows once data is loaded.</p>
      </div>
    );
  }

  return (
    <div className="model-summary" data-testid="model-summary" data-params={analysis.totalParams}>
      <p>
        <strong>{analysis.totalParams.toLocaleString()}</strong> parameters (
        {analysis.trainableParams.toLocaleString()} trainable,{" "}
        {analysis.nonTrainableParams.toLocaleString()} non-trainable), about{" "}
        {sizeMb < 0.01 ? "<0.01" : sizeMb.toFixed(2)} MB of weights
      </p>
      {analysis.problems.length > 0 && (
        <ul className="alert" role="alert">
          {analysis.problems.map((p) => (
            <li key={`${p.nodeId}-${p.message}`}>
              {p.nodeId ? <strong>{p.nodeId}: </strong> : null}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>Layer table</summary>
        {tableOpen && (
          <table>
            <caption>Layers in order, their output shapes and parameter counts</caption>
            <thead>
              <tr>
                <th scope="col">Layer</th>
                <th scope="col">Output shape</th>
                <th scope="col">Parameters</th>
              </tr>
            </thead>
            <tbody>
              {analysis.order.map((id) => {
                const node = spec.nodes.find((n) => n.id === id);
                const info = analysis.nodes[id];
                if (!node || !info) return null;
                return (
                  <tr key={id}>
                    <th scope="row">
                      {LAYER_CATALOG[node.type].label} <small>{id}</small>
                    </th>
                    <td>
                      {info.shape
                        ? formatShapeForPeople(info.shape)
                        : info.error
                          ? "error"
                          : "unknown"}
                    </td>
                    <td>
                      {info.params
                        ? (info.params.trainable + info.params.nonTrainable).toLocaleString()
                        : "–"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}
