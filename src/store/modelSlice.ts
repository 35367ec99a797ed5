import type { StateCreator } from "zustand";
import {
  addLayer,
  connect,
  disconnect,
  duplicateLayer,
  placementFor,
  reconnect,
  removeLayers,
  updateParams,
} from "../core/model/edit";
import { isLockedLayer } from "../core/model/connections";
import { fitHeadToData, fitInputsToData } from "../core/model/fit";
import {
  autoLayout,
  freeSpot,
  placeInserted,
  spotBelow,
  type Layout,
  type Position,
} from "../core/model/layout";
import type { LayerType, ModelSpec, ParamValue } from "../core/model/spec";
import {
  defaultModelFor,
  templateFallback,
  TEMPLATES,
  type TemplateId,
} from "../core/model/templates";
import {
  recordEdit,
  redoStep,
  undoStep,
  withStep,
  type LastEdit,
  type Snapshot,
} from "../core/model/undoHistory";
import { dataShapeOf, selectAnalysis } from "./selectors";
import type { StudioState } from "./index";
import type { SliceData } from "./storageClasses";

export interface ModelSlice {
  spec: ModelSpec;
  layout: Layout;
  selectedNodeId: string | null;
  /** True while the model is the one the studio proposed: it then follows the data entirely. */
  specIsDefault: boolean;
  past: Snapshot[];
  future: Snapshot[];
  /** The last edit that may coalesce with the next into one undo step (see recordEdit). */
  lastModelEdit: LastEdit | null;
  /** Why the last template could not be used, for a role="alert" region. */
  templateError: string | null;
  /**
   * A model the person made was replaced by the default for newly loaded data: a role="status"
   * note offers undo until the next edit.
   */
  customModelReplaced: boolean;
  /** Brings back the model that new data replaced (one undo step) and drops the note. */
  restoreReplacedModel: () => void;
  dismissModelReplaced: () => void;
  /** A template that suits the data when the chosen one did not, offered beside the error. */
  templateOffer: TemplateId | null;
  addLayerAt: (type: LayerType, position?: Position) => void;
  removeSelectedOr: (ids: string[]) => void;
  connectLayers: (from: string, to: string) => void;
  disconnectLayers: (from: string, to: string) => void;
  reconnectLayers: (old: { from: string; to: string }, next: { from: string; to: string }) => void;
  setLayerParams: (id: string, params: Record<string, ParamValue>) => void;
  duplicateSelected: () => void;
  /** Moves nodes while dragging; `commit` records the move (with `before`) for undo. */
  moveLayers: (positions: Record<string, Position>, before?: Layout) => void;
  /** Moves layers with the keyboard: one undo step per burst of arrow presses. */
  nudgeLayers: (positions: Record<string, Position>) => void;
  selectLayer: (id: string | null) => void;
  applyTemplate: (id: TemplateId) => void;
  arrange: () => void;
  /** Empties the canvas (undoable), to draw a model from scratch. */
  clearModel: () => void;
  fitHead: () => void;
  undo: () => void;
  redo: () => void;
  /** Makes the input follow the feature count (and, for the proposed model, the head the task). */
  syncModelToData: () => void;
  /** Proposes a fresh default model for newly loaded data. */
  proposeModel: () => void;
  /** Puts a whole model on the canvas (an imported one), laid out afresh; undoable. */
  showModel: (spec: ModelSpec) => void;
}

const initialSpec = defaultModelFor({ featureCount: 1, task: "classification", classCount: 2 });

/** The model slice's data at start (the proposed model, no history): also a new project's. */
export const initialModelState = (): SliceData<ModelSlice> => ({
  spec: initialSpec,
  layout: autoLayout(initialSpec),
  selectedNodeId: null,
  specIsDefault: true,
  past: [],
  future: [],
  lastModelEdit: null,
  templateError: null,
  customModelReplaced: false,
  templateOffer: null,
});

export const createModelSlice: StateCreator<StudioState, [], [], ModelSlice> = (set, get) => {
  /**
   * Records the current graph for undo, then applies an edit made by a person. Edits with the same
   * `coalesce` key in quick succession (typing "256" into one field, nudging a layer with the arrow
   * keys) make a single undo step.
   */
  const edit = (
    spec: ModelSpec,
    layout: Layout = get().layout,
    selected?: string | null,
    coalesce?: string,
  ) => {
    const { past, future, lastModelEdit } = get();
    const history = recordEdit(
      { past, future },
      { spec: get().spec, layout: get().layout },
      { coalesce, now: Date.now(), last: lastModelEdit },
    );
    set({
      past: history.past,
      future: history.future,
      lastModelEdit: history.lastEdit,
      spec,
      layout,
      specIsDefault: false,
      // A person's edit wins over a proposal still on its way for newly loaded data.
      proposalPending: false,
      templateError: null,
      customModelReplaced: false,
      templateOffer: null,
      ...(selected !== undefined ? { selectedNodeId: selected } : {}),
    });
  };
  const featureCount = () => dataShapeOf(get())?.featureCount ?? null;
  const withInputsFitted = (spec: ModelSpec) => {
    const count = featureCount();
    return count === null ? spec : fitInputsToData(spec, count);
  };
  /** Steps back (undoStep) or forward (redoStep) through the model's history. */
  const travel = (step: typeof undoStep, extra: Partial<StudioState>) => {
    const { past, future, spec, layout } = get();
    const taken = step({ past, future }, { spec, layout });
    if (!taken) return;
    set({
      ...taken.history,
      spec: withInputsFitted(taken.restored.spec),
      layout: taken.restored.layout,
      specIsDefault: false,
      ...extra,
    });
  };

  return {
    ...initialModelState(),

    addLayerAt: (type, position) => {
      const { spec, layout, selectedNodeId } = get();
      // After the selected layer; with none selected, before the output (the head stays last).
      const placement = placementFor(spec, type, selectedNodeId);
      const added = addLayer(spec, type, placement ?? {});
      edit(
        withInputsFitted(added.spec),
        placeInserted(added.spec, layout, added.id, position),
        added.id,
      );
    },

    removeSelectedOr: (ids) => {
      const chosen =
        ids.length > 0 ? ids : get().selectedNodeId ? [get().selectedNodeId as string] : [];
      // A pretrained block's layers are locked: they leave only with the whole model.
      const locked = new Set(
        get()
          .spec.nodes.filter(isLockedLayer)
          .map((n) => n.id),
      );
      const targets = chosen.filter((id) => !locked.has(id));
      if (targets.length === 0) return;
      const layout = { ...get().layout };
      for (const id of targets) delete layout[id];
      edit(removeLayers(get().spec, targets), layout, null);
    },

    connectLayers: (from, to) => {
      const next = connect(get().spec, from, to);
      if (next !== get().spec) edit(next);
    },
    disconnectLayers: (from, to) => {
      const next = disconnect(get().spec, from, to);
      if (next !== get().spec) edit(next);
    },
    reconnectLayers: (old, next) => {
      const spec = reconnect(get().spec, old, next);
      if (spec !== get().spec) edit(spec);
    },

    setLayerParams: (id, params) =>
      edit(
        updateParams(get().spec, id, params),
        get().layout,
        undefined,
        `params:${id}:${Object.keys(params).join(",")}`,
      ),

    duplicateSelected: () => {
      const id = get().selectedNodeId;
      // A pretrained block's layer is not copied on its own (it would join the locked block).
      if (!id || isLockedLayer(get().spec.nodes.find((n) => n.id === id))) return;
      const copy = duplicateLayer(get().spec, id);
      if (!copy) return;
      const from = get().layout[id] ?? { x: 0, y: 0 };
      const spot = freeSpot(get().layout, { x: from.x + 240, y: from.y });
      edit(copy.spec, { ...get().layout, [copy.id]: spot }, copy.id);
    },

    nudgeLayers: (positions) =>
      edit(
        get().spec,
        { ...get().layout, ...positions },
        undefined,
        `move:${Object.keys(positions).join(",")}`,
      ),

    moveLayers: (positions, before) => {
      const layout = { ...get().layout, ...positions };
      if (before) {
        set({
          past: withStep(get().past, { spec: get().spec, layout: before }),
          future: [],
          layout,
        });
      } else {
        set({ layout });
      }
    },

    selectLayer: (id) => set({ selectedNodeId: id }),

    applyTemplate: (id) => {
      const template = TEMPLATES.find((t) => t.id === id);
      const shape = dataShapeOf(get()) ?? { featureCount: 4, task: get().task, classCount: 3 };
      if (!template) return;
      const built = template.build(shape);
      if (typeof built === "string") {
        set({ templateError: built, templateOffer: templateFallback(id, shape) });
        return;
      }
      edit(built, autoLayout(built), null);
    },

    arrange: () => edit(get().spec, autoLayout(get().spec)),

    clearModel: () => edit({ version: 1, inputs: [], nodes: [], edges: [], outputs: [] }, {}, null),

    fitHead: () => {
      const shape = dataShapeOf(get());
      if (!shape) return;
      const spec = fitHeadToData(get().spec, selectAnalysis(get()), shape);
      if (spec !== get().spec) edit(spec, placeNewNodes(spec, get().layout));
    },

    // Undo also takes away the note that new data replaced the person's model.
    undo: () => travel(undoStep, { customModelReplaced: false }),
    redo: () => travel(redoStep, {}),

    syncModelToData: () => {
      const shape = dataShapeOf(get());
      if (!shape) return;
      if (get().specIsDefault) {
        const spec = defaultModelFor(shape);
        set({ spec, layout: autoLayout(spec) });
        return;
      }
      const spec = fitInputsToData(get().spec, shape.featureCount);
      if (spec !== get().spec) set({ spec });
    },

    proposeModel: () => {
      const shape = dataShapeOf(get());
      if (!shape) return;
      const spec = defaultModelFor(shape);
      // Replacing a model the person made stays undoable; replacing the proposal needs no history.
      if (get().specIsDefault) set({ spec, layout: autoLayout(spec), selectedNodeId: null });
      else {
        edit(spec, autoLayout(spec), null);
        set({ customModelReplaced: true });
      }
      set({ specIsDefault: true });
    },

    showModel: (spec) => edit(spec, autoLayout(spec), null),
    restoreReplacedModel: () => {
      if (get().customModelReplaced) get().undo();
    },
    dismissModelReplaced: () => set({ customModelReplaced: false }),
  };
};

/** The layout with every node it lacks placed a row below the node feeding it. */
function placeNewNodes(spec: ModelSpec, layout: Layout): Layout {
  const placed: Layout = { ...layout };
  for (const node of spec.nodes) {
    if (placed[node.id]) continue;
    const input = spec.edges.find((edge) => edge.to === node.id)?.from;
    placed[node.id] = freeSpot(placed, spotBelow(placed, input ? placed[input] : undefined));
  }
  return placed;
}
