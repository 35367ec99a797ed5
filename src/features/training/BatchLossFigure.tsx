import { plural } from "../../core/text/plural";
import { memo } from "react";
import { LinePlot, type LineSeries } from "../../ui/LinePlot";

/** Exponential moving average with TensorBoard's debiasing, thinned to at most `maxPoints`. */
export function smoothLosses(losses: number[], weight = 0.9, maxPoints = 400) {
  const points: Array<{ step: number; loss: number; smoothed: number }> = [];
  let average = 0;
  const every = Math.max(1, Math.ceil(losses.length / maxPoints));
  losses.forEach((loss, i) => {
    average = average * weight + (1 - weight) * loss;
    const smoothed = average / (1 - weight ** (i + 1));
    if (i % every === 0 || i === losses.length - 1) points.push({ step: i + 1, loss, smoothed });
  });
  return points;
}

/**
 * Every batch's loss, raw and smoothed (at most 300 points drawn). A plain SVG plot: it redraws a
 * few times a second while a model trains.
 */
export const BatchLossFigure = memo(function BatchLossFigure({ losses }: { losses: number[] }) {
  const points = smoothLosses(losses, 0.9, 300);
  const first = points[0];
  const last = points[points.length - 1];
  const series: LineSeries[] = [
    { name: "Raw", look: "raw", points: points.map((p) => [p.step, p.loss]) },
    { name: "Smoothed (thick)", look: "smoothed", points: points.map((p) => [p.step, p.smoothed]) },
  ];
  return (
    <figure>
      <figcaption>Loss per batch, smoothed (as minimised: with any weight penalty)</figcaption>
      <p className="visually-hidden">
        {last
          ? `${plural(losses.length, "batch", "batches")} so far; the smoothed loss is now ${last.smoothed.toPrecision(3)}, from ${first?.smoothed.toPrecision(3)} at the first batch.`
          : "No batches yet."}
      </p>
      <div aria-hidden="true">
        <LinePlot series={series} xLabel="Batch" yLabel="Loss" height={150} />
      </div>
    </figure>
  );
});
