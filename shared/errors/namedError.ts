/**
 * The base of every area's error family (AutomlError, RegistryError, LifecycleError, …): an
 * Error whose `name` is its concrete class and which keeps its `cause`.
 */
export class NamedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
