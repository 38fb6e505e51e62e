import { z } from 'zod';
import { definitionOf, probabilitySchema } from './definitionBase';

export const ragSearchDefinition = definitionOf('RAG_SEARCH', {
  index_name: z.string().optional(),
  source_ids: z.array(z.string()).optional(),
  top_k: z.number().int().min(1).max(100).optional(),
  score_threshold: probabilitySchema.optional(),
  hybrid: z.boolean().optional(),
  hybrid_alpha: probabilitySchema.optional(),
  rerank: z.boolean().optional(),
  rerank_model: z.string().optional(),
  rerank_top_k: z.number().int().min(1).optional(),
  metadata_filters: z.record(z.string(), z.unknown()).optional(),
  include_citations: z.boolean().optional(),
  include_content: z.boolean().optional(),
});

export const ragIngestDefinition = definitionOf('RAG_INGEST', {
  index_name: z.string().optional(),
  source_id: z.string().min(1),
  ref_doc_id: z.string().optional(),
  node_type: z.enum(['text', 'image', 'document']).optional(),
  batch_mode: z.boolean().optional(),
  batch_size: z.number().int().min(1).max(1000).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const ragDeleteDefinition = definitionOf('RAG_DELETE', {
  index_name: z.string().optional(),
  source_id: z.string().optional(),
  node_ids: z.array(z.string()).optional(),
  ref_doc_id: z.string().optional(),
}).refine((d) => d.source_id !== undefined || d.node_ids !== undefined || d.ref_doc_id !== undefined, {
  error: 'needs source_id, node_ids or ref_doc_id to know what to delete',
});

export const contextCacheDefinition = definitionOf('CONTEXT_CACHE', {
  index_name: z.string().optional(),
  source_ids: z.array(z.string()).optional(),
  max_tokens: z.number().int().min(1000).max(200000).optional(),
  cache_key: z.string().optional(),
  ttl_seconds: z.number().int().min(60).max(86400).optional(),
  include_metadata: z.boolean().optional(),
  truncation_strategy: z.enum(['end', 'middle', 'semantic']).optional(),
});
