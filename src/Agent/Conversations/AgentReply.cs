namespace Outreach.Agent.Conversations;

/// <summary>The agent's answer to one turn.</summary>
/// <param name="Outcome">What the resident's turn meant.</param>
/// <param name="Reply">What to say or text back; null when nothing is due.</param>
/// <param name="Summary">A short line for the resident's timeline.</param>
/// <param name="Option">The chosen option or slot, where there was one.</param>
/// <param name="Language">Language of <paramref name="Reply"/>.</param>
/// <param name="ByFallback">True when the offline interpreter answered because the model failed or was late.</param>
public sealed record AgentReply(
    ResidentOutcome Outcome,
    string? Reply,
    string Summary,
    ConversationNext Next,
    string Language,
    string? Option = null,
    bool ByFallback = false);
