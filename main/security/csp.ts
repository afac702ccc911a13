// One Content-Security-Policy for the renderer, whether Electron loads it from
// disk or `berth serve` sends it over HTTP. No inline script or style, nothing
// from elsewhere; the WebSocket back to the serving host is 'self'.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
