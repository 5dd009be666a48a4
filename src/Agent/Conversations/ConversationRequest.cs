using Outreach.Residents.Archive;

namespace Outreach.Agent.Conversations;

/// <summary>
/// One resident turn. <paramref name="ResidentId"/> is bound by the server from the caller's number;
/// <paramref name="Actions"/> are already bound to that resident, so nothing the model says can reach another.
/// </summary>
public sealed record ConversationRequest(
    int ResidentId,
    ContactChannel Channel,
    string Text,
    string? Digits,
    NoticeContext? Notice,
    IConversationActions Actions,
    string? ExternalRef = null);
