// `pathway timeline`: JSON lines in, JSON lines out (reference §7). Every
// non-blank input line gets one output line, in order; bad lines get
// {"error": "..."} and make the exit status 1. Nothing runs at import time.

import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { isTimelineError, timelineLine, type TimelineError, type TimelineOutput } from '../domain/statutory/index.ts';

/** Today's date where the council works (UK), for input lines that say "asOf": "today". */
function ukToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function answer(line: string, today: string): TimelineOutput | TimelineError {
  try {
    return timelineLine(line, today);
  } catch (error) {
    // A rule that throws must not silence the lines after it.
    return { error: `could not derive the timeline: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Reads JSON lines from `input`, writes one JSON line per input line to `output`; resolves to the exit status. */
export async function runTimeline(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  today: string = ukToday(),
): Promise<number> {
  let status = 0;
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    if (line.trim() === '') continue; // blank lines (e.g. a trailing newline) are not records
    const result = answer(line, today);
    if (isTimelineError(result)) status = 1;
    if (!output.write(`${JSON.stringify(result)}\n`)) await once(output, 'drain');
  }
  return status;
}
