using Outreach.Residents.Archive;

namespace Outreach.Residents.Audiences;

/// <summary>
/// A staff-readable filter over the archive, e.g. <c>community = "新河" and tags has "elderly" and age &gt;= 60</c>
/// or <c>checkup_due within 7 days</c>. The empty expression means every resident. See docs/decisions/0003.
/// </summary>
public sealed class AudienceExpression
{
    private AudienceExpression(string text, AudienceNode? root)
    {
        Text = text;
        Root = root;
    }

    public string Text { get; }

    /// <summary>The parsed tree; null for <see cref="Everyone"/>.</summary>
    public AudienceNode? Root { get; }

    public static AudienceExpression Everyone { get; } = new(string.Empty, null);

    /// <summary>Parses an expression; throws <see cref="AudienceSyntaxException"/> naming the position of the error.</summary>
    public static AudienceExpression Parse(string? text)
        => string.IsNullOrWhiteSpace(text) ? Everyone : new AudienceExpression(text, AudienceParser.Parse(text));

    /// <summary>Parses without throwing: the error carries the position and what was expected there.</summary>
    public static bool TryParse(string? text, out AudienceExpression audience, out AudienceSyntaxException? error)
    {
        try
        {
            audience = Parse(text);
            error = null;
            return true;
        }
        catch (AudienceSyntaxException ex)
        {
            audience = Everyone;
            error = ex;
            return false;
        }
    }

    /// <summary>Filters residents; <paramref name="today"/> is the street's date, which ages and "within N days" count from.</summary>
    public IQueryable<Resident> ApplyTo(IQueryable<Resident> residents, DateOnly today)
        => Root is null ? residents : residents.Where(AudiencePredicate.Build(Root, today));

    public override string ToString() => Text;
}
