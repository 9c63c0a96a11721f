/** A problem in a data file, located to the file, row and field so that a person can fix it. */
export class DataError extends Error {
  readonly file: string;
  readonly row: number | undefined;
  readonly field: string | undefined;
  constructor(file: string, row: number | undefined, field: string | undefined, reason: string) {
    const where = [file, row !== undefined ? `row ${row}` : undefined, field !== undefined ? `field "${field}"` : undefined]
      .filter(Boolean)
      .join(", ");
    super(`${where}: ${reason}`);
    this.name = "DataError";
    this.file = file;
    this.row = row;
    this.field = field;
  }
}
