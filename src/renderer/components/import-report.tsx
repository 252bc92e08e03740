// The import's validation report. A capture problem arrives as one StudioError whose message is
// `not a valid capture (<capture>): <file> [<field>]: <detail>` (engine CaptureError: file and
// field inside the capture); zip refusals as `zip file refused: <archive>: entry "<name>": <detail>`.
// Each problem is listed by file with its field; anything else is shown as it came.
// Warnings of a successful import (e.g. placeholder poses) are listed the same way.
import type { UiError } from '../lib';

export interface ReportLine {
  file: string | null;
  field: string | null;
  detail: string;
}

/** Arguments of importCapture: the problem is inside what they name, so they are not shown. */
const ARGUMENT_FIELDS = new Set(['path', 'uploadId', 'files']);
const CAPTURE = /^not a valid capture \((.*?)\): ([\s\S]*)$/;
// The field may itself hold brackets (`frames[3].transform_matrix`): it ends at the first `]: `.
const FILE_FIELD = /^(.+?) \[(.+?)\]: ([\s\S]*)$/;
const ZIP = /^zip file refused: ([^:]+): (?:entry ("(?:[^"\\]|\\.)*"): )?([\s\S]*)$/;

/** Split a backend message into problems by file; one line per problem. */
export function reportLines(message: string): { title: string; lines: ReportLine[] } {
  const capture = CAPTURE.exec(message);
  if (capture) {
    const [, label, rest] = capture;
    const lines = rest.split('\n').filter(Boolean).map((line): ReportLine => {
      const m = FILE_FIELD.exec(line);
      return m ? { file: m[1], field: m[2], detail: m[3] } : { file: null, field: null, detail: line };
    });
    return { title: `“${label}” is not a valid capture`, lines };
  }
  const zip = ZIP.exec(message);
  if (zip) {
    const [, archive, entry, detail] = zip;
    let name: string | null;
    try { name = entry ? JSON.parse(entry) : null; } catch { name = entry ?? null; }
    return { title: `The zip file “${archive}” was refused`, lines: [{ file: name ?? archive, field: null, detail }] };
  }
  return { title: 'The capture could not be imported', lines: [{ file: null, field: null, detail: message }] };
}

export function ImportReport({ error, id }: { error: UiError; id: string }) {
  const { title, lines } = reportLines(error.message);
  return (
    <div id={id} className="validation-report" role="alert" data-testid="import-report">
      <h3>{title}</h3>
      {error.field && !ARGUMENT_FIELDS.has(error.field) && <p className="report-field">About the field: <code>{error.field}</code></p>}
      <ul className="report-lines">
        {lines.map((l, i) => (
          <li key={i} data-testid="import-problem" data-file={l.file ?? ''} data-field={l.field ?? ''}>
            {l.file && <code className="report-file">{l.file}</code>}
            {l.field && <span className="report-key">[{l.field}]</span>}
            <span className="report-detail">{l.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ImportWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="import-warnings" role="status" data-testid="import-warnings">
      <h3>{warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}</h3>
      <ul className="report-lines">
        {warnings.map((w, i) => {
          const m = FILE_FIELD.exec(w);
          return (
            <li key={i} data-testid="import-warning">
              {m ? (<><code className="report-file">{m[1]}</code><span className="report-key">[{m[2]}]</span><span className="report-detail">{m[3]}</span></>) : <span className="report-detail">{w}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
