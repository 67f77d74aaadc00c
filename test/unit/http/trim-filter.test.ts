// The `trim` filter the GOV.UK macros use on every `html` they are given, replaced with
// String.prototype.trim for speed (render.ts): it must give what Nunjucks' own gave, and keep text
// marked safe as safe and everything else escaped.
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { buildViews } from '../../../src/http/render.ts';

const ours = buildViews();
const theirs = new nunjucks.Environment(null, { autoescape: true });

describe('trim', () => {
  it.each([
    ['spaces and new lines at both ends', '  \n\t a  b \r\n '],
    ['no white space', 'ab'],
    ['only white space', ' \n\t '],
    ['non-breaking and other Unicode spaces', '\u00a0\u2003 a \u2028\ufeff'],
    ['text to escape', '  <b>"x" & y</b>  '],
    ['empty', ''],
  ])('gives what Nunjucks’ own filter gives: %s', (_name, text) => {
    const template = '[{{ text | trim }}][{{ text | safe | trim }}]';
    expect(ours.renderString(template, { text })).toBe(theirs.renderString(template, { text }));
  });

  it('keeps safe text safe and escapes the rest', () => {
    const template = '{{ text | safe | trim }}|{{ text | trim }}';
    expect(ours.renderString(template, { text: ' <i>x</i> ' })).toBe('<i>x</i>|&lt;i&gt;x&lt;/i&gt;');
  });
});
