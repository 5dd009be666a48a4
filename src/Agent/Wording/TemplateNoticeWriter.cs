using Microsoft.SemanticKernel;
using Outreach.Agent.Conversations;
using Outreach.Agent.Prompts;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Wording;

/// <summary>
/// The offline notice writer: the prompt-file template of the segment's language and channel around the staff's own
/// title and body, with the answer hint; key facts the body does not already carry are appended. No model call.
/// </summary>
public sealed class TemplateNoticeWriter(PromptLibrary prompts) : INoticeWriter
{
    public async Task<IReadOnlyList<SegmentWording>> DraftAsync(NoticeContext notice, IReadOnlyCollection<SegmentKey> segments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var wordings = new List<SegmentWording>(segments.Count);
        foreach (var segment in segments)
        {
            wordings.Add(await WordAsync(notice, segment, WordingSource.Template, cancellationToken));
        }

        return wordings;
    }

    public string Personalise(SegmentWording wording, ResidentDetails resident) => WordingPlaceholders.Fill(wording, resident);

    /// <summary>The template wording for one segment; also what the model writer falls back to.</summary>
    public async Task<SegmentWording> WordAsync(NoticeContext notice, SegmentKey segment, WordingSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(segment);
        var language = PromptLibrary.LanguageFor(segment.Language);
        var missing = FactLock.Missing(notice.Title + notice.Body, notice.KeyFacts);
        var facts = missing.Count == 0 ? string.Empty
            : await prompts.RenderAsync("notice/facts", language, new KernelArguments { ["facts"] = await prompts.FactListAsync(missing, language, cancellationToken) }, cancellationToken);

        var arguments = new KernelArguments
        {
            ["title"] = notice.Title.Trim(),
            ["body"] = notice.Body.Trim(),
            ["facts"] = facts,
            ["hint"] = await prompts.AnswerHintAsync(notice, segment.Channel, language, cancellationToken),
        };
        var channel = segment.Channel == ContactChannel.Voice ? "notice/voice" : "notice/sms";
        return new SegmentWording(segment, await prompts.RenderAsync(channel, language, arguments, cancellationToken), source);
    }
}
