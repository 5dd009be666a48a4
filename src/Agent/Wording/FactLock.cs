using System.Text;
using Outreach.Agent.Conversations;

namespace Outreach.Agent.Wording;

/// <summary>
/// The code-side check that a drafted wording carries every key fact unchanged: each fact's value must appear
/// verbatim, ignoring only character width (１０ = 10) and whitespace.
/// </summary>
public static class FactLock
{
    public static IReadOnlyList<KeyFact> Missing(string wording, IEnumerable<KeyFact> facts)
    {
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(facts);
        var text = Normalise(wording);
        return [.. facts.Where(f => !text.Contains(Normalise(f.Value), StringComparison.Ordinal))];
    }

    internal static string Normalise(string value)
    {
        var folded = value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
