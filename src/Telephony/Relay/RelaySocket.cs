using System.Buffers;
using System.Net.WebSockets;

namespace Outreach.Telephony.Relay;

/// <summary>
/// ConversationRelay messages over one WebSocket, for both ends (our endpoint and the emulator): whole JSON text
/// messages in, and sends serialised so a streaming answer and an end message never interleave.
/// </summary>
public sealed class RelaySocket(WebSocket socket) : IDisposable
{
    private const int MaxMessageBytes = 64 * 1024;
    private readonly SemaphoreSlim sending = new(1, 1);

    public bool IsOpen => socket.State == WebSocketState.Open;

    public async Task SendAsync(RelayMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = message.ToUtf8();
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>The next message; null when the other end closed. A message that is not ours comes back as type "invalid".</summary>
    public async Task<RelayMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var result = await socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken);
                return null;
            }

            if (result.EndOfMessage)
            {
                return RelayMessage.Parse(buffer.WrittenSpan) ?? new RelayMessage { Type = "invalid" };
            }
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await sending.WaitAsync(cancellationToken);
            try
            {
                await socket.CloseOutputAsync(status, description, cancellationToken);
            }
            finally
            {
                sending.Release();
            }
        }
    }

    public void Dispose() => sending.Dispose();
}
