using System.Collections.Concurrent;
using System.Text;

namespace Outreach.Campaigns.Conversations;

/// <summary>
/// Resident-facing canned wording of the campaign engine (call prompts, voicemail, unknown callers, staff replies),
/// read from prompts/campaigns/{language}/{name}.txt next to the application.
/// </summary>
public sealed class CampaignTexts(string folder)
{
    private readonly ConcurrentDictionary<string, string> cache = new(StringComparer.Ordinal);

    public CampaignTexts()
        : this(Path.Combine(AppContext.BaseDirectory, "prompts", "campaigns"))
    {
    }

    /// <summary>The wording <paramref name="name"/> in the resident's language (zh-CN for Chinese, else English), placeholders filled.</summary>
    public string Get(string language, string name, params (string Key, string? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var lang = LanguageOf(language);
        var text = cache.GetOrAdd($"{lang}/{name}", key =>
        {
            var path = Path.Combine(folder, lang, name + ".txt");
            return File.Exists(path)
                ? File.ReadAllText(path, Encoding.UTF8).Trim()
                : throw new FileNotFoundException($"Missing campaign wording {key}.txt under {folder}", path);
        });
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", value ?? string.Empty, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The language folder and speech language for a resident's language tag.</summary>
    public static string LanguageOf(string? language)
        => language is not null && language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";
}
