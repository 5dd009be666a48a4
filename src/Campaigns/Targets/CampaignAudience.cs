using Outreach.Campaigns.Definition;
using Outreach.Residents.Archive;
using Outreach.Residents.Audiences;

namespace Outreach.Campaigns.Targets;

/// <summary>The residents a campaign's audience matches, within the communities it may reach (preview and snapshot alike).</summary>
public static class CampaignAudience
{
    public static IQueryable<Resident> Residents(ResidentDirectory directory, Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(campaign);
        var residents = directory.InAudience(AudienceExpression.Parse(campaign.Audience));
        var communities = campaign.CommunityIds;
        return communities.Count == 0 ? residents : residents.Where(r => communities.Contains(r.CommunityId));
    }
}
