export { startWebServer, WEB_SERVER_DEFAULTS } from './web-server';
export type { WebServerHandle, WebServerOptions } from './web-server';
export { buildCsp, CSP_DEFAULTS, FILES_CSP, COMMON_SECURITY_HEADERS } from './csp';
export type { CspOptions } from './csp';
export {
  PathConfinementError, splitConfinedPath, resolveConfinedFile, isInside, statusForConfinementError,
} from './path-confine';
export {
  allowedHostHeaders, checkHostHeader, checkOriginHeader, hostWithPort, isLoopbackHost,
  isTrustedSenderUrl, isWildcardHost, originOf,
} from './request-guard';
export type { GuardResult } from './request-guard';
export {
  checkToken, createSessionToken, parseCookieHeader, presentedToken, sessionCookie,
  sessionCookieName, tokensEqual, TOKEN_PATTERN,
} from './session-token';
export { dispatchStudioCall, errorPayload, httpStatusFor, isStudioMethod } from './dispatch';
export type { CallResult } from './dispatch';
export { contentTypeFor, workspaceContentTypeFor } from './content-types';
export { clearUploadStaging, createUploadRoute, UPLOAD_LIMITS_DEFAULTS } from './upload-route';
export type { UploadLimits } from './upload-route';
