using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Campaigns.Delivery;

/// <summary>
/// Group commit for status callbacks: Twilio posts two or more per message, at the rate messages go out. Each
/// callback waits until its status is committed (so Twilio only hears 2xx for what is stored), but callbacks that
/// arrive together are applied together, in one transaction, by whichever of them got there first.
/// </summary>
public sealed class DeliveryStatusWriter(IServiceScopeFactory scopes)
{
    private const int MaxBatch = 500;
    private readonly ConcurrentQueue<(StatusReport Report, TaskCompletionSource Done)> pending = new();
    private int writing;

    public Task WriteAsync(StatusReport report, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Enqueue((report, done));
        _ = DrainAsync();
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        // Re-checked after letting go, so a report queued while the last writer was finishing is never left behind.
        while (!pending.IsEmpty && Interlocked.CompareExchange(ref writing, 1, 0) == 0)
        {
            try
            {
                var batch = new List<(StatusReport Report, TaskCompletionSource Done)>(MaxBatch);
                while (true)
                {
                    batch.Clear();
                    while (batch.Count < MaxBatch && pending.TryDequeue(out var item))
                    {
                        batch.Add(item);
                    }

                    if (batch.Count == 0)
                    {
                        break;
                    }

                    await WriteBatchAsync(batch);
                }
            }
            finally
            {
                Volatile.Write(ref writing, 0);
            }
        }
    }

    private async Task WriteBatchAsync(List<(StatusReport Report, TaskCompletionSource Done)> batch)
    {
        try
        {
            await ApplyAsync([.. batch.Select(b => b.Report)]);
            batch.ForEach(b => b.Done.TrySetResult());
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One report the batch cannot take must not fail the others: each is applied on its own.
            foreach (var (report, done) in batch)
            {
                try
                {
                    await ApplyAsync([report]);
                    done.TrySetResult();
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            }
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
        }
    }

    private async Task ApplyAsync(IReadOnlyList<StatusReport> reports)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Not the caller's token: the batch holds other callers' reports too.
        await scope.ServiceProvider.GetRequiredService<DeliveryProgress>().ApplyAllAsync(reports, CancellationToken.None);
    }
}
