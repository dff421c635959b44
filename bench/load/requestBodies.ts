/**
 * `POST /predict` bodies for the load: one record per body, the first `count` rows of a labeled
 * CSV without its last column (the label), numeric-looking cells as numbers and the others as
 * text, as a client would send them. Pure.
 */
export function requestBodies(csv: string, count: number): string[] {
  const [header, ...rows] = csv.split(/\r?\n/).filter((line) => line !== '');
  const names = header.split(',').slice(0, -1);
  if (rows.length < count) throw new Error(`only ${rows.length} rows to make ${count} request bodies from`);
  return rows.slice(0, count).map((row) => {
    const cells = row.split(',');
    return JSON.stringify(Object.fromEntries(names.map((name, i) => [name, cells[i] !== '' && Number.isFinite(Number(cells[i])) ? Number(cells[i]) : cells[i]])));
  });
}
