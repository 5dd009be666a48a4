namespace Outreach.Agent.Knowledge;

/// <summary>A retrieved passage and its BM25 score.</summary>
public sealed record KnowledgeHit(KnowledgePassage Passage, double Score);
