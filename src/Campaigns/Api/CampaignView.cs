using Outreach.Agent.Conversations;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Reports;
using Outreach.Campaigns.Schedules;

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
    ScheduleView Schedule,
    string QuietFrom,
    string QuietUntil,
    string TimeZone,
    int? DailyCap,
    bool OnePerHousehold,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LaunchedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<int> CommunityIds,
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
            new ScheduleView(
                campaign.Schedule,
                campaign.Cron,
                campaign.DateField,
                campaign.Schedule == ScheduleKind.DateField ? campaign.DateOffsetDays : null,
                campaign.DateLocalTime?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                campaign.ParentId,
                campaign.OccurrenceAt),
            campaign.QuietFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            campaign.QuietUntil.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            campaign.TimeZone,
            campaign.DailyCap,
            campaign.OnePerHousehold,
            campaign.CreatedBy,
            campaign.CreatedAt,
            campaign.LaunchedAt,
            campaign.CompletedAt,
            campaign.CommunityIds,
            counts);
    }
}

public sealed record NoticeView(string Title, string Body, IReadOnlyList<KeyFact> KeyFacts, ResponseKind Response, IReadOnlyList<string> Options);

/// <summary>How a campaign is timed; a run of a recurring campaign names its campaign and occurrence.</summary>
public sealed record ScheduleView(ScheduleKind Kind, string? Cron, string? DateField, int? DateOffsetDays, string? At, int? RunOf, DateTimeOffset? OccurrenceAt);
