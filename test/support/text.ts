// A page as a person reads it, for HTTP tests that check words rather than markup.

/**
 * The page's text: tags become spaces, except `<bdi>` (it isolates someone's words inside a
 * sentence, with no break in the text), apostrophes are decoded, and white space is one space.
 */
export function pageWords(html: string): string {
  return html
    .replace(/<\/?bdi>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}
