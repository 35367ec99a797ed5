/** A metric value: rounded for reading, unrounded in data-value for checking. */
export function MetricCell(props: {
  metric: string;
  value: number;
  className?: string;
  average?: string;
  digits?: number;
  integer?: boolean;
  /** Ids of the header cells that name this cell, where the table's layout does not say it. */
  headers?: string;
  colSpan?: number;
}) {
  const { value, digits = 3 } = props;
  return (
    <td
      data-metric={props.metric}
      data-class={props.className}
      data-average={props.average}
      data-value={String(value)}
      headers={props.headers}
      colSpan={props.colSpan}
      className="number"
    >
      {props.integer
        ? value.toLocaleString()
        : Number.isFinite(value)
          ? value.toFixed(digits)
          : "–"}
    </td>
  );
}
