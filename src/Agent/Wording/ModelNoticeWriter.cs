using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Outreach.Agent.Conversations;
using Outreach.Agent.Prompts;
using Outreach.Agent.Providers;
using Outreach.Agent.Usage;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Wording;

/// <summary>
/// Drafts one wording per segment with the model (so calls grow with segments, not residents), then holds it to the
/// fact lock: a draft missing or altering a key fact is redrafted once with the missing facts named, and if that fails
/// too the staff's own text, in the offline template, is used. A model error also falls back to the template.
/// </summary>
public sealed class ModelNoticeWriter(
    Kernel kernel,
    PromptLibrary prompts,
    TemplateNoticeWriter template,
    UsageRecorder usage,
    IOptions<AgentOptions> options,
    ILogger<ModelNoticeWriter> logger) : INoticeWriter
{
    private const int SmsCharacters = 70;

    public async Task<IReadOnlyList<SegmentWording>> DraftAsync(NoticeContext notice, IReadOnlyCollection<SegmentKey> segments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(segments);
        var wordings = new List<SegmentWording>(segments.Count);
        foreach (var segment in segments)
        {
            wordings.Add(await DraftSegmentAsync(notice, segment, cancellationToken));
        }

        return wordings;
    }

    public string Personalise(SegmentWording wording, ResidentDetails resident) => WordingPlaceholders.Fill(wording, resident);

    private async Task<SegmentWording> DraftSegmentAsync(NoticeContext notice, SegmentKey segment, CancellationToken cancellationToken)
    {
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var language = PromptLibrary.LanguageFor(segment.Language);
        IReadOnlyList<KeyFact> missing = [];
        var count = default(TokenCount);
        try
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var prompt = await DraftPromptAsync(notice, segment, language, missing, cancellationToken);
                var draft = await chat.GetChatMessageContentAsync(new ChatHistory([new ChatMessageContent(AuthorRole.User, prompt)]), new OpenAIPromptExecutionSettings { Temperature = 0.3, MaxTokens = 600 }, kernel, cancellationToken);
                count += TokenCount.FromMessage(draft);
                var text = (draft.Content ?? string.Empty).Trim();
                missing = FactLock.Missing(text, notice.KeyFacts);
                if (missing.Count == 0 && text.Length > 0)
                {
                    return new SegmentWording(segment, text, WordingSource.Model);
                }

                logger.LogInformation("Draft {Attempt} for segment {Segment} of campaign {CampaignId} failed the fact lock: {Missing}.", attempt + 1, segment, notice.CampaignId, string.Join(", ", missing.Select(f => f.Name)));
            }

            return await template.WordAsync(notice, segment, WordingSource.StaffText, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Drafting segment {Segment} of campaign {CampaignId} failed; the offline template is used.", segment, notice.CampaignId);
            return await template.WordAsync(notice, segment, WordingSource.Template, cancellationToken);
        }
        finally
        {
            await usage.RecordAsync("notice", AgentKernelFactory.ModelName(options.Value), notice.CampaignId, null, count, CancellationToken.None);
        }
    }

    private async Task<string> DraftPromptAsync(NoticeContext notice, SegmentKey segment, string language, IReadOnlyList<KeyFact> missing, CancellationToken cancellationToken)
    {
        var retry = missing.Count == 0 ? string.Empty
            : await prompts.RenderAsync("notice/retry-note", language, new KernelArguments { ["missing"] = await prompts.FactListAsync(missing, language, cancellationToken) }, cancellationToken);
        // The staff's own translation for the segment's language, when they wrote one, is what the model rewords.
        var (title, body, _) = TemplateNoticeWriter.TextFor(notice, segment.Language);
        var arguments = new KernelArguments
        {
            ["audience"] = segment.Audience,
            ["channel"] = segment.Channel == ContactChannel.Voice ? "voice" : "sms",
            ["max_chars"] = SmsCharacters * 2,
            ["key_facts"] = string.Join('\n', notice.KeyFacts.Select(f => $"- {f.Name}: {f.Value}")),
            ["retry_note"] = retry,
            ["title"] = title,
            ["body"] = body,
            ["response_hint"] = await prompts.AnswerHintAsync(notice, segment.Channel, language, cancellationToken),
        };
        return await prompts.RenderAsync("notice/draft", language, arguments, cancellationToken);
    }
}
