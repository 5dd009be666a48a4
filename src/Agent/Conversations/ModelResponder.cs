using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Outreach.Agent.Interpretation;
using Outreach.Agent.Knowledge;
using Outreach.Agent.Prompts;
using Outreach.Agent.Providers;
using Outreach.Agent.Usage;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Conversations;

/// <summary>
/// The model-backed agent: a chat completion with automatic function calling over <see cref="ResidentConversationPlugin"/>.
/// The prompt carries only what the turn needs (the notice, how to address the resident, the conversation so far).
/// Call turns stream, so a long answer's first words arrive early; SMS turns take the whole completion.
/// A caller given <c>speak</c> gets each phrase once it is complete and has passed <see cref="ReplyGuard"/>.
/// </summary>
public sealed class ModelResponder(
    Kernel kernel,
    PromptLibrary prompts,
    KnowledgeBase knowledge,
    ReplyInterpreter interpreter,
    UsageRecorder usage,
    IOptions<AgentOptions> options,
    TimeProvider time)
{
    public async Task<AgentReply> RespondAsync(TurnContext turn, CancellationToken cancellationToken, Func<string, CancellationToken, ValueTask>? speak = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var request = turn.Request;
        var plugin = new ResidentConversationPlugin(turn, knowledge);
        var turnKernel = kernel.Clone();
        turnKernel.Plugins.AddFromObject(plugin, "resident");
        var chat = turnKernel.GetRequiredService<IChatCompletionService>();

        var system = await SystemPromptAsync(turn, cancellationToken);
        var history = new ChatHistory(system);
        foreach (var past in turn.History)
        {
            history.AddMessage(past.Speaker == Speaker.Resident ? AuthorRole.User : AuthorRole.Assistant, past.Text);
        }

        var said = string.IsNullOrWhiteSpace(request.Text) ? $"[pressed {request.Digits}]" : request.Text.Trim();
        history.AddUserMessage(said);
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0.2, MaxTokens = 400 };
        var firstNew = history.Count;

        string reply;
        var spokenUpTo = 0;
        var count = default(TokenCount);
        if (request.Channel == ContactChannel.Voice)
        {
            var text = new StringBuilder();
            var lastUsage = default(TokenCount);
            await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync(history, settings, turnKernel, cancellationToken))
            {
                text.Append(chunk.Content);
                if (speak is not null && !string.IsNullOrEmpty(chunk.Content))
                {
                    spokenUpTo += await SpeakCompleteAsync(text.ToString(spokenUpTo, text.Length - spokenUpTo), system, Grounding(plugin, turn), speak, cancellationToken);
                }

                if (chunk.Metadata?.ContainsKey("Usage") == true && chunk.Metadata["Usage"] is not null)
                {
                    lastUsage = TokenCount.FromMetadata(chunk.Metadata);
                }
            }

            reply = text.ToString();
            count = lastUsage.Calls == 0 ? new TokenCount(1, 0, 0) : lastUsage;
        }
        else
        {
            var message = await chat.GetChatMessageContentAsync(history, settings, turnKernel, cancellationToken);
            reply = message.Content ?? string.Empty;
            count = TokenCount.FromMessage(message);
        }

        // Function-calling rounds were separate model calls; the connector left them in the history.
        foreach (var round in history.Skip(firstNew).Where(m => m.Role == AuthorRole.Assistant))
        {
            count += TokenCount.FromMessage(round);
        }

        await usage.RecordAsync("conversation", AgentKernelFactory.ModelName(options.Value), request.Notice?.CampaignId, turn.ConversationId, count, cancellationToken);

        if (ReplyGuard.Check(reply, system, Grounding(plugin, turn)) is { } problem)
        {
            throw new UngroundedReplyException($"Model reply withheld: {problem}.");
        }

        if (speak is not null && reply.Length > spokenUpTo)
        {
            await speak(reply[spokenUpTo..], cancellationToken);
        }

        var outcome = plugin.Outcome ?? (interpreter.Interpret(request.Text, request.Digits, null, turn.Resident.TimeZone) is { } reading && (reading.Intent == ResidentIntent.Question || reading.HasQuestion) ? ResidentOutcome.Question : ResidentOutcome.None);
        var voice = request.Channel == ContactChannel.Voice;
        var next = (outcome, voice) switch
        {
            (ResidentOutcome.NeedsPerson, true) => ConversationNext.HandOffToPerson,
            (ResidentOutcome.Confirmed or ResidentOutcome.Declined or ResidentOutcome.OptionChosen or ResidentOutcome.OptedOut, true) => ConversationNext.End,
            (ResidentOutcome.OptedOut, false) => ConversationNext.End,
            _ => ConversationNext.Continue,
        };
        var language = ReplyInterpreter.DetectLanguage(reply) ?? turn.Language;
        var summary = string.Create(CultureInfo.InvariantCulture, $"{outcome}: “{(said.Length > 60 ? said[..60] + "…" : said)}”\nModel reply ({count.Calls} call(s)){(plugin.Reference is null ? string.Empty : $"; {plugin.Reference}")}{(plugin.Option is null ? string.Empty : $"; option {plugin.Option}")}.");
        return new AgentReply(outcome, reply.Trim(), summary, next, language, plugin.Option);
    }

    /// <summary>What numbers in a reply may come from: retrieved passages, the notice, the resident's office.</summary>
    private static IEnumerable<string> Grounding(ResidentConversationPlugin plugin, TurnContext turn)
    {
        var notice = turn.Request.Notice;
        return plugin.Grounding.Append(notice is null ? string.Empty : $"{notice.Body} {string.Join(' ', notice.KeyFacts.Select(f => f.Value))}").Append(turn.Resident.OfficePhone ?? string.Empty);
    }

    /// <summary>Speaks the complete phrases of <paramref name="unspoken"/> that pass the guard; returns how many characters were spoken.</summary>
    private static async Task<int> SpeakCompleteAsync(string unspoken, string system, IEnumerable<string> grounding, Func<string, CancellationToken, ValueTask> speak, CancellationToken cancellationToken)
    {
        var (phrases, rest) = SpokenPhrases.Complete(unspoken);
        if (phrases.Count == 0)
        {
            return 0;
        }

        var ready = unspoken[..rest];
        if (ReplyGuard.Check(ready, system, grounding) is { } problem)
        {
            throw new UngroundedReplyException($"Model phrase withheld: {problem}.");
        }

        await speak(ready, cancellationToken);
        return rest;
    }

    private Task<string> SystemPromptAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var notice = turn.Request.Notice;
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), turn.Resident.TimeZone);
        var arguments = new KernelArguments
        {
            ["street"] = turn.Resident.StreetName ?? string.Empty,
            ["honorific"] = turn.Resident.Honorific,
            ["channel"] = turn.Request.Channel == ContactChannel.Voice ? "phone call" : "SMS",
            ["notice_title"] = notice?.Title ?? "-",
            ["notice_body"] = notice?.Body ?? "-",
            ["key_facts"] = notice is null ? "-" : string.Join("; ", notice.KeyFacts.Select(f => $"{f.Name}: {f.Value}")),
            ["response_kind"] = notice?.ResponseKind.ToString() ?? "-",
            ["options"] = notice is null ? string.Empty : string.Join(" | ", notice.Options),
            ["now"] = now.ToString("yyyy-MM-dd dddd HH:mm", CultureInfo.InvariantCulture),
        };
        return prompts.RenderAsync("conversation/system", turn.Language, arguments, cancellationToken);
    }
}
