namespace Outreach.Residents.Archive;

/// <summary>Writes language tags the one way the archive stores them: zh-CN, en, zh-Hant-TW.</summary>
public static class LanguageTag
{
    public static string Normalise(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var parts = tag.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = i == 0 ? parts[i].ToLowerInvariant()
                : parts[i].Length == 2 ? parts[i].ToUpperInvariant()
                : parts[i].Length == 4 ? char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant()
                : parts[i];
        }

        return string.Join('-', parts);
    }
}
