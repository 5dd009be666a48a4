using Microsoft.Extensions.Logging;

namespace Outreach.Telephony.Relay;

/// <summary>
/// One answer being streamed to ConversationRelay: text tokens as they come (none after an interrupt: the resident
/// has stopped listening), last=true, then an end message if the call leaves the relay.
/// </summary>
internal sealed partial class RelayTurn
{
    private volatile bool interrupted;

    private RelayTurn(Task completion) => Completion = completion;

    public static RelayTurn None { get; } = new(Task.CompletedTask);

    public Task Completion { get; private set; }

    public void Interrupt() => interrupted = true;

    public static RelayTurn Start(RelaySocket socket, IRelaySession session, RelayPrompt prompt, ILogger logger, CancellationToken cancellationToken)
    {
        var turn = new RelayTurn(Task.CompletedTask);
        turn.Completion = turn.StreamAsync(socket, session, prompt, logger, cancellationToken);
        return turn;
    }

    private async Task StreamAsync(RelaySocket socket, IRelaySession session, RelayPrompt prompt, ILogger logger, CancellationToken cancellationToken)
    {
        RelayEnding? ending = null;
        try
        {
            await foreach (var speech in session.RespondAsync(prompt, cancellationToken))
            {
                ending ??= speech.Ending;
                if (speech.Text.Length > 0 && !interrupted)
                {
                    await socket.SendAsync(RelayMessage.Text(speech.Text, last: false), cancellationToken);
                }
            }
        }
        catch (Exception error) when (error is not (OperationCanceledException or System.Net.WebSockets.WebSocketException))
        {
            // A bug in the conversation: logged once; the resident is not left on an open line.
            LogFailed(logger, error);
            ending = new RelayEnding(Voice.VoiceNext.Hangup, "error");
        }

        // Every talk cycle is closed with last=true, interrupted or not, so the other end can count answers.
        await socket.SendAsync(RelayMessage.Text(string.Empty, last: true), cancellationToken);

        if (ending is not null)
        {
            await socket.SendAsync(RelayMessage.End(RelayHandoff.Of(ending)), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A ConversationRelay answer failed; the session ends")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
