using Outreach.Campaigns.Access;
using Outreach.Campaigns.Api;
using Outreach.Campaigns.Storage;
using Outreach.Residents.Audiences;

namespace Outreach.Campaigns.Definition;

/// <summary>Creates draft campaigns: validated, with the communities they may reach and their street's time zone.</summary>
public sealed class CampaignDrafts(CampaignsDbContext db, CampaignAccess access, TimeProvider time)
{
    /// <summary>The saved draft, or null with <paramref name="errors"/> naming each field that was wrong.</summary>
    public async Task<Campaign?> CreateAsync(CreateCampaignRequest request, string? createdBy, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var campaign = CampaignRequestValidation.ToCampaign(request, time.GetUtcNow(), createdBy, errors);
        if (campaign is null)
        {
            return null;
        }

        var reach = await access.ReachAsync(AudienceExpression.Parse(campaign.Audience), cancellationToken);
        if (reach.CommunityIds.Count == 0 && access.Communities is not null)
        {
            errors["audience"] = ["audience matches no resident of your communities; community staff create campaigns for their own communities only"];
            return null;
        }

        campaign.CommunityIds = [.. reach.CommunityIds];
        campaign.StreetId = reach.StreetId;
        campaign.TimeZone = reach.TimeZone;
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }
}
