using System.Globalization;
using System.Text.Json;

namespace Outreach.Server.StaffConsole.Localization;

/// <summary>
/// The console's words in zh-CN and en, from one JSON dictionary (console-text.json: key → { "en": …, "zh-CN": … }).
/// A missing translation falls back to English, then to the key itself, so a gap shows rather than breaks.
/// </summary>
public sealed class ConsoleText
{
    private readonly Dictionary<string, Dictionary<string, string>> entries;

    public ConsoleText()
    {
        using var stream = typeof(ConsoleText).Assembly.GetManifestResourceStream("Outreach.Server.Console.Localization.console-text.json")
            ?? throw new InvalidOperationException("console-text.json is not embedded in the server assembly.");
        entries = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("console-text.json is empty.");
    }

    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "en"];

    public IReadOnlyCollection<string> Keys => entries.Keys;

    public string this[string key] => Get(key, CultureInfo.CurrentUICulture.Name);

    /// <summary>A translated format string filled with the arguments.</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public string Get(string key, string language)
    {
        if (!entries.TryGetValue(key, out var translations))
        {
            return key;
        }

        var zh = language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        return translations.TryGetValue(zh ? "zh-CN" : "en", out var text) || translations.TryGetValue("en", out text) ? text : key;
    }
}
