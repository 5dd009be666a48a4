using Outreach.Agent.Wording;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Definition;

/// <summary>A segment's wording, drafted once at launch and filled per resident at dispatch.</summary>
public sealed class CampaignWording
{
    public int Id { get; set; }

    public int CampaignId { get; set; }

    public required string Language { get; set; }

    public required string Audience { get; set; }

    public ContactChannel Channel { get; set; }

    public required string Template { get; set; }

    public WordingSource Source { get; set; }

    public SegmentKey Key => new(Language, Audience, Channel);

    public SegmentWording ToSegmentWording() => new(Key, Template, Source);
}
