import { useMemo, useState } from "react";
import {
  activeKinds,
  AUGMENTATION_KINDS,
  augmentedVariants,
  onlyKind,
  switchKind,
  type AugmentationKindInfo,
} from "../../core/data/images/augmentKinds";
import type { AugmentationSettings } from "../../core/data/images/augment";
import type { ImageDataset } from "../../core/data/images/types";
import { useStudio } from "../../store";
import { ImageThumbnail } from "../../ui/ImageThumbnail";

/** Augmented copies shown per kind in the preview. */
const VARIANTS = 6;

function KindControl(props: {
  info: AugmentationKindInfo;
  settings: AugmentationSettings;
  on: boolean;
}) {
  const { info, settings, on } = props;
  const setAugmentation = useStudio((s) => s.setAugmentation);
  const value = info.range ? settings[info.range] : 0;
  return (
    <div className="augmentation-kind" data-kind={info.kind}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) =>
            setAugmentation(switchKind(settings, info.kind, event.target.checked))
          }
        />{" "}
        {info.label}
      </label>
      {on && info.range && (
        <label>
          <span className="visually-hidden">{info.label}: largest change</span>
          <input
            type="range"
            min={info.step}
            max={info.max}
            step={info.step}
            value={value}
            onChange={(event) =>
              setAugmentation({ [info.range as string]: Number(event.target.value) })
            }
          />{" "}
          <span className="hint">{info.describe(value)}</span>
        </label>
      )}
      {on && !info.range && <span className="hint">{info.describe(1)}</span>}
    </div>
  );
}

/** One row of the preview: the sample picture, then seeded variants under `settings`. */
function PreviewRow(props: {
  label: string;
  kind: string;
  dataset: ImageDataset;
  index: number;
  settings: AugmentationSettings;
  seed: number;
}) {
  const { dataset, index, settings, seed } = props;
  const { size, channels } = dataset;
  const variants = useMemo(() => {
    const perImage = size * size * channels;
    const picture = dataset.pixels.subarray(index * perImage, (index + 1) * perImage);
    const list = augmentedVariants(picture, size, channels, settings, seed, VARIANTS);
    const joined = new Uint8Array(list.length * perImage);
    list.forEach((variant, i) => joined.set(variant, i * perImage));
    return { pixels: joined, size, channels };
  }, [dataset, index, settings, seed, size, channels]);
  return (
    <div className="augmentation-row" data-kind={props.kind}>
      <span className="augmentation-row-label">{props.label}</span>
      <div className="thumbnails">
        {Array.from({ length: VARIANTS }, (_, i) => (
          <ImageThumbnail
            key={i}
            dataset={variants}
            index={i}
            label={`${props.label}, variant ${i + 1}`}
          />
        ))}
      </div>
    </div>
  );
}

/**
 * Augmentation while training (proposed on for photo-sized pictures, off for small ones; see
 * proposedAugmentation): one switch and range per kind, and before training
 * each switched-on kind applied to one picture of the dataset, seeded with the run's seed.
 */
export function AugmentationControls({ dataset }: { dataset: ImageDataset }) {
  const settings = useStudio((s) => s.augmentation);
  const seed = useStudio((s) => s.trainConfig.seed);
  const [sample, setSample] = useState(0);
  const active = activeKinds(settings);
  const index = sample % dataset.count;
  const className = dataset.classNames[dataset.labels[index] ?? 0] ?? "";
  return (
    <fieldset className="augmentation" data-testid="augmentation-settings">
      <legend>Augmentation while training</legend>
      <p className="hint">
        Each training picture is changed a little, differently in every epoch, so the model learns
        the class rather than the exact pixels. Validation and test pictures are never changed.
        Mirroring is wrong for digits and text.
      </p>
      <div className="augmentation-kinds">
        {AUGMENTATION_KINDS.map((info) => (
          <KindControl
            key={info.kind}
            info={info}
            settings={settings}
            on={active.includes(info.kind)}
          />
        ))}
      </div>
      {active.length > 0 && (
        <div className="augmentation-preview" data-testid="augmentation-preview">
          <div className="augmentation-row" data-kind="original">
            <span className="augmentation-row-label">
              Picture {index + 1} (“{className}”)
            </span>
            <div className="thumbnails">
              <ImageThumbnail
                dataset={dataset}
                index={index}
                label={dataset.paths[index] ?? className}
              />
            </div>
            <button type="button" className="secondary" onClick={() => setSample(index + 1)}>
              Another picture
            </button>
          </div>
          {active.map((kind) => (
            <PreviewRow
              key={kind}
              kind={kind}
              label={AUGMENTATION_KINDS.find((k) => k.kind === kind)?.label ?? kind}
              dataset={dataset}
              index={index}
              settings={onlyKind(settings, kind)}
              seed={seed}
            />
          ))}
          {active.length > 1 && (
            <PreviewRow
              kind="all"
              label="All together"
              dataset={dataset}
              index={index}
              settings={settings}
              seed={seed}
            />
          )}
        </div>
      )}
    </fieldset>
  );
}
