import { agree, plural } from "../../core/text/plural";
import { useRef, useState } from "react";
import { useStudio } from "../../store";
import { downloadFile } from "../../ui/download";
import { messageOf } from "../../core/errors";

type Outcome = { kind: "status"; text: string } | { kind: "alert"; text: string } | null;

const list = (names: string[]) => names.map((n) => `“${n}”`).join(", ");

/** A CSV of new rows in, the same rows with predictions appended out (as a download). */
export function CsvPredict() {
  const predictCsv = useStudio((s) => s.predictCsv);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const input = useRef<HTMLInputElement>(null);

  const run = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    try {
      const reply = await predictCsv(file);
      if (!reply.ok) {
        setOutcome({ kind: "alert", text: reply.problem });
        return;
      }
      const outName = `${file.name.replace(/\.[^.]+$/, "")}-predictions.csv`;
      downloadFile(reply.csv, outName, "text/csv");
      const notes = [`Predicted ${plural(reply.rows, "row")}; downloaded ${outName}.`];
      if (reply.extraColumns.length > 0)
        notes.push(`Ignored columns the model does not use: ${list(reply.extraColumns)}.`);
      for (const { column, rows } of reply.unknownCategories)
        notes.push(
          `${plural(rows, "row")} ${agree(rows, "has", "have")} a “${column}” the model never saw in training; it counts as none of the known ones.`,
        );
      setOutcome({ kind: "status", text: notes.join(" ") });
    } catch (error) {
      setOutcome({ kind: "alert", text: messageOf(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div className="stack">
      <p className="hint">
        Choose a CSV with the model&apos;s input columns; it comes back as a download with the
        predictions appended.
      </p>
      <label className="button secondary file-button">
        Choose a CSV…
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void run(file);
          }}
        />
      </label>
      {busy && <p className="hint">Predicting…</p>}
      {outcome?.kind === "alert" && (
        <p className="alert" role="alert">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === "status" && <p role="status">{outcome.text}</p>}
    </div>
  );
}
