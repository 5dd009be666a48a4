using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Relay;

/// <summary>The conversation behind a ConversationRelay session (implemented by the Campaigns module).</summary>
public interface IRelayConversation
{
    /// <summary>
    /// Binds a session to the resident of <paramref name="answered"/>, the signed answer webhook that started the session.
    /// Null when the call has no resident to talk to (the session ends).
    /// </summary>
    Task<IRelaySession?> OpenAsync(CallInput answered, CancellationToken cancellationToken);
}
