using System.Collections.Frozen;
using System.Text;
using Microsoft.SemanticKernel;

namespace Outreach.Agent.Prompts;

/// <summary>
/// Every prompt and canned text, loaded once from the prompts folder as Semantic Kernel templates ({{$var}}).
/// A missing file fails the start with the list of what is missing.
/// </summary>
public sealed class PromptLibrary
{
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    /// <summary>Prompt files besides the canned replies, by name; the file is {name}.{language}.txt.</summary>
    public static readonly IReadOnlyList<string> PromptNames =
        ["conversation/system", "notice/draft", "notice/retry-note", "notice/sms", "notice/voice", "notice/facts", "notice/fact-names"];

    // Rendered text only ever becomes a message's content, never parsed as chat markup, so values need no encoding.
    private static readonly PromptTemplateConfig Defaults = new() { AllowDangerouslySetContent = true };
    private static readonly KernelPromptTemplateFactory Factory = new();

    private readonly FrozenDictionary<string, IPromptTemplate> templates;
    private readonly Kernel kernel = new();

    private PromptLibrary(FrozenDictionary<string, IPromptTemplate> templates, string folder)
    {
        this.templates = templates;
        Folder = folder;
    }

    public string Folder { get; }

    public static PromptLibrary Load(string folder)
    {
        var missing = new List<string>();
        var templates = new Dictionary<string, IPromptTemplate>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            var files = Enum.GetValues<CannedText>().Select(text => ReplyKey(text, language))
                .Concat(PromptNames.Select(name => $"{name}.{language}"));
            foreach (var key in files)
            {
                var path = Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar) + ".txt");
                if (!File.Exists(path))
                {
                    missing.Add(Path.GetRelativePath(folder, path));
                    continue;
                }

                var text = File.ReadAllText(path, Encoding.UTF8).TrimEnd('\r', '\n');
                templates[key] = Factory.Create(new PromptTemplateConfig(text) { AllowDangerouslySetContent = Defaults.AllowDangerouslySetContent });
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Prompt files are missing under '{Path.GetFullPath(folder)}': {string.Join(", ", missing)}. " +
                "They ship in the repository's prompts/ folder; set Agent:PromptsPath if they live elsewhere.");
        }

        return new PromptLibrary(templates.ToFrozenDictionary(StringComparer.Ordinal), folder);
    }

    /// <summary>The supported language closest to a BCP-47 tag: zh* → zh-CN, anything else → en.</summary>
    public static string LanguageFor(string? tag)
        => tag is not null && tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : tag is null ? "zh-CN" : "en";

    public Task<string> RenderAsync(CannedText text, string language, KernelArguments? arguments, CancellationToken cancellationToken)
        => RenderKeyAsync(ReplyKey(text, LanguageFor(language)), arguments, cancellationToken);

    /// <summary>Renders a prompt named in <see cref="PromptNames"/>.</summary>
    public Task<string> RenderAsync(string name, string language, KernelArguments? arguments, CancellationToken cancellationToken)
        => RenderKeyAsync($"{name}.{LanguageFor(language)}", arguments, cancellationToken);

    private async Task<string> RenderKeyAsync(string key, KernelArguments? arguments, CancellationToken cancellationToken)
    {
        if (!templates.TryGetValue(key, out var template))
        {
            throw new ArgumentException($"No prompt '{key}' in {Folder}.", nameof(key));
        }

        var rendered = await template.RenderAsync(kernel, arguments ?? [], cancellationToken);
        return rendered.Trim();
    }

    private static string ReplyKey(CannedText text, string language) => $"replies/{language}/{Kebab(text.ToString())}";

    private static string Kebab(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
