/** One colour per class in the report's curves (ROC, PR, calibration), in class order. */
export const CLASS_COLOURS = [
  "#2563eb",
  "#dc2626",
  "#059669",
  "#7c3aed",
  "#d97706",
  "#0891b2",
  "#db2777",
];
