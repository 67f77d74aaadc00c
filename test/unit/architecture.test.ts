// How the code is put together (STYLE.md): no import circles anywhere in src/, and the domain
// imports nothing from HTTP, data or services (its rules stay pure).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Each file's imports of other files in src/ (type-only imports included: they tie modules together too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)].map((m) =>
      path.resolve(path.dirname(file), m[1]),
    );
    graph.set(file, targets);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found.map((c) => c.map((f) => path.relative(src, f)));
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads every source file and their imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(path.join(src, 'http/app.ts'))).toContain(path.join(src, 'http/routes/reviews.ts'));
  });

  it('has no circles (routes take what they need from request-context.ts, not from app.ts)', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const a = '/x/a.ts';
    const b = '/x/b.ts';
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toHaveLength(1);
  });

  it('keeps the domain pure: nothing in src/domain imports HTTP, data or services', () => {
    const domain = [...graph].filter(([file]) => file.startsWith(path.join(src, 'domain')));
    const outside = domain.flatMap(([file, targets]) =>
      targets
        .filter((t) => !t.startsWith(path.join(src, 'domain')))
        .map((t) => `${path.relative(src, file)} → ${path.relative(src, t)}`),
    );
    expect(outside).toEqual([]);
  });
});
