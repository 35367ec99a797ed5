import { LAYER_CATALOG } from "../../core/model/catalog";
import { canConnect, isLockedLayer } from "../../core/model/connections";
import { inputsOf } from "../../core/model/graph";
import { formatShapeForPeople } from "../../core/model/shape";
import { useStudio } from "../../store";
import { dataShapeOf, selectAnalysis } from "../../store/selectors";
import { ParamField } from "./ParamField";

/** Edits the selected layer: its parameters, and its inputs (so layers connect without a mouse). */
export function Inspector() {
  const spec = useStudio((s) => s.spec);
  const selectedId = useStudio((s) => s.selectedNodeId);
  const analysis = useStudio(selectAnalysis);
  const featureCount = useStudio((s) => dataShapeOf(s)?.featureCount ?? null);
  const setParams = useStudio((s) => s.setLayerParams);
  const connectLayers = useStudio((s) => s.connectLayers);
  const disconnectLayers = useStudio((s) => s.disconnectLayers);
  const selectLayer = useStudio((s) => s.selectLayer);
  const remove = useStudio((s) => s.removeSelectedOr);
  const layer = spec.nodes.find((node) => node.id === selectedId);

  if (layer && isLockedLayer(layer)) {
    const members = spec.nodes.filter((n) => n.group !== undefined && n.group === layer.group);
    const total = members.reduce((n, member) => {
      const params = analysis.nodes[member.id]?.params;
      return n + (params ? params.trainable + params.nonTrainable : 0);
    }, 0);
    return (
      <aside className="inspector" aria-label="Layer inspector">
        <h3>Pretrained: {layer.group ?? layer.id}</h3>
        <p>
          Locked: its {members.length} layers keep the {total.toLocaleString()} weights they were
          loaded with, none trainable. The head below it trains; fine-tuning (above the canvas) can
          unfreeze the top layers.
        </p>
        <button type="button" className="secondary" onClick={() => selectLayer(null)}>
          Done
        </button>
      </aside>
    );
  }

  if (!layer) {
    return (
      <aside className="inspector" aria-label="Layer inspector">
        <p className="hint">
          Select a layer to edit it. Its output shape and any problem show on the canvas.
        </p>
        <label>
          Select a layer
          <select value="" onChange={(e) => selectLayer(e.target.value || null)}>
            <option value="">Choose…</option>
            {spec.nodes.map((node) => (
              <option key={node.id} value={node.id}>
                {node.id} ({LAYER_CATALOG[node.type].label})
              </option>
            ))}
          </select>
        </label>
      </aside>
    );
  }

  const definition = LAYER_CATALOG[layer.type];
  const info = analysis.nodes[layer.id];
  const inputs = inputsOf(spec, layer.id);
  const feeds = spec.edges.filter((e) => e.from === layer.id).map((e) => e.to);
  const candidates = spec.nodes.filter((n) => canConnect(spec, n.id, layer.id));

  return (
    <aside className="inspector" aria-label="Layer inspector">
      <h3>
        {definition.label} <small>{layer.id}</small>
      </h3>
      <p className="hint">{definition.description}</p>
      <p>
        Output: <strong>{info?.shape ? formatShapeForPeople(info.shape) : "unknown"}</strong>
        {info?.params &&
          ` · ${(info.params.trainable + info.params.nonTrainable).toLocaleString()} parameters`}
      </p>
      {info?.error && (
        <p className="alert" role="alert">
          {info.error}
        </p>
      )}
      {layer.type === "InputLayer" && featureCount !== null ? (
        <p>
          Shape: <strong>[{featureCount}]</strong>. The Input follows the data: one row of{" "}
          {featureCount} features. To read them as an image or a sequence, add a Reshape after it.
        </p>
      ) : null}
      {definition.params.map((param) =>
        layer.type === "InputLayer" && featureCount !== null ? null : (
          <ParamField
            key={`${layer.id}-${param.name}`}
            nodeId={layer.id}
            definition={param}
            value={layer.params[param.name] ?? param.defaultValue}
            onChange={(value) => setParams(layer.id, { [param.name]: value })}
          />
        ),
      )}
      {definition.maxInputs > 0 && (
        <fieldset>
          <legend>Inputs</legend>
          {inputs.length === 0 && <p className="hint">Nothing feeds this layer yet.</p>}
          <ol className="input-list">
            {inputs.map((id) => (
              <li key={id}>
                {id}{" "}
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => disconnectLayers(id, layer.id)}
                >
                  Disconnect
                </button>
              </li>
            ))}
          </ol>
          {candidates.length > 0 && (
            <label>
              Connect an input from
              <select
                value=""
                onChange={(e) => e.target.value && connectLayers(e.target.value, layer.id)}
              >
                <option value="">Choose a layer…</option>
                {candidates.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.id} ({LAYER_CATALOG[n.type].label})
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
      )}
      {feeds.length > 0 && <p className="hint">Feeds: {feeds.join(", ")}</p>}
      <button type="button" className="secondary" onClick={() => remove([layer.id])}>
        Delete this layer
      </button>
    </aside>
  );
}
