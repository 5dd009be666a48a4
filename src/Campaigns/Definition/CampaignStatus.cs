namespace Outreach.Campaigns.Definition;

/// <summary>Where a campaign is in its life.</summary>
public enum CampaignStatus
{
    Draft,
    Scheduled,
    Running,
    Paused,
    Completed,
    Cancelled,
}
