import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type Edge as FlowEdge,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { canConnect, isLockedLayer } from "../../core/model/connections";
import type { Layout } from "../../core/model/layout";
import { LAYER_TYPES, type LayerType } from "../../core/model/spec";
import { useStudio } from "../../store";
import { selectAnalysis, selectDataFitProblems, selectWaitingForData } from "../../store/selectors";
import { LayerNodeView, type LayerFlowNode } from "./LayerNodeView";
import { LayerEdge } from "./LayerEdge";
import { PretrainedBlockView, type PretrainedFlowNode } from "./PretrainedBlockView";
import { layerGroups } from "../../core/model/groups";
import { FIT_VIEW_OPTIONS } from "./fitView";
import { LAYER_DRAG_TYPE } from "./LayerPalette";

const NODE_TYPES: NodeTypes = { layer: LayerNodeView, pretrained: PretrainedBlockView };

type FlowNode = LayerFlowNode | PretrainedFlowNode;
const EDGE_TYPES: EdgeTypes = { layer: LayerEdge };

const NO_NODES: FlowNode[] = [];
const NO_EDGES: FlowEdge[] = [];

/** The flow id of an edge: a layer may take the same input only once, but ids stay unique. */
const edgeId = (edge: { from: string; to: string; toIndex: number }) =>
  `${edge.from}->${edge.to}#${edge.toIndex}`;

/** The canvas element's id, for the skip link that jumps to it. */
export const CANVAS_ID = "model-canvas-area";

export function ModelCanvas() {
  const spec = useStudio((s) => s.spec);
  const layout = useStudio((s) => s.layout);
  const selectedId = useStudio((s) => s.selectedNodeId);
  const waitingForData = useStudio(selectWaitingForData);
  const analysis = useStudio(selectAnalysis);
  const fitProblems = useStudio(selectDataFitProblems);
  const addLayerAt = useStudio((s) => s.addLayerAt);
  const moveLayers = useStudio((s) => s.moveLayers);
  const nudgeLayers = useStudio((s) => s.nudgeLayers);
  const selectLayer = useStudio((s) => s.selectLayer);
  const removeLayers = useStudio((s) => s.removeSelectedOr);
  const connectLayers = useStudio((s) => s.connectLayers);
  const disconnectLayers = useStudio((s) => s.disconnectLayers);
  const reconnectLayers = useStudio((s) => s.reconnectLayers);
  const { screenToFlowPosition, getViewport, setCenter } = useReactFlow();
  const dragStart = useRef<Layout | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());

  // A layer added from the palette (or a template) may land outside the view: bring it in.
  useEffect(() => {
    const position = selectedId ? layout[selectedId] : undefined;
    const box = wrapper.current?.getBoundingClientRect();
    if (!position || !box) return;
    const { x, y, zoom } = getViewport();
    const left = position.x * zoom + x;
    const top = position.y * zoom + y;
    if (left < 0 || top < 0 || left + 200 * zoom > box.width || top + 80 * zoom > box.height) {
      void setCenter(position.x + 100, position.y + 40, { zoom, duration: 200 });
    }
  }, [selectedId, layout, getViewport, setCenter]);

  // Delete acts on the item with the keyboard focus (a connection or a layer), not on whatever
  // happens to be selected; with the focus elsewhere (the canvas, a palette button), on the
  // selection, as React Flow did. Never while typing in a field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Delete" && event.key !== "Backspace") return;
      const focused = document.activeElement;
      if (focused?.closest("input, textarea, select, [contenteditable=true]")) return;
      const edgeElement = focused?.closest(".react-flow__edge");
      const nodeElement = focused?.closest(".react-flow__node");
      const id = (edgeElement ?? nodeElement)?.getAttribute("data-id");
      const state = useStudio.getState();
      if (edgeElement && id) {
        const edge = state.spec.edges.find((e) => edgeId(e) === id);
        if (edge) disconnectLayers(edge.from, edge.to);
      } else if (nodeElement && id) {
        // The pretrained block is locked: its layers go only with the whole model.
        if (isLockedLayer(state.spec.nodes.find((n) => n.id === id))) return;
        removeLayers([id]);
      } else {
        const chosen = state.spec.edges.filter((e) => selectedEdges.has(edgeId(e)));
        for (const edge of chosen) disconnectLayers(edge.from, edge.to);
        if (chosen.length === 0 && !state.selectedNodeId) return;
        if (chosen.length === 0) removeLayers([]);
      }
      event.preventDefault();
      setSelectedEdges(new Set());
      // Keep the keyboard on the canvas rather than losing focus to the page.
      if (wrapper.current?.contains(focused)) wrapper.current.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [disconnectLayers, removeLayers, selectedEdges]);

  // Nodes whose content did not change keep their object, so React Flow re-renders only the
  // layers an edit touched (a keystroke in the inspector redraws one node, not a hundred).
  const previous = useRef(new Map<string, LayerFlowNode>());
  const groups = useMemo(() => layerGroups(spec), [spec]);
  const hidden = useMemo(
    () => new Set(groups.flatMap((g) => g.memberIds.filter((id) => id !== g.blockId))),
    [groups],
  );
  const nodes: FlowNode[] = useMemo(() => {
    const fitErrors = new Map(
      fitProblems.filter((p) => p.nodeId).map((p) => [p.nodeId, p.message]),
    );
    const blocks = groups.map((group): PretrainedFlowNode => {
      const members = group.memberIds.map((id) => ({
        layer: spec.nodes.find((n) => n.id === id) as (typeof spec.nodes)[number],
        shape: analysis.nodes[id]?.shape ?? null,
      }));
      const paramCount = group.memberIds.reduce((n, id) => {
        const params = analysis.nodes[id]?.params;
        return n + (params ? params.trainable + params.nonTrainable : 0);
      }, 0);
      return {
        id: group.blockId,
        type: "pretrained",
        position: layout[group.blockId] ?? { x: 0, y: 0 },
        selected: group.blockId === selectedId,
        deletable: false,
        data: { name: group.name, members, shape: members.at(-1)?.shape ?? null, paramCount },
      };
    });
    const blockIds = new Set(groups.map((g) => g.blockId));
    const next = spec.nodes
      .filter((layer) => !hidden.has(layer.id) && !blockIds.has(layer.id))
      .map((layer): LayerFlowNode => {
        const info = analysis.nodes[layer.id];
        const params = info?.params;
        const node: LayerFlowNode = {
          id: layer.id,
          type: "layer",
          position: layout[layer.id] ?? { x: 0, y: 0 },
          selected: layer.id === selectedId,
          data: {
            layer,
            shape: info?.shape ?? null,
            paramCount: params ? params.trainable + params.nonTrainable : null,
            error: info?.error ?? fitErrors.get(layer.id) ?? null,
            unknown: info?.unknown ?? false,
          },
        };
        const old = previous.current.get(layer.id);
        return old && sameNode(old, node) ? old : node;
      });
    previous.current = new Map(next.map((node) => [node.id, node]));
    return [...blocks, ...next];
  }, [spec, layout, analysis, selectedId, fitProblems, groups, hidden]);

  const edges: FlowEdge[] = useMemo(() => {
    const inputCounts = new Map<string, number>();
    for (const edge of spec.edges) inputCounts.set(edge.to, (inputCounts.get(edge.to) ?? 0) + 1);
    return spec.edges
      .filter((edge) => !hidden.has(edge.from) && !hidden.has(edge.to))
      .map((edge) => ({
        id: edgeId(edge),
        type: "layer",
        source: edge.from,
        target: edge.to,
        label: (inputCounts.get(edge.to) ?? 0) > 1 ? `input ${edge.toIndex + 1}` : undefined,
        reconnectable: true,
        selected: selectedEdges.has(edgeId(edge)),
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      }));
  }, [spec.edges, selectedEdges, hidden]);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of changes) {
        if (change.type !== "select") continue;
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const positions: Layout = {};
      // Arrow keys move a selected layer without a drag; those moves are undoable too.
      let keyboard = false;
      for (const change of changes) {
        if (change.type === "position" && change.position) positions[change.id] = change.position;
        if (change.type === "position" && change.dragging === false && !dragStart.current)
          keyboard = true;
        if (change.type === "select" && change.selected) selectLayer(change.id);
        if (
          change.type === "select" &&
          !change.selected &&
          change.id === useStudio.getState().selectedNodeId
        ) {
          selectLayer(null);
        }
      }
      if (Object.keys(positions).length === 0) return;
      if (keyboard) nudgeLayers(positions);
      else moveLayers(positions);
    },
    [moveLayers, nudgeLayers, selectLayer],
  );

  return (
    <div
      className="canvas"
      id={CANVAS_ID}
      role="group"
      aria-label="Model canvas: Tab reaches each layer and connection"
      data-testid="model-canvas"
      ref={wrapper}
      tabIndex={-1}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(LAYER_DRAG_TYPE)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }
      }}
      onDrop={(event) => {
        const type = event.dataTransfer.getData(LAYER_DRAG_TYPE);
        if (!(LAYER_TYPES as readonly string[]).includes(type)) return;
        event.preventDefault();
        const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
        addLayerAt(type as LayerType, { x: position.x - 100, y: position.y - 30 });
      }}
    >
      {waitingForData ? (
        <div className="canvas-empty">
          <p>
            <strong>No model yet.</strong> Load a table or pick a sample in{" "}
            <a href="#data">step 1, Data</a>: a model that fits it appears here.
          </p>
          <p>Or start from a template above, or drag layers from the palette.</p>
        </div>
      ) : (
        spec.nodes.length === 0 && (
          <div className="canvas-empty">
            <p>
              <strong>The canvas is empty.</strong> Drag a layer here from the palette (start with
              an Input), or start from a template above.
            </p>
          </div>
        )
      )}
      <ReactFlow<FlowNode, FlowEdge>
        nodes={waitingForData ? NO_NODES : nodes}
        edges={waitingForData ? NO_EDGES : edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        isValidConnection={(connection) =>
          canConnect(useStudio.getState().spec, connection.source, connection.target)
        }
        onNodeDragStart={() => {
          dragStart.current = useStudio.getState().layout;
        }}
        onNodeDragStop={(_event, node) => {
          if (dragStart.current) moveLayers({ [node.id]: node.position }, dragStart.current);
          dragStart.current = null;
        }}
        onConnect={(connection) => connectLayers(connection.source, connection.target)}
        onReconnect={(old, next) =>
          reconnectLayers(
            { from: old.source, to: old.target },
            { from: next.source, to: next.target },
          )
        }
        onPaneClick={() => selectLayer(null)}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        panOnScroll
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
      </ReactFlow>
    </div>
  );
}

function sameNode(a: LayerFlowNode, b: LayerFlowNode): boolean {
  const x = a.data;
  const y = b.data;
  return (
    a.selected === b.selected &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    x.layer === y.layer &&
    x.error === y.error &&
    x.unknown === y.unknown &&
    x.paramCount === y.paramCount &&
    JSON.stringify(x.shape) === JSON.stringify(y.shape)
  );
}
