// CSV for the audit export: RFC 4180 quoting, plus a guard against formula
// injection. Some cells hold text an outsider chose (a user agent, a display
// name); a spreadsheet would run "=HYPERLINK(...)" as a formula when the
// admin opens the file, so such cells start with an apostrophe instead.

/** First characters that make Excel, LibreOffice or Sheets read a cell as a formula (full-width forms too). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly (string | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
