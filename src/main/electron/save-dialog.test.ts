import { describe, expect, it } from 'vitest';
import { saveDialogOptions } from './save-dialog-options';

describe('saveDialogOptions', () => {
  it('suggests the file in the downloads folder with a filter for its type', () => {
    expect(saveDialogOptions('red-ball.web.glb', '/home/ada/Downloads/')).toEqual({
      title: 'Save red-ball.web.glb',
      defaultPath: '/home/ada/Downloads/red-ball.web.glb',
      filters: [{ name: 'glTF binary', extensions: ['glb'] }, { name: 'All files', extensions: ['*'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('keeps Windows separators, strips separators from the name, handles unknown types', () => {
    const o = saveDialogOptions('a/b\\frame.xyz', 'C:\\Users\\ada\\Downloads');
    expect(o.defaultPath).toBe('C:\\Users\\ada\\Downloads\\a_b_frame.xyz');
    expect(o.filters[0]).toEqual({ name: 'XYZ', extensions: ['xyz'] });
    expect(saveDialogOptions('model', '/d').filters).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});
