import { z } from 'zod';
import { definitionOf, probabilitySchema } from './definitionBase';

export const ragSearchDefinition = definitionOf('RAG_SEARCH', {
  index_name: z.string().nullish(),
  source_ids: z.array(z.string()).nullish(),
  top_k: z.number().int().min(1).max(100).nullish(),
  score_threshold: probabilitySchema.nullish(),
  hybrid: z.boolean().nullish(),
  hybrid_alpha: probabilitySchema.nullish(),
  rerank: z.boolean().nullish(),
  rerank_model: z.string().nullish(),
  rerank_top_k: z.number().int().min(1).nullish(),
  metadata_filters: z.record(z.string(), z.unknown()).nullish(),
  include_citations: z.boolean().nullish(),
  include_content: z.boolean().nullish(),
});

export const ragIngestDefinition = definitionOf('RAG_INGEST', {
  index_name: z.string().nullish(),
  source_id: z.string().min(1),
  ref_doc_id: z.string().nullish(),
  node_type: z.enum(['text', 'image', 'document']).nullish(),
  batch_mode: z.boolean().nullish(),
  batch_size: z.number().int().min(1).max(1000).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

export const ragDeleteDefinition = definitionOf('RAG_DELETE', {
  index_name: z.string().nullish(),
  source_id: z.string().nullish(),
  node_ids: z.array(z.string()).nullish(),
  ref_doc_id: z.string().nullish(),
}).refine((d) => d.source_id != null || d.node_ids != null || d.ref_doc_id != null, {
  error: 'needs source_id, node_ids or ref_doc_id to know what to delete',
});

export const contextCacheDefinition = definitionOf('CONTEXT_CACHE', {
  index_name: z.string().nullish(),
  source_ids: z.array(z.string()).nullish(),
  max_tokens: z.number().int().min(1000).max(200000).nullish(),
  cache_key: z.string().nullish(),
  ttl_seconds: z.number().int().min(60).max(86400).nullish(),
  include_metadata: z.boolean().nullish(),
  truncation_strategy: z.enum(['end', 'middle', 'semantic']).nullish(),
});
