import { plural } from "../../core/text/plural";
import { overWhite, readableTextOn, toCss, type Rgb } from "../../ui/contrast";
import "./evaluation.css";

const BLUE: Rgb = [37, 99, 235];
const RED: Rgb = [220, 38, 38];

/** confusion[actual][predicted] as a shaded table: rows are true classes, columns predictions. */
export function ConfusionMatrix(props: {
  classNames: string[];
  confusion: number[][];
  /** Said after the caption's description, e.g. the threshold the decisions were made at. */
  note?: string;
  /** Image models: a click on a cell shows that cell's pictures. */
  onCellClick?: (actual: number, predicted: number) => void;
}) {
  const { onCellClick } = props;
  const { classNames, confusion } = props;
  // Only picture reports take clicks; a table's cells count rows.
  const noun = onCellClick ? "picture" : "row";
  return (
    <div className="table-scroll">
      <table data-testid="confusion-matrix" className="confusion">
        <caption>
          Confusion matrix: rows are the true classes, columns the predicted ones; the shading shows
          the share of each row, the numbers are counts.{props.note ? ` ${props.note}` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">true ↓ / predicted →</th>
            {classNames.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, actual) => {
            const total = row.reduce((a, b) => a + b, 0);
            const actualName = classNames[actual] ?? String(actual);
            return (
              <tr key={actualName}>
                <th scope="row">{actualName}</th>
                {row.map((count, predicted) => {
                  const share = total > 0 ? count / total : 0;
                  const correct = actual === predicted;
                  const shade = overWhite(correct ? BLUE : RED, share * 0.85);
                  return (
                    <td
                      key={predicted}
                      data-actual={actualName}
                      data-predicted={classNames[predicted]}
                      data-count={count}
                      className={`number${correct ? " diagonal" : ""}`}
                      style={{ background: toCss(shade), color: readableTextOn(shade) }}
                      title={`${count} of ${plural(total, `“${actualName}” ${noun}`)} predicted as “${classNames[predicted]}” (${(share * 100).toFixed(1)}%)`}
                    >
                      {/* An empty cell has nothing to show, so it is no button. */}
                      {onCellClick && count > 0 ? (
                        <button
                          type="button"
                          className="cell-button"
                          onClick={() => onCellClick(actual, predicted)}
                          aria-label={`Show ${count === 1 ? "the picture" : `the ${count} pictures`} of “${actualName}” predicted as “${classNames[predicted]}”`}
                        >
                          {count}
                        </button>
                      ) : (
                        count
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
