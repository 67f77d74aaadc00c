// Nunjucks' `Frame.set`, replaced in render.ts with one that splits each variable's name once
// (a 50-row table set about 3,000 names a page). What templates see must not change: a `{% set %}`
// inside a loop writes the variable outside it, each loop has its own `loop`, and a macro's
// variables stay its own. The outputs are written out by hand, not taken from Nunjucks, because
// the replacement applies to every Nunjucks environment in the process.
import { describe, expect, it } from 'vitest';
import { buildViews } from '../../../src/http/render.ts';

const views = buildViews();

describe('variables set in templates', () => {
  it.each([
    [
      'a set inside a loop changes the variable outside it',
      '{% set total = 0 %}{% for x in [1, 2, 3] %}{% set total = total + x %}{% endfor %}{{ total }}',
      '6',
    ],
    [
      'loop.index, length, first and last each time round',
      '{% for x in ["a", "b", "c"] %}{{ loop.index }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %};{% endfor %}',
      '1/3F;2/3;3/3L;',
    ],
    [
      'an inner loop has its own loop, and the outer one is back after it',
      '{% for a in [1, 2] %}{% for b in [1, 2, 3] %}{{ loop.index }}{% endfor %}-{{ loop.index }} {% endfor %}',
      '123-1 123-2 ',
    ],
    [
      'a macro’s set stays inside the macro',
      '{% macro m() %}{% set x = "in" %}{{ x }}{% endmacro %}{% set x = "out" %}{{ m() }} {{ x }}',
      'in out',
    ],
    ['a captured set', '{% set block %}<b>{{ 1 + 1 }}</b>{% endset %}{{ block | safe }}', '<b>2</b>'],
  ])('%s', (_name, template, expected) => {
    expect(views.renderString(template, {})).toBe(expected);
  });
});
