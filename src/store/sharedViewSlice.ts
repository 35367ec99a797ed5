import type { StudioServices } from "../services/studioServices";
import type { StateCreator } from "zustand";
import { messageOf } from "../core/errors";
import type { TrainedModel } from "../core/project/trainedModel";
import { ShareApiError } from "../core/share/hostedApi";
import type { ShareRoute } from "../core/share/route";
import type { StudioState } from "./index";

export type SharedViewState =
  | { state: "none" | "loading" }
  | {
      state: "ready";
      source: "inline" | "hosted";
      /** Hosted only: the share's id, version and when that version was published. */
      id: string | null;
      version: number | null;
      updatedAt: string | null;
      model: TrainedModel;
    }
  | { state: "deleted" | "not-found" }
  | { state: "failed"; problem: string };

export interface SharedViewSlice {
  sharedView: SharedViewState;
  /** Reads the model a link carries (inline) or names (hosted) and makes it the try-it model. */
  openSharedLink: (route: Exclude<ShareRoute, { kind: "studio" }>) => Promise<void>;
  /** Continues from the shared model in the studio, as if its bundle had been imported. */
  openSharedInStudio: () => void;
}

export const createSharedViewSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], SharedViewSlice> =>
  (set, get) => {
    // The "loading" state an opening set is its ticket: once another opening, or Open in the
    // studio, has replaced it in the store, this opening's answer is dropped.
    type Ticket = SharedViewState;
    const show = (next: SharedViewState, current: Ticket) => {
      if (get().sharedView !== current) return;
      set({ sharedView: next });
      if (next.state === "ready") get().setTrainedModel(next.model, "link");
    };

    const openHosted = async (id: string, current: Ticket) => {
      if (!id) return show({ state: "not-found" }, current);
      try {
        const metadata = await services.share.metadata(id);
        // The bundle of the version the metadata names, not "the latest": a version published
        // between the two requests must not put one version's model under another's label.
        const bytes = await services.share.bundle(id, metadata.version);
        const reply = await services.predict.readBundle(new Blob([bytes as BlobPart]));
        if (!reply.ok) {
          return show(
            { state: "failed", problem: `The shared bundle cannot be opened: ${reply.problem}` },
            current,
          );
        }
        show(
          {
            state: "ready",
            source: "hosted",
            id,
            version: metadata.version,
            updatedAt: metadata.updatedAt ?? metadata.createdAt,
            model: reply.model,
          },
          current,
        );
      } catch (error) {
        if (
          error instanceof ShareApiError &&
          (error.kind === "deleted" || error.kind === "not-found")
        )
          show({ state: error.kind }, current);
        else show({ state: "failed", problem: messageOf(error) }, current);
      }
    };

    return {
      sharedView: { state: "none" },
      openSharedLink: async (route) => {
        const current: Ticket = { state: "loading" };
        set({ sharedView: current });
        if (route.kind === "hosted") return openHosted(route.id, current);
        try {
          const reply = await services.predict.decodeInlineLink(route.payload);
          if (!reply.ok) return show({ state: "failed", problem: reply.problem }, current);
          show(
            {
              state: "ready",
              source: "inline",
              id: null,
              version: null,
              updatedAt: null,
              model: reply.model,
            },
            current,
          );
        } catch (error) {
          show({ state: "failed", problem: messageOf(error) }, current);
        }
      },
      openSharedInStudio: () => {
        const view = get().sharedView;
        if (view.state !== "ready") return;
        get().cancelTraining();
        get().showModel(view.model.spec);
        set({ sharedView: { state: "none" }, evaluation: null });
        get().setTrainedModel(view.model, "link");
      },
    };
  };
