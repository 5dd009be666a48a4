namespace Outreach.Agent.Knowledge;

public sealed record KnowledgeDocumentResponse(int Id, string Title, string Language, int? StreetId, int? CommunityId, string Markdown, DateTimeOffset UpdatedAt)
{
    public static KnowledgeDocumentResponse From(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document.Id, document.Title, document.Language, document.StreetId, document.CommunityId, document.Markdown, document.UpdatedAt);
    }
}
