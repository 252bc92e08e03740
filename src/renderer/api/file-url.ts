// URLs for workspace files: `parallax://workspace/<rel>` in the desktop app (served by the
// confined custom protocol), `/files/<rel>` in web mode (served by the token-protected server).

export type FileUrlMode = 'electron' | 'web';

/** Percent-encode each segment of a workspace-relative path ('/'-separated). */
export function encodeWorkspacePath(workspaceRelativePath: string): string {
  return workspaceRelativePath
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export function buildFileUrl(workspaceRelativePath: string, mode: FileUrlMode, baseUrl = ''): string {
  const encoded = encodeWorkspacePath(workspaceRelativePath);
  return mode === 'electron' ? `parallax://workspace/${encoded}` : `${baseUrl}/files/${encoded}`;
}
