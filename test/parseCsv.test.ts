import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { InvalidDatasetError } from '../shared/automl/errors.js';

describe('parseCsv', () => {
  it('parses quoted fields, escaped quotes, CRLF, a BOM and a final newline', () => {
    const table = parseCsv('\ufeffa,b,c\r\n1,"x, y",3\r\n4,"say ""hi""",\r\n');
    expect(table.columns).toEqual(['a', 'b', 'c']);
    expect(table.nRows).toBe(2);
    expect(table.cells[1]).toEqual(['x, y', 'say "hi"']);
    expect(table.cells[2]).toEqual(['3', '']);
  });

  it('keeps a line break inside quotes and skips blank lines', () => {
    const table = parseCsv('a,b\n"line1\nline2",2\n\n3,4\n');
    expect(table.cells[0]).toEqual(['line1\nline2', '3']);
  });

  it.each([
    ['', /the CSV is empty/],
    ['   \n', /the CSV is empty/],
    ['a,b,c\n', /header but no data rows/],
    ['a,b\n1,2\n3\n', /row 2 \(line 3\) has 1 field\(s\) but the header has 2 columns/],
    ['a,b\n1,2,3\n', /row 1 \(line 2\) has 3 field\(s\)/],
    ['a,b,a\n1,2,3\n', /duplicate column name 'a' \(columns 1 and 3\)/],
    ['a,,c\n1,2,3\n', /column 2 of the header has an empty name/],
    ['a,b\n"1,2\n', /unterminated quoted field/],
  ])('rejects %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(InvalidDatasetError);
    expect(() => parseCsv(text)).toThrow(message);
  });
});
