namespace Outreach.Agent.Conversations;

/// <summary>
/// A piece of the agent's answer as it is generated: a phrase to speak now, or (last) the whole <see cref="AgentReply"/>
/// with an empty <paramref name="Text"/>.
/// </summary>
public sealed record AgentReplyPart(string Text, AgentReply? Final = null);
