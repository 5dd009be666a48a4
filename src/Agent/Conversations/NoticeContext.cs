namespace Outreach.Agent.Conversations;

/// <summary>What a notice says and what answer it wants; given to the agent by the server, never fetched by the model.</summary>
/// <param name="Translations">The staff's own wording in other languages; a segment in one of them uses it instead of the original.</param>
public sealed record NoticeContext(
    int CampaignId,
    string Title,
    string Body,
    IReadOnlyList<KeyFact> KeyFacts,
    ResponseKind ResponseKind,
    IReadOnlyList<string> Options,
    IReadOnlyList<NoticeTranslation>? Translations = null)
{
    /// <summary>The staff's text for a language: a translation when they wrote one, else null (only the original exists).</summary>
    public NoticeTranslation? TranslationFor(string language)
        => Translations?.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase))
            ?? Translations?.FirstOrDefault(t => string.Equals(Primary(t.Language), Primary(language), StringComparison.OrdinalIgnoreCase));

    private static string Primary(string tag) => tag.Split('-')[0];
}
