/** Marie-AI `QueryType`: what a plan node does, independent of how (`definition.method`). */
export const nodeTypes = ['EXTRACTOR', 'SEGMENTER', 'COMPUTE', 'MERGER', 'BRANCH', 'SWITCH', 'GUARDRAIL'] as const;
export type NodeType = (typeof nodeTypes)[number];
