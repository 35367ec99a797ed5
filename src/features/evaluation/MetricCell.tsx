/** A metric value: rounded for reading, unrounded in data-value for checking. */
export function MetricCell(props: {
  metric: string;
  value: number;
  className?: string;
  average?: string;
  digits?: number;
  integer?: boolean;
}) {
  const { value, digits = 3 } = props;
  return (
    <td
      data-metric={props.metric}
      data-class={props.className}
      data-average={props.average}
      data-value={String(value)}
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
