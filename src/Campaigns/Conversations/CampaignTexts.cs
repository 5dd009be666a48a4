using System.Collections.Concurrent;
using System.Text;
using Outreach.Agent.Prompts;

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
        var lang = PromptLibrary.LanguageFor(language);
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
}
