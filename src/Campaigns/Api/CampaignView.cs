using Outreach.Agent.Conversations;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Reports;

namespace Outreach.Campaigns.Api;

/// <summary>A campaign as the API shows it, with live counts where asked for.</summary>
public sealed record CampaignView(
    int Id,
    string Name,
    CampaignStatus Status,
    NoticeView Notice,
    string Audience,
    string Channel,
    int MaxCalls,
    int RetryMinutes,
    DateTimeOffset? StartAt,
    string QuietFrom,
    string QuietUntil,
    string TimeZone,
    int? DailyCap,
    bool OnePerHousehold,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LaunchedAt,
    DateTimeOffset? CompletedAt,
    CampaignCounts? Counts)
{
    public static CampaignView From(Campaign campaign, CampaignCounts? counts)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new CampaignView(
            campaign.Id,
            campaign.Name,
            campaign.Status,
            new NoticeView(campaign.Title, campaign.Body, campaign.KeyFacts, campaign.ResponseKind, campaign.Options),
            campaign.Audience,
            ChannelNames.Name(campaign.Channel),
            campaign.MaxCalls,
            campaign.CallRetryMinutes,
            campaign.StartAt,
            campaign.QuietFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            campaign.QuietUntil.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            campaign.TimeZone,
            campaign.DailyCap,
            campaign.OnePerHousehold,
            campaign.CreatedBy,
            campaign.CreatedAt,
            campaign.LaunchedAt,
            campaign.CompletedAt,
            counts);
    }
}

public sealed record NoticeView(string Title, string Body, IReadOnlyList<KeyFact> KeyFacts, ResponseKind Response, IReadOnlyList<string> Options);
