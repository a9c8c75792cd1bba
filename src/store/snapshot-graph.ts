import { endianness } from 'node:os';
import { InputError, QuartermasterError } from '../core/errors.js';
import type { DependencyGraph, GraphRoot } from '../core/model.js';

/** A root as stored with its snapshot; its node index is its position. */
export interface SnapshotRoot {
  key: string;
  name: string;
  path: string;
  ecosystem: string;
  file: string;
}

/**
 * A snapshot's graph in compact form. Nodes are numbered roots first
 * (0..roots.length-1), then packages in graph order; `edges` is the flat
 * list [from, to, from, to, ...] of node indices (stored with encodeEdges).
 */
export interface EncodedGraph {
  roots: SnapshotRoot[];
  edges: number[];
}

/**
 * Numbers the nodes and encodes the edges. Throws InputError when a key is
 * repeated or an edge names a key the graph does not hold: such a graph is
 * a bug in an extractor, and storing it would produce wrong paths.
 */
export function encodeGraph(graph: DependencyGraph): EncodedGraph {
  const index = new Map<string, number>();
  const addKey = (key: string, file: string): void => {
    if (index.has(key)) {
      throw new InputError(
        'ERR_SNAPSHOT_DUPLICATE_KEY',
        `dependency graph holds the key "${key}" twice; keys must be ` +
          'unique within a graph; this is a bug in the extractor that read it',
        { file },
      );
    }
    index.set(key, index.size);
  };
  for (const root of graph.roots) addKey(root.key, root.file);
  for (const pkg of graph.packages) addKey(pkg.key, pkg.file);

  const edges = new Array<number>(graph.edges.length * 2);
  graph.edges.forEach((edge, i) => {
    edges[2 * i] = nodeOf(index, edge.from, edge.to);
    edges[2 * i + 1] = nodeOf(index, edge.to, edge.from);
  });
  return { roots: graph.roots.map(toSnapshotRoot), edges };
}

function nodeOf(index: Map<string, number>, key: string, other: string) {
  const node = index.get(key);
  if (node === undefined) {
    throw new InputError(
      'ERR_SNAPSHOT_EDGE_UNKNOWN',
      `dependency graph has an edge between "${key}" and "${other}" but no ` +
        `root or package with key "${key}"; every edge must join two keys ` +
        'of the graph; this is a bug in the extractor that read it',
    );
  }
  return node;
}

function toSnapshotRoot(root: GraphRoot): SnapshotRoot {
  return {
    key: root.key,
    name: root.name,
    path: root.path,
    ecosystem: root.ecosystem,
    file: root.file,
  };
}

/*
 * Edges are stored as base64 text of little-endian int32 pairs: portable
 * (a text column on both databases), as compact as JSON, and decoded
 * natively instead of parsed, which matters when who-uses loads the graphs
 * of a page of 50 services.
 */

function assertLittleEndian(): void {
  if (endianness() !== 'LE') {
    throw new QuartermasterError(
      'ERR_STORE_ENDIANNESS',
      'snapshot graphs are stored as little-endian integers and this ' +
        'machine is big-endian; run Quartermaster on a little-endian machine',
    );
  }
}

/** Encodes flat [from, to, ...] node indices for the `edges` column. */
export function encodeEdges(edges: readonly number[]): string {
  assertLittleEndian();
  const array = Int32Array.from(edges);
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString(
    'base64',
  );
}

/** Decodes the `edges` column back to flat [from, to, ...] node indices. */
export function decodeEdges(text: string): Int32Array {
  assertLittleEndian();
  const bytes = Buffer.from(text, 'base64');
  // A copy aligns the bytes, which Buffer's shared pool may not.
  const aligned = new Uint8Array(bytes.byteLength);
  aligned.set(bytes);
  return new Int32Array(aligned.buffer, 0, aligned.byteLength >> 2);
}
