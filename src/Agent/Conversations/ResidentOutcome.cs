namespace Outreach.Agent.Conversations;

/// <summary>What came of a resident's turn, as written to their record and the campaign report.</summary>
public enum ResidentOutcome
{
    None,
    Acknowledged,
    Confirmed,
    Declined,
    OptionChosen,
    FreeAnswer,
    Question,
    NeedsPerson,
    ProblemReported,
    OptedOut,
    OptedIn,
    HelpRequested,
    Unclear,
}
