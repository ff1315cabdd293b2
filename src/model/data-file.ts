// Reading a YAML data file of the model (src/model/*.yaml), from src/ and from dist/ alike.
//
// Parsing the YAML took most of the start-up of `gongkai check` (~0.2 s for the two formats and
// the narrative model; JSON.parse of the same data takes well under 1 ms). So the build
// (scripts/model-json.mjs) writes a JSON copy of each file under dist/model-data/, with a hash
// of the YAML it came from; a copy whose hash does not match the file as it is now (the YAML
// was edited after the build) is ignored and the YAML parsed, as it is without a build.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const DIR = new URL('../../src/model/', import.meta.url);
/** The package's root: src/ and dist/ are both two levels below it. */
const ROOT = new URL('../../', import.meta.url);
const require = createRequire(import.meta.url);

/** Hash of a YAML file's text, as the build records it beside the JSON copy. */
export function yamlHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Where the build puts the JSON copy of a file of the package (a path relative to its root). */
export function jsonCopyPath(relative: string): string {
  return `dist/model-data/${relative}.json`;
}

/**
 * A YAML file of the package, parsed: from the build's JSON copy when it is of this very text.
 * `root`: the package's root (a directory URL ending in /), for tests.
 */
export function parseYamlFile(url: URL, root = ROOT): unknown {
  const text = readFileSync(url, 'utf8');
  if (url.href.startsWith(root.href)) {
    try {
      const copy = JSON.parse(readFileSync(new URL(jsonCopyPath(url.href.slice(root.href.length)), root), 'utf8')) as { sha1: string; data: unknown };
      if (copy.sha1 === yamlHash(text)) return copy.data;
    } catch {
      // No copy (running from src/ without a build): parse the YAML.
    }
  }
  // Loaded only when a file is parsed: a built CLI starts without the YAML parser.
  return (require('yaml') as typeof Yaml).parse(text);
}

export function readModelFile<T>(name: string): T {
  return parseYamlFile(new URL(name, DIR)) as T;
}
