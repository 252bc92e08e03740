import { describe, expect, it } from 'vitest';
import { reportLines } from './import-report';

describe('reportLines', () => {
  it('splits a capture error into file, field (brackets included) and detail', () => {
    const r = reportLines('not a valid capture (broken-capture): transforms_train.json [frames[0].transform_matrix]: entry [0][0] is not a finite number: Infinity');
    expect(r.title).toBe('“broken-capture” is not a valid capture');
    expect(r.lines).toEqual([{ file: 'transforms_train.json', field: 'frames[0].transform_matrix', detail: 'entry [0][0] is not a finite number: Infinity' }]);
  });
  it('keeps one line per problem and lines without a file as they are', () => {
    const r = reportLines('not a valid capture (/x/cap): a.json [frames]: bad\nsomething else');
    expect(r.lines).toEqual([{ file: 'a.json', field: 'frames', detail: 'bad' }, { file: null, field: null, detail: 'something else' }]);
  });
  it('names the zip entry of a refused archive', () => {
    const r = reportLines('zip file refused: evil.zip: entry "../../x.png": path traversal ("..")');
    expect(r.title).toBe('The zip file “evil.zip” was refused');
    expect(r.lines).toEqual([{ file: '../../x.png', field: null, detail: 'path traversal ("..")' }]);
  });
  it('anything else is one line', () => {
    expect(reportLines('path: "/nope" does not exist').lines).toEqual([{ file: null, field: null, detail: 'path: "/nope" does not exist' }]);
  });
});
