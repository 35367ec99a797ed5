import { useMemo } from "react";
import { classImbalance, describeImbalance } from "../../core/data/classBalance";
import { classCounts } from "../../core/data/images/build";
import type { ImageDataset } from "../../core/data/images/types";
import { useStudio } from "../../store";

/** Warns when the image classes are uneven, and offers balanced class weights in one click. */
export function ImageImbalanceWarning({ dataset }: { dataset: ImageDataset }) {
  const imbalance = useMemo(
    () => classImbalance(dataset.classNames, classCounts(dataset)),
    [dataset],
  );
  const weighting = useStudio((s) => s.trainConfig.classWeighting);
  const setTrainConfig = useStudio((s) => s.setTrainConfig);
  if (!imbalance) return null;
  return (
    <div className="warning" role="status" data-testid="imbalance-warning">
      <p>{describeImbalance(imbalance, "images")}</p>
      {weighting === "balanced" ? (
        <p>
          Balanced class weights are on: each “{imbalance.smallest.className}” picture counts{" "}
          {imbalance.ratio >= 10 ? Math.round(imbalance.ratio) : imbalance.ratio.toFixed(1)}× as
          much as a “{imbalance.largest.className}” one.{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => setTrainConfig({ classWeighting: "none" })}
          >
            Count every picture the same
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setTrainConfig({ classWeighting: "balanced" })}>
          Use balanced class weights
        </button>
      )}
    </div>
  );
}
