import { useRef, useState, type KeyboardEvent } from "react";
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
const ORDER = GROUPS.flatMap(([, definitions]) => definitions.map((d) => d.type));

/** Where an arrow key moves within the palette's list of `count` layers. */
function nextIndex(key: string, current: number, count: number): number | null {
  switch (key) {
    case "ArrowDown":
    case "ArrowRight":
      return (current + 1) % count;
    case "ArrowUp":
    case "ArrowLeft":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/**
 * Layers by kind. Drag one onto the canvas, or press it to add it after the selected layer (before
 * the output when none is). The palette is one tab stop: arrow keys move inside it (a roving
 * tabindex), Enter or Space adds the layer in focus.
 */
export function LayerPalette() {
  const add = useStudio((s) => s.addLayerAt);
  const [active, setActive] = useState(0);
  const items = useRef(new Map<number, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const next = nextIndex(event.key, active, ORDER.length);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    items.current.get(next)?.focus();
  };

  return (
    <nav className="palette" data-testid="layer-palette" aria-label="Layers">
      <p className="hint" id="palette-hint">
        Drag a layer onto the canvas, or press it to add it after the selected layer (with none
        selected, just before the output). Arrow keys move through the list.
      </p>
      {/* Arrow keys reach the buttons inside; the container itself takes no focus. */}
      <div onKeyDown={onKeyDown}>
        {GROUPS.map(([group, definitions]) => (
          <section key={group} aria-label={group}>
            <h3 className="palette-group">{group}</h3>
            <ul>
              {definitions.map((definition) => {
                const index = ORDER.indexOf(definition.type);
                return (
                  <li key={definition.type}>
                    <button
                      type="button"
                      className="palette-item"
                      data-layer-type={definition.type}
                      ref={(element) => {
                        if (element) items.current.set(index, element);
                        else items.current.delete(index);
                      }}
                      tabIndex={index === active ? 0 : -1}
                      draggable
                      title={definition.description}
                      aria-description={definition.description}
                      onFocus={() => setActive(index)}
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
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}
