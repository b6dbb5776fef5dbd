/**
 * Runs some of a graph's ops through this project's own executors. The nodes are renamed to ops registered here
 * (tf.registerOp) rather than overriding tfjs's kernels for every graph, so that other graphs (MoveNet Thunder in the
 * benchmark) run as tfjs runs them.
 */
import * as tf from '@tensorflow/tfjs';

/** A graph node as tfjs hands it to a registered op: its input tensors and attributes. */
export interface GraphNode {
  inputs: tf.Tensor[];
  attrs: Record<string, unknown>;
}

/** For each op of the graph to replace: the name it runs under, and how it runs. */
export type OpReplacements = Record<string, [string, (node: GraphNode) => tf.Tensor]>;

export function replaceOps(graph: tf.io.ModelJSON, replacements: OpReplacements): tf.io.ModelJSON {
  for (const [name, executor] of Object.values(replacements)) tf.registerOp(name, executor);
  const topology = graph.modelTopology as { node: { op: string }[] };
  const node = topology.node.map((n) => (n.op in replacements ? { ...n, op: replacements[n.op][0] } : n));
  return { ...graph, modelTopology: { ...topology, node } };
}
