/**
 * "Zoom to fit" never zooms out below this: node text (0.8rem, 12.8 px) stays at 10 px or more.
 * A model taller than the canvas at this zoom is panned or scrolled (the wheel pans) instead.
 */
export const READABLE_MIN_ZOOM = 0.8;

export const FIT_VIEW_OPTIONS = { padding: 0.15, minZoom: READABLE_MIN_ZOOM, maxZoom: 1.25 };

/** The same, animated, for the toolbar's buttons. */
export const ANIMATED_FIT = { ...FIT_VIEW_OPTIONS, duration: 200 };
