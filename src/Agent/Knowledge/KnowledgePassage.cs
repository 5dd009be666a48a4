namespace Outreach.Agent.Knowledge;

/// <summary>A paragraph of a knowledge document: the unit the index scores and an answer quotes.</summary>
/// <param name="Ordinal">Its position in the document, which keys its stored embedding.</param>
public sealed record KnowledgePassage(int DocumentId, int Ordinal, string Title, string Text)
{
    /// <summary>What is embedded: the heading gives a short paragraph its subject.</summary>
    public string EmbeddingText => Title + "\n" + Text;
}
