import { describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/automl/data/parseCsv.js';
import { isMissing } from '../shared/automl/data/table.js';
import { profileDataset } from '../shared/automl/profile/profileDataset.js';
import { InvalidDatasetError } from '../shared/automl/errors.js';

/** The error `parseCsv` throws for `text` (fails the test if it does not throw). */
function errorOf(text: string): Error {
  try {
    parseCsv(text);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`parseCsv accepted ${JSON.stringify(text)}`);
}

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
    ['a quoted comma', 'a,b\n"1,5",2\n', [['1,5'], ['2']]],
    ['an escaped quote', 'a,b\n"say ""hi""",2\n', [['say "hi"'], ['2']]],
    ['a quoted empty field', 'a,b\n1,""\n', [['1'], ['']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n3,4\r\n', [['1', '3'], ['2', '4']]],
    ['mixed line ends', 'a,b\n1,2\r\n3,4\r5,6', [['1', '3', '5'], ['2', '4', '6']]],
    ['a BOM', '\ufeffa,b\n1,2\n', [['1'], ['2']]],
    ['no final newline', 'a,b\n1,2', [['1'], ['2']]],
    ['blank lines anywhere', '\n\na,b\n\n1,2\r\n\r\n3,4\n\n', [['1', '3'], ['2', '4']]],
    ['a CRLF inside quotes', 'a,b\r\n"x\r\ny",2\r\n', [['x\r\ny'], ['2']]],
    ['untrimmed cells (header names are trimmed)', ' a , b \n 1 , 2 \n', [[' 1 '], [' 2 ']]],
  ])('accepts %s', (_case, text, cells) => {
    const table = parseCsv(text);
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.cells).toEqual(cells);
    expect(table.nRows).toBe(cells[0].length);
  });

  it.each([
    ['', /the CSV is empty/],
    ['   \n', /the CSV is empty/],
    ['\ufeff\r\n', /the CSV is empty/],
    ['a,b,c\n', /header but no data rows/],
    ['a,b\n1,2\n3\n', /row 2 \(line 3\) has 1 field\(s\) but the header has 2 columns/],
    ['a,b\n1,2,3\n', /row 1 \(line 2\) has 3 field\(s\)/],
    ['a,b\n1,2\n   \n', /row 2 \(line 3\) has 1 field\(s\) but the header has 2 columns/],
    // The line is where the row starts, after blank lines and line breaks inside quotes (LF, CRLF, CR).
    ['a,b\n"x\ny",2\n\n3\n', /row 2 \(line 5\) has 1 field\(s\) but the header has 2 columns/],
    ['a,b\r\n"x\r\ny",2\r\n\r\n3\r\n', /row 2 \(line 5\) has 1 field\(s\)/],
    ['a,b\r"x\ry",2\r\r3', /row 2 \(line 5\) has 1 field\(s\)/],
    ['a,b,c\n1,2,3\n"4\n5",6\n', /row 2 \(line 3\) has 2 field\(s\) but the header has 3 columns/],
    ['a,b,a\n1,2,3\n', /duplicate column name 'a' \(columns 1 and 3\)/],
    ['a,,c\n1,2,3\n', /column 2 of the header has an empty name/],
    ['a,b\n"1,2\n', /unterminated quoted field starting on line 2/],
  ])('rejects %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(InvalidDatasetError);
    expect(() => parseCsv(text)).toThrow(message);
  });

  const closingQuote = /a quoted field has text after its closing quote/;
  const quoteInside = /a quote inside an unquoted field/;
  it.each([
    ['text after a closing quote', 'a,b\n1,2\n"x"y,3\n', /^row 2 \(line 3\), column 1 \('a'\): /, closingQuote],
    [
      'text after a closing quote, after blank lines',
      '\n\na,b\n1,"2"x\n',
      /^row 1 \(line 4\), column 2 \('b'\): /,
      closingQuote,
    ],
    ['text after a closing quote in the header', 'a,"b"c\n1,2\n', /^the header \(line 1\), column 2: /, closingQuote],
    ['a quote inside an unquoted field', 'a,b\n1,x"y"\n', /^row 1 \(line 2\), column 2 \('b'\): /, quoteInside],
    ['a space before an opening quote', 'a,b\n1, "y"\n', /^row 1 \(line 2\), column 2 \('b'\): /, quoteInside],
    ['a stray quote after blank lines', 'a,b\n1,2\n\n\n4,x"\n', /^row 2 \(line 5\), column 2 \('b'\): /, quoteInside],
    [
      'an unterminated quote',
      'a,b\n1,2\n\n\n3,"abc\nde\n',
      /^unterminated quoted field starting on line 5 \(row 2, column 2 \('b'\)\)/,
      /the file ends inside the quotes$/,
    ],
    [
      'an unterminated quote, after a BOM and CRLFs',
      '\ufeffa,b\r\n1,2\r\n\r\n3,"abc\r\nde\r\n',
      /^unterminated quoted field starting on line 4 \(row 2, column 2 \('b'\)\)/,
      /the file ends inside the quotes$/,
    ],
    [
      'an unterminated quote ending in an escaped quote',
      'a,b\n1,"ab""\n',
      /^unterminated quoted field starting on line 2 \(row 1, column 2 \('b'\)\)/,
      /the file ends inside the quotes$/,
    ],
    [
      'an unterminated quote in the header',
      '"a,b\n1,2\n',
      /^unterminated quoted field starting on line 1 \(the header, column 1\)/,
      /the file ends inside the quotes$/,
    ],
  ])('rejects %s, naming its row, column and line', (_case, text, where, what) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(InvalidDatasetError);
    expect(error.message).toMatch(where);
    expect(error.message).toMatch(what);
    expect(error.message).not.toContain('\n');
    expect((error.cause as { code?: string } | undefined)?.code).toMatch(/QUOTE/);
  });

  it('keeps the csv-parse error as the cause of a ragged row', () => {
    const error = errorOf('a,b\n1,2\n3\n');
    expect(error.message).toBe('row 2 (line 3) has 1 field(s) but the header has 2 columns');
    expect((error.cause as { code?: string }).code).toBe('CSV_RECORD_INCONSISTENT_FIELDS_LENGTH');
  });

  it.each([
    ['a semicolon-delimited file', 'a;b;c\n1;2;3\n', "';'", 'semicolon'],
    ['a semicolon-delimited file with quoted decimal commas', 'a;b\n"1,5";2\n', "';'", 'semicolon'],
    ['a semicolon-delimited file with quoted names', '"a";"b"\n1;2\n', "';'", 'semicolon'],
    ['a semicolon-delimited header with no rows', '\ufeffa;b\n', "';'", 'semicolon'],
    ['a tab-delimited file', 'a\tb\tc\n1\t2\t3\n', 'a tab', 'tab'],
  ])('rejects %s, naming the delimiter', (_case, text, char, name) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(InvalidDatasetError);
    expect(error.message).toBe(
      `the header has one column but contains ${char}: this looks like a ${name}-delimited file; ` +
        'the CSV must be comma-separated',
    );
  });

  it('accepts a one-column file with no other delimiter, and a semicolon inside a comma-separated header', () => {
    expect(parseCsv('a\n1\n2\n').cells).toEqual([['1', '2']]);
    expect(parseCsv('a;x,b\n1,2\n').columns).toEqual(['a;x', 'b']);
  });

  it('checks the header before the rows', () => {
    expect(errorOf('a,a\n1,2\n3\n').message).toMatch(/duplicate column name 'a'/);
    expect(errorOf('a,,c\n1,"2\n').message).toMatch(/column 2 of the header has an empty name/);
  });
});

describe('isMissing: pandas default na_values, case-sensitive, plus ?', () => {
  it.each(['', '  ', 'NA', 'N/A', 'n/a', 'NaN', 'nan', '-NaN', '-nan', 'null', 'NULL', 'None', '<NA>', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '1.#IND', '1.#QNAN', '?', ' NA '])('%j is missing', (cell) => {
    expect(isMissing(cell)).toBe(true);
  });

  it.each(['none', 'NONE', 'na', 'Na', 'nil', 'N.A.', '0', 'No Info', 'NaN%'])('%j is a value', (cell) => {
    expect(isMissing(cell)).toBe(false);
  });

  it('keeps a category whose real value is "none" through profiling', () => {
    const csv = ['coverage,claim', ...Array.from({ length: 40 }, (_, i) => `${['none', 'basic', 'full'][i % 3]},${i % 2}`)].join('\n');
    const { schema } = profileDataset(parseCsv(`${csv}\n`), { target: 'claim' });
    const coverage = schema.features.find((feature) => feature.name === 'coverage');
    expect(coverage?.categories?.slice().sort()).toEqual(['basic', 'full', 'none']);
  });
});
