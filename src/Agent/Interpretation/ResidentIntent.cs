namespace Outreach.Agent.Interpretation;

/// <summary>What a resident's message means, as the offline interpreter reads it.</summary>
public enum ResidentIntent
{
    Unclear,
    Confirm,
    Decline,
    /// <summary>"Got it" (收到, 晓得了, noted): read as a confirmation where the notice asks for one.</summary>
    Acknowledge,
    Option,
    OptOut,
    OptIn,
    Help,
    AskPerson,
    ReportProblem,
    Question,
}
