// Locate the first syntax error in a JSON text (JSON.parse in V8 does not always say where).
// A small validating scanner following RFC 8259; returns the offset and a reason.

export function findJsonError(src: string): { position: number; reason: string } | null {
  let i = 0;
  const fail = (reason: string): never => { throw { position: i, reason }; };
  const ws = () => { while (i < src.length && ' \t\n\r'.includes(src[i])) i++; };
  const expectChar = (c: string) => { if (src[i] !== c) fail(src[i] === undefined ? `expected '${c}' but the text ended` : `expected '${c}' but found '${src[i]}'`); i++; };
  const str = () => {
    expectChar('"');
    while (i < src.length && src[i] !== '"') {
      const c = src.charCodeAt(i);
      if (c < 0x20) fail('control character in string');
      if (src[i] === '\\') {
        i++;
        if (src[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 1, i + 5))) fail('bad \\u escape'); i += 5; continue; }
        if (!'"\\/bfnrt'.includes(src[i] ?? '')) fail('bad escape in string');
      }
      i++;
    }
    if (i >= src.length) fail('unterminated string');
    i++;
  };
  const value = (): void => {
    ws();
    const c = src[i];
    if (c === '{') {
      i++; ws();
      if (src[i] === '}') { i++; return; }
      for (;;) {
        ws(); if (src[i] !== '"') fail(src[i] === undefined ? 'the text ended inside an object' : `expected a property name in double quotes but found '${src[i]}'`);
        str(); ws(); expectChar(':'); value(); ws();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === '}') { i++; return; }
        fail(src[i] === undefined ? 'the text ended inside an object' : `expected ',' or '}' but found '${src[i]}'`);
      }
    }
    if (c === '[') {
      i++; ws();
      if (src[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (src[i] === ',') { i++; continue; }
        if (src[i] === ']') { i++; return; }
        fail(src[i] === undefined ? 'the text ended inside an array' : `expected ',' or ']' but found '${src[i]}'`);
      }
    }
    if (c === '"') return str();
    for (const lit of ['true', 'false', 'null']) if (src.startsWith(lit, i)) { i += lit.length; return; }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i, i + 400));
    if (m && m[0].length > 0 && m[0] !== '-') { i += m[0].length; return; }
    fail(c === undefined ? 'the text ended where a value was expected' : `unexpected '${c}' where a value was expected`);
  };
  try {
    value(); ws();
    if (i < src.length) fail(`unexpected '${src[i]}' after the end of the JSON value`);
    return null;
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'position' in e) return e as { position: number; reason: string };
    throw e;
  }
}
