namespace Outreach.Residents.Audiences;

internal enum AudienceTokenKind
{
    /// <summary>A field name, keyword or bare value: letters, digits, '_', '-', '.'.</summary>
    Word,
    String,
    Number,
    Date,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}
