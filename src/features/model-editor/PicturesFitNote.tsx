import type { PicturesFit } from "../../core/transfer/picturesFit";
import { useStudio } from "../../store";
import { selectImageStatus } from "../../store/selectors";

/**
 * Beside "Use it": why the loaded backbone cannot take the pictures as they are, with the one
 * action that makes them fit (which then puts the backbone on the canvas), or a way to the data.
 */
export function PicturesFitNote(props: { id: string; fit: PicturesFit; onFix: () => void }) {
  const { id, fit, onFix } = props;
  const decoding = useStudio((s) => s.pretrainedPendingUse && selectImageStatus(s) === "loading");
  const progress = useStudio((s) => s.imageProgress);
  return (
    <div className="notice" role="status" id={id} data-testid="backbone-fit">
      <p>{fit.problem}</p>
      {fit.how === "drop-again" ? (
        <a className="button secondary" href="#data">
          {fit.action}
        </a>
      ) : (
        <button type="button" onClick={onFix} disabled={decoding}>
          {fit.action}
        </button>
      )}
      {decoding && (
        <span className="hint">
          {" "}
          Decoding the pictures again…
          {progress && progress.total > 0 ? ` ${progress.done} of ${progress.total}` : ""}
        </span>
      )}
    </div>
  );
}
