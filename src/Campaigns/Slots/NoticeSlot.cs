namespace Outreach.Campaigns.Slots;

/// <summary>
/// An appointment slot a notice offers (one of its options) with a fixed number of places. <see cref="Booked"/> only
/// changes through <see cref="SlotBook"/>'s conditional updates, so the database, not a read in C#, keeps it within
/// <see cref="Capacity"/> however many residents book at once.
/// </summary>
public sealed class NoticeSlot
{
    public int Id { get; set; }

    public int CampaignId { get; set; }

    /// <summary>Position among the notice's options: "the next free slot" follows this order.</summary>
    public int Ordinal { get; set; }

    public required string Label { get; set; }

    public int Capacity { get; set; }

    public int Booked { get; set; }
}
