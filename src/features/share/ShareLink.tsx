import { useId, useState } from "react";

/** The link in a read-only field, with a copy button that says when it copied. */
export function ShareLink({ url, label }: { url: string; label: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <div className="share-link">
      <label htmlFor={id}>{label}</label>
      <div className="controls">
        <input
          id={id}
          data-testid="share-link"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="secondary" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      {copied === "yes" && <p role="status">Copied to the clipboard.</p>}
      {copied === "no" && (
        <p className="alert" role="alert">
          The browser did not allow copying. Select the link and copy it with Ctrl+C (⌘C).
        </p>
      )}
    </div>
  );
}
