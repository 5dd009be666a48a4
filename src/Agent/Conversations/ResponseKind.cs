namespace Outreach.Agent.Conversations;

/// <summary>The answer a notice asks residents for.</summary>
public enum ResponseKind
{
    None,
    ConfirmDecline,
    Option,
    FreeAnswer,
}
