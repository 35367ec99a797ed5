import { mulberry32 } from "../random";
import {
  applyAugmentation,
  AUGMENTATION_BOUNDS,
  clampAugmentation,
  DEFAULT_AUGMENTATION,
  drawAugmentation,
  type AugmentationSettings,
} from "./augment";

/**
 * The augmentations one at a time, as a person switches them on and off: each kind is on when
 * augmentation is enabled and its range is above 0 (flip: when set). Previews draw exactly as the
 * training loop does (drawAugmentation, applyAugmentation), on one picture, seeded.
 */

export type AugmentationKind = "flip" | "rotation" | "shift" | "zoom" | "brightness" | "contrast";

type RangeKey = Exclude<keyof AugmentationSettings, "enabled" | "flip">;

export interface AugmentationKindInfo {
  kind: AugmentationKind;
  label: string;
  /** The settings' range it uses (none for flip). */
  range: RangeKey | null;
  /** The range's largest value, step, and how a value reads ("±10°"). */
  max: number;
  step: number;
  describe: (value: number) => string;
}

const percent = (value: number) => `±${Math.round(value * 100)}%`;

export const AUGMENTATION_KINDS: readonly AugmentationKindInfo[] = [
  {
    kind: "flip",
    label: "Mirror left–right",
    range: null,
    max: 1,
    step: 1,
    describe: () => "half the time",
  },
  {
    kind: "rotation",
    label: "Rotate",
    range: "rotationDegrees",
    max: AUGMENTATION_BOUNDS.rotationDegrees,
    step: 1,
    describe: (value) => `±${Math.round(value)}°`,
  },
  {
    kind: "shift",
    label: "Shift",
    range: "shift",
    max: AUGMENTATION_BOUNDS.shift,
    step: 0.01,
    describe: (v) => `${percent(v)} of the side`,
  },
  {
    kind: "zoom",
    label: "Zoom",
    range: "zoom",
    max: AUGMENTATION_BOUNDS.zoom,
    step: 0.01,
    describe: percent,
  },
  {
    kind: "brightness",
    label: "Brightness",
    range: "brightness",
    max: AUGMENTATION_BOUNDS.brightness,
    step: 0.01,
    describe: percent,
  },
  {
    kind: "contrast",
    label: "Contrast",
    range: "contrast",
    max: AUGMENTATION_BOUNDS.contrast,
    step: 0.01,
    describe: percent,
  },
];

function infoOf(kind: AugmentationKind): AugmentationKindInfo {
  const info = AUGMENTATION_KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`Unknown augmentation ${kind}`);
  return info;
}

function isOn(settings: AugmentationSettings, info: AugmentationKindInfo): boolean {
  return info.range ? settings[info.range] > 0 : settings.flip;
}

/** The kinds that training will apply, in AUGMENTATION_KINDS order (none when disabled). */
export function activeKinds(settings: AugmentationSettings): AugmentationKind[] {
  if (!settings.enabled) return [];
  return AUGMENTATION_KINDS.filter((info) => isOn(settings, info)).map((info) => info.kind);
}

/** Every kind off: the ranges at 0 and no flip. */
const NONE: AugmentationSettings = {
  enabled: false,
  flip: false,
  rotationDegrees: 0,
  shift: 0,
  zoom: 0,
  brightness: 0,
  contrast: 0,
};

/**
 * The settings with one kind switched on (at its current range, or the default one when that is
 * 0) or off. Switching the first kind on starts from every other kind off, so "on" means only what
 * the person chose; augmentation stays enabled while any kind is on.
 */
export function switchKind(
  settings: AugmentationSettings,
  kind: AugmentationKind,
  on: boolean,
): AugmentationSettings {
  const info = infoOf(kind);
  const base: AugmentationSettings = settings.enabled ? { ...settings } : { ...NONE };
  if (info.range) {
    const current =
      settings[info.range] > 0 ? settings[info.range] : DEFAULT_AUGMENTATION[info.range];
    base[info.range] = on ? current : 0;
  } else base.flip = on;
  const next = clampAugmentation({ ...base, enabled: true });
  return { ...next, enabled: activeKinds({ ...next, enabled: true }).length > 0 };
}

/** The settings with only `kind` kept: what its preview row shows. */
export function onlyKind(
  settings: AugmentationSettings,
  kind: AugmentationKind,
): AugmentationSettings {
  const info = infoOf(kind);
  const only: AugmentationSettings = { ...NONE, enabled: true };
  if (info.range) only[info.range] = settings[info.range];
  else only.flip = true;
  return only;
}

/**
 * `count` augmented copies of one picture (bytes [size, size, channels]), drawn one after the
 * other from a generator seeded with `seed`, as bytes of the same shape.
 */
export function augmentedVariants(
  pixels: Uint8Array,
  size: number,
  channels: number,
  settings: AugmentationSettings,
  seed: number,
  count: number,
): Uint8Array[] {
  const source = Float32Array.from(pixels, (v) => v / 255);
  const target = new Float32Array(source.length);
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => {
    applyAugmentation(source, target, 0, size, channels, drawAugmentation(settings, size, rng));
    return Uint8Array.from(target, (v) => Math.round(v * 255));
  });
}
