using System.Collections.Concurrent;
using Outreach.Agent.Conversations;
using Outreach.Agent.Wording;

namespace Outreach.Campaigns.Tests.Doubles;

/// <summary>An INoticeWriter that writes "{name}: title — body" per segment and counts drafts.</summary>
public sealed class RecordingNoticeWriter : INoticeWriter
{
    public ConcurrentQueue<SegmentKey> Drafted { get; } = new();

    /// <summary>Languages this writer has no text for: their segments come back <see cref="WordingSource.Untranslated"/>.</summary>
    public HashSet<string> Untranslated { get; } = [];

    public Task<IReadOnlyList<SegmentWording>> DraftAsync(NoticeContext notice, IReadOnlyCollection<SegmentKey> segments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(segments);
        foreach (var segment in segments)
        {
            Drafted.Enqueue(segment);
        }

        return Task.FromResult<IReadOnlyList<SegmentWording>>(
            [.. segments.Select(s => new SegmentWording(s, $"[{s}] {{name}}: {notice.Title} - {notice.Body}", Untranslated.Contains(s.Language) ? WordingSource.Untranslated : WordingSource.Template))]);
    }

    public string Personalise(SegmentWording wording, ResidentDetails resident)
    {
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(resident);
        return wording.Template.Replace("{name}", resident.Name, StringComparison.Ordinal);
    }
}
