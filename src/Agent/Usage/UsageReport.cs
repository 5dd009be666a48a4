namespace Outreach.Agent.Usage;

/// <summary>Model calls and tokens, in total and per purpose (conversation, notice, knowledge embeddings).</summary>
public sealed record UsageReport(int? CampaignId, long? ConversationId, int Calls, long PromptTokens, long CompletionTokens, int Conversations, IReadOnlyList<UsageByPurpose> ByPurpose);

public sealed record UsageByPurpose(string Purpose, int Calls, long PromptTokens, long CompletionTokens);
