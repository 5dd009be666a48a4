using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Targets;

/// <summary>One resident of a campaign's audience, snapshotted at launch, and how far the plan got with them.</summary>
public sealed class CampaignTarget
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public int ResidentId { get; set; }

    public required string Name { get; set; }

    /// <summary>How wordings address the resident (王奶奶, Mr Chen), fixed at launch.</summary>
    public string? Honorific { get; set; }

    /// <summary>E.164, as it was at launch.</summary>
    public required string Phone { get; set; }

    public required string Language { get; set; }

    public ContactChannel PreferredChannel { get; set; }

    public int CommunityId { get; set; }

    public string? CommunityName { get; set; }

    public string? Building { get; set; }

    public string? Unit { get; set; }

    /// <summary>Kept so one-per-household campaigns can resume a snapshot without contacting a household twice.</summary>
    public string? Household { get; set; }

    /// <summary>The audience trait group of the wording: general, elderly, living_alone.</summary>
    public required string Segment { get; set; }

    /// <summary>Dispatch chunk this target belongs to.</summary>
    public int ChunkNo { get; set; }

    /// <summary>0-based index of the current step of the channel plan; attempt number is Step + 1.</summary>
    public int Step { get; set; }

    /// <summary>When the current step may be attempted; null when the plan is finished for this resident.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public TargetOutcome Outcome { get; set; }

    public string? ChosenOption { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>When the resident first asked a question about this notice, whether the agent answered it or staff did.</summary>
    public DateTimeOffset? AskedAt { get; set; }
}
