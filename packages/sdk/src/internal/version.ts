import { version } from '../../package.json';

/** This package's version, for the `User-Agent` header. */
export const VERSION: string = version;
