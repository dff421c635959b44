/**
 * Preloaded into a child process whose peak memory the bench reports (`node --import <this>`):
 * on exit it writes `process.resourceUsage().maxRSS` (KiB, the peak resident set size) to the
 * file named by env ALM_BENCH_MAXRSS_FILE. Does nothing without that variable.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.ALM_BENCH_MAXRSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
