using System.Linq.Expressions;
using Outreach.Residents.Archive;

namespace Outreach.Residents.Audiences;

/// <summary>
/// A staff-readable filter over the archive, e.g. <c>community = "新河" and tags has "elderly" and age &gt;= 60</c>.
/// The empty expression means every resident.
/// </summary>
public sealed class AudienceExpression
{
    private readonly Func<DateOnly, Expression<Func<Resident, bool>>>? predicate;

    private AudienceExpression(string text, Func<DateOnly, Expression<Func<Resident, bool>>>? predicate)
    {
        Text = text;
        this.predicate = predicate;
    }

    public string Text { get; }

    public static AudienceExpression Everyone { get; } = new(string.Empty, null);

    /// <summary>Parses an expression; throws <see cref="AudienceSyntaxException"/> naming the position of the error.</summary>
    public static AudienceExpression Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everyone;
        }

        // Minimal grammar until the full parser lands: community = "name".
        var trimmed = text.Trim();
        const string prefix = "community";
        if (!trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new AudienceSyntaxException("expected a field name such as community", 0);
        }

        var rest = trimmed[prefix.Length..].TrimStart();
        if (!rest.StartsWith('='))
        {
            throw new AudienceSyntaxException("expected '='", trimmed.Length - rest.Length);
        }

        var value = rest[1..].Trim().Trim('"');
        return new AudienceExpression(text, _ => r => r.Community!.Name == value);
    }

    public IQueryable<Resident> ApplyTo(IQueryable<Resident> residents, DateOnly today)
        => predicate is null ? residents : residents.Where(predicate(today));

    public override string ToString() => Text;
}
