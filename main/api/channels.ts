// Names both ends of a transport must agree on. Plain constants with no
// imports, so the sandboxed preload and the renderer can bundle them.

/** The Electron IPC channel between preload and main. */
export const IPC_CHANNEL = 'berth:api';
/** The path of `berth serve`'s WebSocket. */
export const WS_PATH = '/api';
