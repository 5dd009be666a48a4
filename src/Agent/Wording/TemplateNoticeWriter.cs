using Microsoft.SemanticKernel;
using Outreach.Agent.Conversations;
using Outreach.Agent.Interpretation;
using Outreach.Agent.Prompts;
using Outreach.Residents.Archive;

namespace Outreach.Agent.Wording;

/// <summary>
/// The offline notice writer: the prompt-file template of the segment's language and channel around the staff's own
/// title and body (their translation for that language, when they wrote one), with the answer hint; key facts the body
/// does not already carry are appended. It cannot translate: a segment in a language the staff wrote nothing in gets
/// the original text with every key fact spelled out, and is marked <see cref="WordingSource.Untranslated"/>. No model call.
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

    /// <summary>
    /// The template wording for one segment; also what the model writer falls back to. A segment in a language the
    /// staff wrote a translation for uses that text; one in a language they wrote nothing in is <see cref="WordingSource.Untranslated"/>.
    /// </summary>
    public async Task<SegmentWording> WordAsync(NoticeContext notice, SegmentKey segment, WordingSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(segment);
        var language = PromptLibrary.LanguageFor(segment.Language);
        var (title, body, untranslated) = TextFor(notice, segment.Language);
        var facts = untranslated
            ? await prompts.FactListAsync(await NeutralFactsAsync(notice.KeyFacts, language, cancellationToken), language, cancellationToken)
            : await prompts.FactListAsync(FactLock.Missing(title + body, notice.KeyFacts), language, cancellationToken);

        var arguments = new KernelArguments
        {
            ["title"] = title,
            ["body"] = body,
            ["facts"] = facts.Length == 0 ? string.Empty : await prompts.RenderAsync("notice/facts", language, new KernelArguments { ["facts"] = facts }, cancellationToken),
            ["hint"] = await prompts.AnswerHintAsync(notice, segment.Channel, language, cancellationToken),
        };
        var channel = segment.Channel == ContactChannel.Voice ? "notice/voice" : "notice/sms";
        return new SegmentWording(segment, await prompts.RenderAsync(channel, language, arguments, cancellationToken), untranslated ? WordingSource.Untranslated : source);
    }

    /// <summary>
    /// The staff's title and body for a segment's language: their translation when they wrote one, else the original,
    /// which is untranslated when it is in another language than the segment's.
    /// </summary>
    public static (string Title, string Body, bool Untranslated) TextFor(NoticeContext notice, string segmentLanguage)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.TranslationFor(segmentLanguage) is { } translation)
        {
            return (translation.Title.Trim(), translation.Body.Trim(), false);
        }

        var original = ReplyInterpreter.DetectLanguage(notice.Title + notice.Body) ?? PromptLibrary.LanguageFor(null);
        return (notice.Title.Trim(), notice.Body.Trim(), PromptLibrary.LanguageFor(segmentLanguage) != PromptLibrary.LanguageFor(original));
    }

    /// <summary>Every key fact with its label in the segment's language and each date and time also written in digits; the value itself unchanged.</summary>
    private async Task<IReadOnlyList<KeyFact>> NeutralFactsAsync(IReadOnlyList<KeyFact> facts, string language, CancellationToken cancellationToken)
    {
        var names = (await prompts.RenderAsync("notice/fact-names", language, null, cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return [.. facts.Select(f => new KeyFact(names.GetValueOrDefault(f.Name.Trim(), f.Name), NeutralGloss.Append(f.Value)))];
    }
}
