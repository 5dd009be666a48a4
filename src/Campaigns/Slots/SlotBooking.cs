namespace Outreach.Campaigns.Slots;

/// <summary>The place one resident holds in a campaign: at most one per resident and campaign (a unique index).</summary>
public sealed class SlotBooking
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public int ResidentId { get; set; }

    public int SlotId { get; set; }

    public DateTimeOffset BookedAt { get; set; }
}
