import { useStudio } from "../../store";
import { selectTable } from "../../store/selectors";
import { plural } from "../../core/text/plural";

/** The first rows of the table as read, so a person can see the raw data they are training on. */
export function DataPreview() {
  const table = useStudio(selectTable);
  if (!table || table.preview.length === 0) return null;
  const shown = table.preview.length;
  return (
    <details className="data-preview" data-testid="data-preview">
      <summary>
        Preview: the first {plural(shown, "row")} as read
        {table.rowCount > shown ? ` (of ${plural(table.rowCount, "row")})` : ""}
      </summary>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">
            The first {plural(shown, "row")} of {table.fileName}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {table.headers.map((header) => (
                <th scope="col" key={header}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.preview.map((row, r) => (
              <tr key={r}>
                <th scope="row">{r + 1}</th>
                {row.map((cell, c) => (
                  <td key={c} className={cell === null ? "muted" : undefined}>
                    {cell ?? "(missing)"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
