import type { StudioServices } from "../services/studioServices";
import type { StateCreator } from "zustand";
import {
  inlineLinkMayFit,
  inlineLinkUrl,
  MAX_INLINE_LINK_CHARS,
} from "../core/share/inlineLinkLimits";
import { ShareApiError } from "../core/share/hostedApi";
import type { TrainedModel } from "../core/project/trainedModel";
import { absoluteUrl } from "./shareApi";
import type { StudioState } from "./index";
import type { SliceData } from "./storageClasses";
import { messageOf } from "../core/errors";

export type ShareMode = "inline" | "hosted";

import type { HostedShare } from "../core/project/projectState";

export type ShareStatus =
  | { state: "idle" }
  | { state: "working"; action: "create" | "update" | "delete" }
  | { state: "failed"; problem: string }
  /** The inline link would be too long; hosted works. */
  | { state: "too-large"; chars: number | null }
  | { state: "deleted"; id: string };

export interface ShareSlice {
  shareMode: ShareMode;
  setShareMode: (mode: ShareMode) => void;
  /** The inline link made for `model` (links for another model are stale and not shown). */
  inlineShare: { url: string; model: TrainedModel } | null;
  hostedShare: HostedShare | null;
  shareStatus: ShareStatus;
  /** Makes a link of the current mode for the current model. */
  createShare: () => Promise<void>;
  /** Publishes the current model as the hosted link's next version. */
  updateShare: () => Promise<void>;
  /** Takes the hosted link down (the server answers 410 for it afterwards). */
  deleteShare: () => Promise<void>;
}

/** The share slice's data before any link: also a new project's (but for the chosen mode). */
export const initialShareState = (): SliceData<ShareSlice> => ({
  shareMode: "inline",
  inlineShare: null,
  hostedShare: null,
  shareStatus: { state: "idle" },
});

export const createShareSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], ShareSlice> =>
  (set, get) => {
    /** The current model's bundle, built in the predict worker exactly as the export builds it. */
    const bundleOf = async (model: TrainedModel): Promise<Uint8Array> => {
      const reply = await services.predict.exportBundle(model);
      if (!reply.ok) throw new Error(`The bundle could not be written: ${reply.problem}`);
      return reply.bytes;
    };
    const busy = () => get().shareStatus.state === "working";

    const createInline = async (model: TrainedModel) => {
      if (!inlineLinkMayFit(model)) {
        set({ shareStatus: { state: "too-large", chars: null } });
        return;
      }
      set({ shareStatus: { state: "working", action: "create" } });
      let reply;
      try {
        reply = await services.predict.encodeInlineLink(model);
      } catch (error) {
        reply = { ok: false as const, problem: messageOf(error) };
      }
      if (!reply.ok) {
        set({ shareStatus: { state: "failed", problem: reply.problem } });
        return;
      }
      const url = inlineLinkUrl(absoluteUrl("/"), reply.payload);
      if (url.length > MAX_INLINE_LINK_CHARS) {
        set({ shareStatus: { state: "too-large", chars: url.length } });
        return;
      }
      set({ inlineShare: { url, model }, shareStatus: { state: "idle" } });
    };

    const createHosted = async (model: TrainedModel) => {
      set({ shareStatus: { state: "working", action: "create" } });
      try {
        const created = await services.share.create(await bundleOf(model));
        services.ownerTokens.set(created.id, created.ownerToken);
        set({
          hostedShare: {
            id: created.id,
            url: absoluteUrl(created.url),
            version: created.version,
            ownerToken: created.ownerToken,
            modelCreatedAt: model.createdAt,
            model,
          },
          shareStatus: { state: "idle" },
        });
      } catch (error) {
        set({ shareStatus: { state: "failed", problem: messageOf(error) } });
      }
    };

    return {
      ...initialShareState(),
      setShareMode: (shareMode) => set({ shareMode, shareStatus: { state: "idle" } }),

      createShare: async () => {
        const model = get().trainedModel;
        if (!model || busy()) return;
        if (get().shareMode === "inline") await createInline(model);
        else await createHosted(model);
      },

      updateShare: async () => {
        const model = get().trainedModel;
        const hosted = get().hostedShare;
        if (!model || !hosted || busy()) return;
        set({ shareStatus: { state: "working", action: "update" } });
        try {
          const bundle = await bundleOf(model);
          const updated = await services.share.update(hosted.id, hosted.ownerToken, bundle);
          set({
            hostedShare: {
              ...hosted,
              url: absoluteUrl(updated.url),
              version: updated.version,
              modelCreatedAt: model.createdAt,
              model,
            },
            shareStatus: { state: "idle" },
          });
        } catch (error) {
          set({ shareStatus: { state: "failed", problem: messageOf(error) } });
        }
      },

      deleteShare: async () => {
        const hosted = get().hostedShare;
        if (!hosted || busy()) return;
        set({ shareStatus: { state: "working", action: "delete" } });
        try {
          await services.share.remove(hosted.id, hosted.ownerToken);
        } catch (error) {
          // Already gone is what was asked for.
          if (!(error instanceof ShareApiError && error.kind === "deleted")) {
            set({ shareStatus: { state: "failed", problem: messageOf(error) } });
            return;
          }
        }
        services.ownerTokens.remove(hosted.id);
        set({ hostedShare: null, shareStatus: { state: "deleted", id: hosted.id } });
      },
    };
  };
