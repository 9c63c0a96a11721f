/**
 * A parameter the caller chose that the computation cannot honour (a target year before the base
 * year, an unknown ally). `field` is the dotted path of the offending parameter, so the CLI, the API
 * and the dashboard all name the same field.
 */
export class ParameterError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = "ParameterError";
  }
}
