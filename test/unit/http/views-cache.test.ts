// Issue 9, goal 1: templates are compiled once in every mode, and in development a changed
// template is picked up by a file watch rather than by compiling everything on every request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildViews } from '../../../src/http/render.ts';

const dirs: string[] = [];
function viewsFolder(content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pathway-views-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'page.njk'), content);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

describe('template cache', () => {
  it('compiles a template once: a later change on disk is not read again without the watch', () => {
    const root = viewsFolder('first {{ n }}');
    const views = buildViews({ root });
    expect(views.render('page.njk', { n: 1 })).toBe('first 1');
    writeFileSync(path.join(root, 'page.njk'), 'second {{ n }}');
    expect(views.render('page.njk', { n: 2 })).toBe('first 2');
    views.stopWatching();
  });

  it('with the watch (development), templates stay compiled until a file changes, then the new one is used', async () => {
    const root = viewsFolder('first {{ n }}');
    const views = buildViews({ root, watch: true });
    expect(views.render('page.njk', { n: 1 })).toBe('first 1');
    writeFileSync(path.join(root, 'page.njk'), 'second {{ n }}');
    // The watch reports the change on a later turn of the event loop; until then the compiled
    // template is used (a cache switched off, as before, would read the file on every render).
    expect(views.render('page.njk', { n: 2 })).toBe('first 2');
    await eventually(() => views.render('page.njk', { n: 3 }) === 'second 3');
    expect(views.render('page.njk', { n: 3 })).toBe('second 3');
    views.stopWatching();
  });
});
