// `pnpm demo` from the repository root: the whole toolkit end to end, in-process, in a few seconds.
import { runDemo } from './run-demo';

process.exitCode = await runDemo({ write: (line) => console.log(line) });
