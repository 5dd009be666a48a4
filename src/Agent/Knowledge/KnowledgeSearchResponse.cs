namespace Outreach.Agent.Knowledge;

/// <summary>
/// What the agent would quote for a question; Answered is false when it would pass the question to staff. Score is the
/// passage's BM25 score (0 when only embeddings found it); Similarity its cosine similarity when embeddings are on.
/// </summary>
public sealed record KnowledgeSearchResponse(bool Answered, int? DocumentId, string? Title, string? Passage, double? Score, double? Similarity);
