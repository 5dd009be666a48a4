using System.Threading.Channels;

namespace Outreach.Telephony.Emulator;

/// <summary>Where a call's answers to Gather come from: a behaviour script, or a person on the resident-phone page.</summary>
internal sealed class ResidentReplies(IReadOnlyList<PhoneReply> script, TimeSpan latency, ChannelReader<PhoneReply>? live, TimeSpan? liveWait = null)
{
    private int next;

    /// <summary>True when a person on the phone page answers: their silence is not a hang-up.</summary>
    public bool IsLive => live is not null;

    /// <summary>The next reply, or null for silence. A script that ran out is silent at once rather than after the timeout.</summary>
    public async Task<PhoneReply?> NextAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (live is not null)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waiting.CancelAfter(liveWait ?? TimeSpan.FromSeconds(60));
            try
            {
                return await live.ReadAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        if (next >= script.Count)
        {
            return null;
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken);
        }

        return script[next++];
    }
}
