namespace Outreach.Residents.Storage;

/// <summary>The stored form of a resident's tags: lower case, delimited by '|' on both ends.</summary>
public static class TagList
{
    public const char Delimiter = '|';

    public static string Encode(IEnumerable<string> tags)
    {
        var normalised = tags.Select(Normalise).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return normalised.Count == 0 ? string.Empty : Delimiter + string.Join(Delimiter, normalised) + Delimiter;
    }

    public static List<string> Decode(string? stored)
        => string.IsNullOrEmpty(stored) ? [] : [.. stored.Split(Delimiter, StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The LIKE pattern that finds one tag in the stored form.</summary>
    public static string ContainsPattern(string tag) => $"%{Delimiter}{Normalise(tag)}{Delimiter}%";

    public static string Normalise(string tag)
        => tag.Trim().Replace(Delimiter, '_').Replace(' ', '_').ToLowerInvariant();
}
