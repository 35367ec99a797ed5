/**
 * One colour per class in the report's curves (ROC, PR, calibration), in class order: ten
 * distinguishable hues (the ten digits get ten colours), each at least 3:1 against white as WCAG
 * asks of graphics.
 */
export const CLASS_COLOURS = [
  "#2563eb",
  "#dc2626",
  "#15803d",
  "#7c3aed",
  "#d97706",
  "#0e7490",
  "#db2777",
  "#65a30d",
  "#737373",
  "#000000",
];
