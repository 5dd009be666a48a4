namespace Outreach.Campaigns.Reports;

/// <summary>One community's funnel for a campaign: targeted → attempted → reached → answered; the unreachable go to grid workers.</summary>
public sealed record CommunityFunnel(
    int CommunityId,
    string? Community,
    int Targeted,
    int Attempted,
    int Reached,
    int Confirmed,
    int Declined,
    int OtherAnswers,
    int Questions,
    int OptedOut,
    int Unreachable,
    int Pending);
