namespace Outreach.Agent.Knowledge;

/// <summary>A paragraph of a knowledge document: the unit the index scores and an answer quotes.</summary>
public sealed record KnowledgePassage(int DocumentId, string Title, string Text);
