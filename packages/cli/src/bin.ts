#!/usr/bin/env node
import { processIO } from './io/io';
import { main } from './main';

process.exitCode = await main(process.argv.slice(2), processIO());
