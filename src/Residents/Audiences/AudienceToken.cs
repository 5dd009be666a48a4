namespace Outreach.Residents.Audiences;

/// <summary>One token of an audience expression; <see cref="Position"/> is its 0-based offset in the text.</summary>
internal readonly record struct AudienceToken(AudienceTokenKind Kind, string Text, int Position)
{
    public bool IsWord(string keyword)
        => Kind == AudienceTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How an error message names this token.</summary>
    public string Describe() => Kind switch
    {
        AudienceTokenKind.End => "the end of the expression",
        AudienceTokenKind.String => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
