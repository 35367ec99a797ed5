import type { ClassificationReport } from "../../core/eval/types";
import { CalibrationChart } from "./CalibrationChart";
import { RocChart } from "./RocChart";

/** The curves and calibration a kept report holds (a bundle's or a link's), when it holds them. */
export function KeptScoreCharts({
  report,
  unit,
}: {
  report: ClassificationReport;
  unit: "row" | "picture";
}) {
  if (!report.scores) return null;
  return (
    <>
      <RocChart curves={report.scores.curves} classNames={report.classNames} />
      <CalibrationChart
        calibration={report.scores.calibration}
        classNames={report.classNames}
        unit={unit}
      />
    </>
  );
}
