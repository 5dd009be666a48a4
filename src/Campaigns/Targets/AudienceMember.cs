using System.Linq.Expressions;
using Outreach.Agent.Wording;
using Outreach.Campaigns.Definition;
using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Targets;

/// <summary>What a campaign copies from a resident's record when it takes its audience (and when it previews it).</summary>
public sealed record AudienceMember(
    int Id,
    string Name,
    string Phone,
    string Language,
    ContactChannel PreferredChannel,
    int CommunityId,
    string Community,
    string? Building,
    string? Unit,
    string? Household,
    List<string> Tags,
    DateOnly? BirthDate,
    string? Gender)
{
    /// <summary>The projection, translated to SQL.</summary>
    public static Expression<Func<Resident, AudienceMember>> FromResident { get; } = r => new AudienceMember(
        r.Id, r.Name, r.Phone, r.Language, r.PreferredChannel, r.CommunityId, r.Community!.Name, r.Building, r.Unit, r.Household, r.Tags, r.BirthDate, r.Gender);

    /// <summary>The campaign's snapshot of this resident; <paramref name="today"/> is the street-local date.</summary>
    public CampaignTarget ToTarget(int campaignId, DateOnly today) => new()
    {
        CampaignId = campaignId,
        ResidentId = Id,
        Name = Name,
        Honorific = Honorifics.For(Name, Gender, BirthDate, Language, today),
        Phone = Phone,
        Language = Language,
        PreferredChannel = PreferredChannel,
        CommunityId = CommunityId,
        CommunityName = Community,
        Building = Building,
        Unit = Unit,
        Household = Household,
        Segment = SegmentWordings.SegmentOf(Tags, BirthDate, today),
    };
}
