/** The database's own message for a failed query (drizzle wraps it as the error's cause). */
export async function dbErrorOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return `${e.cause?.message ?? ''} ${e.message}`;
  }
  return 'no error';
}
