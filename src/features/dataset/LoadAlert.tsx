/**
 * What went wrong with the last file or pictures dropped (role="alert"), saying what is still
 * loaded, with a way to dismiss it.
 */
export function LoadAlert(props: { message: string; kept: string | null; onDismiss: () => void }) {
  const { message, kept, onDismiss } = props;
  return (
    <div className="alert" role="alert">
      <span>{message}</span>
      {kept && <span> {kept}</span>}
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
