// The desktop save dialog behind StudioApi.saveItemFile: Electron's dialog.showSaveDialog, modal to
// the focused window (else the studio window). Thin: the options come from save-dialog-options.ts
// and the copy itself is the service's (src/main/studio/save-item-file.ts).
import { BrowserWindow, app, dialog } from 'electron';
import type { SaveDialog } from '../studio';
import { saveDialogOptions } from './save-dialog-options';

export function electronSaveDialog(fallbackWindow: () => BrowserWindow | null): SaveDialog {
  return async (suggestedName) => {
    const options = saveDialogOptions(suggestedName, app.getPath('downloads'));
    const window = BrowserWindow.getFocusedWindow() ?? fallbackWindow();
    const result = window && !window.isDestroyed() ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
