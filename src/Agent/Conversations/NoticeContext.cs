namespace Outreach.Agent.Conversations;

/// <summary>What a notice says and what answer it wants; given to the agent by the server, never fetched by the model.</summary>
public sealed record NoticeContext(
    int CampaignId,
    string Title,
    string Body,
    IReadOnlyList<KeyFact> KeyFacts,
    ResponseKind ResponseKind,
    IReadOnlyList<string> Options);
