using Outreach.Agent.Conversations;

namespace Outreach.Agent.Wording;

/// <summary>Drafts one wording per segment (model calls grow with segments, not residents), fact-locked.</summary>
public interface INoticeWriter
{
    Task<IReadOnlyList<SegmentWording>> DraftAsync(NoticeContext notice, IReadOnlyCollection<SegmentKey> segments, CancellationToken cancellationToken);

    /// <summary>Fills a segment's wording for one resident.</summary>
    string Personalise(SegmentWording wording, ResidentDetails resident);
}
