import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['shared', 'functions', 'cli', 'local', 'bench', 'sidecar'];
const CORE = ['shared/automl', 'shared/decision', 'shared/drift', 'shared/performance'];

interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly imports: string[];
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    if (!entry.name.endsWith('.ts')) return [];
    const text = readFileSync(join(ROOT, path), 'utf8');
    return [{ path, text, imports: [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]) }];
  });
}

/** A module's folder: `shared/<area>` inside shared (the whole engine counts as one), else the top folder. */
function areaOf(path: string): string {
  const [top, area] = path.split('/');
  return top === 'shared' ? `shared/${area}` : top;
}

const files = SOURCE_DIRS.flatMap(sourceFiles);

describe('architecture', () => {
  it('has no cycle between folders: dependencies point one way', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of files) {
      for (const specifier of file.imports.filter((s) => s.startsWith('.'))) {
        const target = relative(ROOT, normalize(join(ROOT, dirname(file.path), specifier)));
        const [from, to] = [areaOf(file.path), areaOf(target)];
        if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...(edges.get(from) ?? [])].some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
    const cycles = [...edges].flatMap(([from, tos]) => [...tos].filter((to) => reaches(to, from)).map((to) => `${from} → ${to}`));
    expect(cycles).toEqual([]);
    expect(edges.get('shared/automl')).toBeDefined(); // the check saw the engine's imports
  });

  it('keeps the core pure: no AWS, no file system, no process, no clock of its own', () => {
    const core = files.filter((file) => CORE.some((dir) => file.path.startsWith(`${dir}/`)));
    expect(core.length).toBeGreaterThan(50);
    const offending = core.flatMap((file) => {
      const code = file.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const bad = [
        ...file.imports.filter((s) => /^(@aws-sdk\/|node:(fs|child_process|os|perf_hooks|module))/.test(s)),
        ...(code.match(/\bprocess\.|Date\.now\(|new Date\(\)|performance\.now\(/g) ?? []),
      ];
      return bad.map((what) => `${file.path}: ${what}`);
    });
    expect(offending).toEqual([]);
  });

  it('builds every AWS client in one factory', () => {
    const constructing = files.filter((file) => /new (S3|SQS|EventBridge)Client\(/.test(file.text)).map((file) => file.path);
    expect(constructing).toEqual(['shared/aws/awsClients.ts']);
  });
});
