namespace Outreach.Agent.Knowledge;

/// <summary>What became of creating, replacing or deleting a knowledge document.</summary>
public sealed record KnowledgeChange(KnowledgeChangeStatus Status, KnowledgeDocument? Document, IDictionary<string, string[]> Errors)
{
    public static KnowledgeChange Saved(KnowledgeDocument document) => new(KnowledgeChangeStatus.Saved, document, new Dictionary<string, string[]>());

    public static KnowledgeChange Invalid(Dictionary<string, string[]> errors) => new(KnowledgeChangeStatus.Invalid, null, errors);

    public static KnowledgeChange NotFound { get; } = new(KnowledgeChangeStatus.NotFound, null, new Dictionary<string, string[]>());

    /// <summary>The caller may read the document (it applies to the whole street) but not change it.</summary>
    public static KnowledgeChange ReadOnly(KnowledgeDocument document) => new(KnowledgeChangeStatus.ReadOnly, document, new Dictionary<string, string[]>());
}
