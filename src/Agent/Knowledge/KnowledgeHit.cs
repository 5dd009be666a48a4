namespace Outreach.Agent.Knowledge;

/// <summary>A retrieved passage: its BM25 score (0 when only embeddings found it) and its cosine similarity (null without embeddings).</summary>
public sealed record KnowledgeHit(KnowledgePassage Passage, double Score, double? Similarity);
