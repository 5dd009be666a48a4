namespace Outreach.Agent.Knowledge;

/// <summary>A markdown document staff publish for a street or one community; answers quote only these.</summary>
public sealed class KnowledgeDocument
{
    public int Id { get; set; }

    /// <summary>Null: applies to every street.</summary>
    public int? StreetId { get; set; }

    /// <summary>Null: applies to the whole street.</summary>
    public int? CommunityId { get; set; }

    public required string Title { get; set; }

    public string Language { get; set; } = "zh-CN";

    public required string Markdown { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
