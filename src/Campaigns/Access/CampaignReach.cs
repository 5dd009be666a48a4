namespace Outreach.Campaigns.Access;

/// <summary>Where a new campaign may reach: its communities, and the street (and time zone) it keeps time in.</summary>
public sealed record CampaignReach(IReadOnlyList<int> CommunityIds, int? StreetId, string TimeZone);
