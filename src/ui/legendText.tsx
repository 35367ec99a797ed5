/**
 * A chart legend's label in the page's text colour. Recharts colours it like its series, and light
 * series colours make unreadable text (#93c5fd on white is 1.8:1; AA asks 4.5:1).
 */
export const legendText = (value: string) => <span className="legend-text">{value}</span>;
