namespace Outreach.Residents.Storage;

/// <summary>The stored form of a resident's tags: lower case, delimited by '|' on both ends.</summary>
public static class TagList
{
    public const char Delimiter = '|';

    public static string Encode(IEnumerable<string> tags)
    {
        var normalised = Normalise(tags);
        return normalised.Count == 0 ? string.Empty : $"{Delimiter}{string.Join(Delimiter, normalised)}{Delimiter}";
    }

    /// <summary>
    /// Each tag normalised, empty ones dropped, each kept once in its first place. A resident has a few tags, so a
    /// list search beats building a set (this runs for every imported row).
    /// </summary>
    public static List<string> Normalise(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var normalised = new List<string>();
        foreach (var tag in tags)
        {
            var text = Normalise(tag);
            if (text.Length > 0 && !normalised.Contains(text))
            {
                normalised.Add(text);
            }
        }

        return normalised;
    }

    public static List<string> Decode(string? stored)
        => string.IsNullOrEmpty(stored) ? [] : [.. stored.Split(Delimiter, StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The LIKE pattern that finds one tag in the stored form.</summary>
    public static string ContainsPattern(string tag) => $"%{Delimiter}{Normalise(tag)}{Delimiter}%";

    public static string Normalise(string tag)
        => tag.Trim().Replace(Delimiter, '_').Replace(' ', '_').ToLowerInvariant();
}
