namespace Outreach.Campaigns.Reports;

/// <summary>A campaign's live progress, derived from its targets and attempts (never stored counters).</summary>
public sealed record CampaignCounts(
    int Targeted,
    int Attempted,
    int Sent,
    int Delivered,
    int Replied,
    int Confirmed,
    int Declined,
    int OptionChosen,
    int FreeAnswers,
    int Questions,
    int NeedsPerson,
    int ProblemsReported,
    int OptedOut,
    int Failed,
    int Unreachable,
    int Pending);
