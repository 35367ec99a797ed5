import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";

/**
 * A connection between layers. One that skips rows straight down a column (a residual link) bows
 * out to the side, so it is not hidden behind the layers it skips.
 */
export function LayerEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const skips = Math.abs(sourceX - targetX) < 40 && targetY - sourceY > 160;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (skips) {
    const bow = Math.min(220, 90 + (targetY - sourceY) / 6);
    path = `M ${sourceX},${sourceY} C ${sourceX + bow},${sourceY + 60} ${targetX + bow},${targetY - 60} ${targetX},${targetY}`;
    labelX = (sourceX + targetX) / 2 + bow * 0.75;
    labelY = (sourceY + targetY) / 2;
  } else {
    [path, labelX, labelY] = getBezierPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
  }
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        style={props.style}
        interactionWidth={16}
      />
      {props.label && (
        <EdgeLabelRenderer>
          <div
            className="edge-label"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {props.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
