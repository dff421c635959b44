import { NamedError } from '../errors/namedError.js';

/** A command line the CLI cannot use (unknown command, bad flag, unreachable API): exit code 2, one line. */
export class UsageError extends NamedError {}
