namespace Outreach.Agent.Knowledge;

/// <summary>A knowledge document as staff post or replace it.</summary>
public sealed record KnowledgeDocumentRequest(string? Title, string? Markdown, string? Language, int? StreetId, int? CommunityId);
