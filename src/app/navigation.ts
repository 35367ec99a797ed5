import { useMemo, useSyncExternalStore } from "react";
import { parseShareRoute, type ShareRoute } from "../core/share/route";

/*
 * The page's two routes without a router library: the studio, and a shared model (`/s/<id>` or
 * `/#m=<payload>`). The address is the state; `navigate` changes it and tells the subscribers.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  window.addEventListener("hashchange", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
    window.removeEventListener("hashchange", listener);
  };
}

const snapshot = () => `${window.location.pathname}\n${window.location.hash}`;

/** Goes to `path` in this tab (kept in the history, so Back returns to the shared view). */
export function navigate(path: string): void {
  window.history.pushState(null, "", path);
  for (const listener of listeners) listener();
}

/** The route of the current address; re-renders when it changes. */
export function useShareRoute(): ShareRoute {
  const address = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const [pathname = "/", hash = ""] = address.split("\n");
    return parseShareRoute(pathname, hash);
  }, [address]);
}
