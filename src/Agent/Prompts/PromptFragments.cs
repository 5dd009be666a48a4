using Microsoft.SemanticKernel;
using Outreach.Agent.Conversations;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Prompts;

/// <summary>Pieces several texts share: how to answer a notice, and a list of key facts.</summary>
public static class PromptFragments
{
    /// <summary>"Reply 1 to confirm…" or "press 1…", in the language and channel, with the notice's options numbered.</summary>
    public static Task<string> AnswerHintAsync(this PromptLibrary prompts, NoticeContext? notice, ContactChannel channel, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var voice = channel == ContactChannel.Voice;
        var text = notice?.ResponseKind switch
        {
            ResponseKind.ConfirmDecline => voice ? CannedText.CallPrompt : CannedText.SmsHintConfirm,
            ResponseKind.Option => voice ? CannedText.CallPromptOptions : CannedText.SmsHintOptions,
            _ => voice ? CannedText.CallPromptOpen : CannedText.SmsHintOpen,
        };
        var options = notice is null ? string.Empty : string.Join(Separator(language, list: true), notice.Options.Select((o, i) => $"{i + 1} {o}"));
        return prompts.RenderAsync(text, language, new KernelArguments { ["options"] = options }, cancellationToken);
    }

    /// <summary>"地点：社区中心；时间：周六上午" from the fact-line template.</summary>
    public static async Task<string> FactListAsync(this PromptLibrary prompts, IEnumerable<KeyFact> facts, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(facts);
        var lines = new List<string>();
        foreach (var fact in facts)
        {
            lines.Add(await prompts.RenderAsync(CannedText.FactLine, language, new KernelArguments { ["name"] = fact.Name, ["value"] = fact.Value }, cancellationToken));
        }

        return string.Join(Separator(language, list: false), lines);
    }

    private static string Separator(string language, bool list)
        => PromptLibrary.LanguageFor(language) == "en" ? list ? ", " : "; " : list ? "，" : "；";
}
