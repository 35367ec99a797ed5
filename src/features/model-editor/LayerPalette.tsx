import { LAYER_CATALOG, type LayerDefinition } from "../../core/model/catalog";
import { useStudio } from "../../store";

export const LAYER_DRAG_TYPE = "application/x-model-studio-layer";

function groups(): Array<[string, LayerDefinition[]]> {
  const byGroup = new Map<string, LayerDefinition[]>();
  for (const definition of Object.values(LAYER_CATALOG)) {
    byGroup.set(definition.group, [...(byGroup.get(definition.group) ?? []), definition]);
  }
  return [...byGroup];
}

const GROUPS = groups();

/** Layers by kind. Drag one onto the canvas, or press it to add it after the selected layer. */
export function LayerPalette() {
  const add = useStudio((s) => s.addLayerAt);
  return (
    <nav className="palette" data-testid="layer-palette" aria-label="Layers">
      <p className="hint">
        Drag a layer onto the canvas, or press it to add it after the selected layer (with none
        selected, just before the output).
      </p>
      {GROUPS.map(([group, definitions]) => (
        <details key={group} open>
          <summary>{group}</summary>
          <ul>
            {definitions.map((definition) => (
              <li key={definition.type}>
                <button
                  type="button"
                  className="palette-item"
                  data-layer-type={definition.type}
                  draggable
                  title={definition.description}
                  aria-description={definition.description}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(LAYER_DRAG_TYPE, definition.type);
                    event.dataTransfer.effectAllowed = "copy";
                  }}
                  onClick={() => add(definition.type)}
                >
                  <strong>{definition.label}</strong>
                  <small>{definition.description}</small>
                </button>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </nav>
  );
}
