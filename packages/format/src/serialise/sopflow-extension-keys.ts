/** Where `exportOsop` keeps what OSOP Full cannot say: the sopflow keys and values, by their sopflow names. */
export const SOPFLOW_EXTENSION_KEY = 'x-sopflow';
/** Keys the export added only because Full requires them (a node's `purpose`); dropped on reading back. */
export const SOPFLOW_ADDED_KEY = 'x-sopflow-added';
/** Marks the edge added because Full needs at least one; dropped on reading back. */
export const SOPFLOW_PLACEHOLDER_KEY = 'x-sopflow-placeholder';
