import { useState } from "react";
import type { TrainedModel } from "../../core/project/trainedModel";
import { LONG_INLINE_LINK_CHARS, MAX_INLINE_LINK_CHARS } from "../../core/share/inlineLinkLimits";
import { useStudio } from "../../store";
import type { ShareMode } from "../../store/shareSlice";
import { ShareLink } from "./ShareLink";

const MODE_HELP: Record<ShareMode, string> = {
  inline:
    "Inline: the whole model is packed into the link itself. Nothing is uploaded; the link works as long as this studio's address does.",
  hosted:
    "Hosted: the model is uploaded to this studio's server. The link is short, you can publish new versions to it and take it down; it also answers inference requests.",
};

function HostedControls() {
  const hosted = useStudio((s) => s.hostedShare);
  const model = useStudio((s) => s.trainedModel);
  const status = useStudio((s) => s.shareStatus);
  const updateShare = useStudio((s) => s.updateShare);
  const deleteShare = useStudio((s) => s.deleteShare);
  const [confirming, setConfirming] = useState(false);
  if (!hosted) return null;
  const working = status.state === "working";
  const upToDate = hosted.model !== null && hosted.model === model;
  return (
    <div className="stack">
      <ShareLink url={hosted.url} label={`Hosted link (version ${hosted.version})`} />
      <p className="hint" data-testid="share-version" data-version={hosted.version}>
        Version {hosted.version}
        {upToDate
          ? " shows the current model."
          : model
            ? " shows an earlier model; publish the current one as a new version."
            : " shows an earlier model; train a model (or open a bundle) to publish it as a new version."}{" "}
        This browser keeps the owner key of this link; it is not part of the link.
      </p>
      <div className="controls">
        <button
          type="button"
          className="secondary"
          data-testid="share-update-button"
          disabled={working || !model}
          onClick={() => void updateShare()}
        >
          {status.state === "working" && status.action === "update"
            ? "Publishing…"
            : `Publish the current model as version ${hosted.version + 1}`}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="share-delete-button"
          disabled={working}
          onClick={() => setConfirming(true)}
        >
          Take the link down…
        </button>
      </div>
      {confirming && (
        <div className="warning stack" role="group" aria-label="Confirm taking the link down">
          <p>
            Take this link down? Anyone who opens it will see that the model was deleted, and its
            inference endpoint stops answering. This cannot be undone.
          </p>
          <div className="controls">
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                void deleteShare();
              }}
            >
              Yes, delete the hosted model
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** What of the data travels with the link to try the model on, in words. */
function trySamples(model: TrainedModel): string {
  if (model.preprocessing.image) {
    const count = model.sampleImages?.length ?? 0;
    return `up to ${count} test picture${count === 1 ? "" : "s"}`;
  }
  const count = model.sampleRows.length;
  return `up to ${count} test row${count === 1 ? "" : "s"}`;
}

export function SharePanel() {
  const model = useStudio((s) => s.trainedModel);
  const mode = useStudio((s) => s.shareMode);
  const setMode = useStudio((s) => s.setShareMode);
  const status = useStudio((s) => s.shareStatus);
  const inline = useStudio((s) => s.inlineShare);
  const hosted = useStudio((s) => s.hostedShare);
  const createShare = useStudio((s) => s.createShare);
  const working = status.state === "working";

  return (
    <div className="stack">
      <p className="hint">
        {model
          ? `Share “${model.name}” as a link: whoever opens it sees its report and curves and can try it in their own browser, no account needed. The dataset is not shared (only ${trySamples(model)}, to try it on).`
          : "After training (or importing a bundle), share the model as a link."}
      </p>
      <div className="controls">
        <label>
          Kind of link{" "}
          <select
            data-testid="share-mode-select"
            value={mode}
            onChange={(e) => setMode(e.target.value as ShareMode)}
          >
            <option value="inline">Inline (the model in the link)</option>
            <option value="hosted">Hosted (uploaded, can be updated and deleted)</option>
          </select>
        </label>
        <button
          type="button"
          data-testid="share-button"
          disabled={!model || working || (mode === "hosted" && hosted !== null)}
          onClick={() => void createShare()}
        >
          {status.state === "working" && status.action === "create"
            ? mode === "inline"
              ? "Packing the model…"
              : "Uploading…"
            : mode === "inline"
              ? "Make an inline link"
              : "Upload and make a hosted link"}
        </button>
      </div>
      <p className="hint">{MODE_HELP[mode]}</p>
      {status.state === "too-large" && (
        <p className="alert" role="alert">
          This model is too large for an inline link
          {status.chars === null
            ? ""
            : ` (${status.chars.toLocaleString("en")} characters; the limit is ${MAX_INLINE_LINK_CHARS.toLocaleString("en")})`}
          . Choose “Hosted” to upload it and share a short link instead.
        </p>
      )}
      {status.state === "failed" && (
        <p className="alert" role="alert">
          Sharing failed: {status.problem}
        </p>
      )}
      {status.state === "deleted" && (
        <p role="status">The hosted link was taken down; it now says the model was deleted.</p>
      )}
      {mode === "inline" && inline && (
        <>
          <ShareLink url={inline.url} label="Inline link" />
          <p className="hint">
            {inline.url.length.toLocaleString("en")} characters.
            {inline.model === model
              ? ""
              : " It holds an earlier model: make a new link for the current one."}
          </p>
          {inline.url.length > LONG_INLINE_LINK_CHARS && (
            <p className="warning" data-testid="share-long-link">
              This link is too long for most chat apps and e-mail (they cut links of more than about{" "}
              {LONG_INLINE_LINK_CHARS.toLocaleString("en")} characters). Paste it straight into a
              browser, or choose “Hosted” above for a short link.
            </p>
          )}
        </>
      )}
      {mode === "hosted" && <HostedControls />}
    </div>
  );
}
