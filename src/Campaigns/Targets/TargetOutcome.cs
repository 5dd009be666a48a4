namespace Outreach.Campaigns.Targets;

/// <summary>What came of a campaign for one resident.</summary>
public enum TargetOutcome
{
    /// <summary>Not reached yet; the plan is still running.</summary>
    Pending,
    /// <summary>Delivered or answered; no answer to the notice (yet).</summary>
    Reached,
    Confirmed,
    Declined,
    OptionChosen,
    FreeAnswer,
    Question,
    NeedsPerson,
    ProblemReported,
    OptedOut,
    /// <summary>The whole plan ran and nobody was reached.</summary>
    Unreachable,
    /// <summary>Not contacted: another member of the household was, or the number cannot be contacted.</summary>
    Skipped,
}
