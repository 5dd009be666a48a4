using Outreach.Agent.Wording;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Definition;

/// <summary>A campaign's drafted wordings in memory, for filling one resident's message at dispatch.</summary>
public sealed class WordingBook(Campaign campaign, IReadOnlyDictionary<SegmentKey, SegmentWording> wordings, INoticeWriter writer)
{
    public string Fill(CampaignTarget target, ContactChannel channel)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = new SegmentKey(target.Language, target.Segment, channel);
        // Without a drafted wording (the segment appeared after drafting), the staff's own text goes out unchanged.
        var wording = wordings.GetValueOrDefault(key) ?? new SegmentWording(key, $"{campaign.Title}\n{campaign.Body}", WordingSource.StaffText);
        return writer.Personalise(wording, SegmentWordings.DetailsOf(target));
    }
}
