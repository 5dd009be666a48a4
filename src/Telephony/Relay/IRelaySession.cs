namespace Outreach.Telephony.Relay;

/// <summary>One call's conversation over ConversationRelay, already bound to its resident.</summary>
public interface IRelaySession
{
    /// <summary>
    /// Answers what the resident said or pressed, phrase by phrase as the answer is generated; the last item may
    /// carry how the call goes on (<see cref="RelaySpeech.Ending"/>).
    /// </summary>
    IAsyncEnumerable<RelaySpeech> RespondAsync(RelayPrompt prompt, CancellationToken cancellationToken);
}
