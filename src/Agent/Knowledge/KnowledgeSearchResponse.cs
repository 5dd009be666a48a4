namespace Outreach.Agent.Knowledge;

/// <summary>What the agent would quote for a question; Answered is false when it would pass the question to staff.</summary>
public sealed record KnowledgeSearchResponse(bool Answered, int? DocumentId, string? Title, string? Passage, double? Score);
