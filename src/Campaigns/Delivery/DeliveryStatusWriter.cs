using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Campaigns.Dispatch;

namespace Outreach.Campaigns.Delivery;

/// <summary>
/// Group commit for status callbacks: Twilio posts two or more per message, at the rate messages go out.
/// <list type="bullet">
/// <item>A final status (delivered, failed, completed, no-answer…) waits until it is committed, so Twilio only hears 2xx
/// for an ending that is stored; callbacks that arrive together are applied together, in one transaction.</item>
/// <item>An interim status (sent, ringing…) is answered at once and held for <see cref="CampaignOptions.InterimStatusHoldMilliseconds"/>:
/// if the attempt's final status comes first, the interim one is never written; otherwise it is written with the others
/// held as long. Nothing waits on an interim status and none changes a decision, so one lost with the process costs
/// nothing that the final status, or the sweep that fetches stuck attempts from Twilio, does not bring back. Those held
/// when the host stops are written first.</item>
/// </list>
/// </summary>
public sealed partial class DeliveryStatusWriter : IHostedService, IAsyncDisposable
{
    private const int MaxBatch = 500;

    /// <summary>
    /// Batches in progress at once. Each takes the reports pending when its transaction begins (on SQLite, at its turn
    /// at the write gate), so while one writes, the next waits at the gate and then takes everything that came in
    /// meanwhile, and another answers its callers and runs the completion check.
    /// </summary>
    private const int Writers = 3;
    private readonly ConcurrentQueue<(StatusReport Report, TaskCompletionSource? Done)> pending = new();
    private readonly ConcurrentDictionary<long, (StatusReport Report, long HeldAt)> held = new();
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider time;
    private readonly ILogger<DeliveryStatusWriter> logger;
    private readonly TimeSpan holdFor;
    private readonly ITimer? releaser;
    private int writers;

    public DeliveryStatusWriter(IServiceScopeFactory scopes, TimeProvider time, IOptions<CampaignOptions> options, ILogger<DeliveryStatusWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.scopes = scopes;
        this.time = time;
        this.logger = logger;
        holdFor = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.InterimStatusHoldMilliseconds));
        if (holdFor > TimeSpan.Zero)
        {
            // Every half hold: an interim status is written between one and one and a half holds after it came.
            var tick = holdFor / 2;
            releaser = time.CreateTimer(_ => ReleaseHeld(holdFor), null, tick, tick);
        }
    }

    public Task WriteAsync(StatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (releaser is not null && !DeliveryStates.IsFinal(report.Status))
        {
            held.AddOrUpdate(report.AttemptId, (report, time.GetTimestamp()), (_, kept) => (kept.Report.Over(report), kept.HeldAt));
            return Task.CompletedTask;
        }

        if (held.TryRemove(report.AttemptId, out var interim))
        {
            report = report.Over(interim.Report);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Enqueue((report, done));
        _ = DrainAsync();
        return done.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The host is stopping: writes the interim statuses still held, and waits for the batches in progress.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ReleaseHeld(TimeSpan.Zero);
        while (!pending.IsEmpty || Volatile.Read(ref writers) != 0)
        {
            _ = DrainAsync();
            await Task.Delay(10, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (releaser is not null)
        {
            await releaser.DisposeAsync();
        }
    }

    /// <summary>Queues for writing the interim statuses held at least <paramref name="heldFor"/>.</summary>
    private void ReleaseHeld(TimeSpan heldFor)
    {
        var now = time.GetTimestamp();
        var released = false;
        foreach (var (attemptId, entry) in held)
        {
            if (time.GetElapsedTime(entry.HeldAt, now) >= heldFor && held.TryRemove(new(attemptId, entry)))
            {
                pending.Enqueue((entry.Report, null));
                released = true;
            }
        }

        if (released)
        {
            _ = DrainAsync();
        }
    }

    private async Task DrainAsync()
    {
        // Re-checked after letting go, so a report queued while the last writer was finishing is never left behind.
        while (!pending.IsEmpty)
        {
            var running = Volatile.Read(ref writers);
            if (running >= Writers)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref writers, running + 1, running) != running)
            {
                continue;
            }

            try
            {
                while (!pending.IsEmpty)
                {
                    await WriteBatchAsync();
                }
            }
            finally
            {
                Interlocked.Decrement(ref writers);
            }
        }
    }

    /// <summary>Writes the reports pending once this writer's transaction has begun, and answers their callers.</summary>
    private async Task WriteBatchAsync()
    {
        var batch = new List<(StatusReport Report, TaskCompletionSource? Done)>();
        try
        {
            await ApplyAsync(progress => progress.ApplyAllAsync(
                () =>
                {
                    while (batch.Count < MaxBatch && pending.TryDequeue(out var item))
                    {
                        batch.Add(item);
                    }

                    return [.. batch.Select(b => b.Report)];
                },
                CancellationToken.None));
            batch.ForEach(b => b.Done?.TrySetResult());
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One report the batch cannot take must not fail the others: each is applied on its own.
            foreach (var (report, done) in batch)
            {
                try
                {
                    await ApplyAsync(progress => progress.ApplyAllAsync([report], CancellationToken.None));
                    done?.TrySetResult();
                }
                catch (Exception ex)
                {
                    Fail(report, done, ex);
                }
            }
        }
        catch (Exception ex) when (batch.Count == 1)
        {
            Fail(batch[0].Report, batch[0].Done, ex);
        }
        catch (Exception ex)
        {
            // No transaction could begin: the reports waiting for one fail with it rather than wait for the next caller.
            while (batch.Count < MaxBatch && pending.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            batch.ForEach(b => Fail(b.Report, b.Done, ex));
        }
    }

    /// <summary>The caller of a final status hears the failure; a held interim status has no caller, so it is logged.</summary>
    private void Fail(StatusReport report, TaskCompletionSource? done, Exception exception)
    {
        if (done is not null)
        {
            done.TrySetException(exception);
        }
        else
        {
            LogInterimLost(exception, report.AttemptId, report.Status);
        }
    }

    /// <summary>In a scope of its own; not with a caller's token, since the batch holds other callers' reports too.</summary>
    private async Task ApplyAsync(Func<DeliveryProgress, Task<int>> apply)
    {
        await using var scope = scopes.CreateAsyncScope();
        await apply(scope.ServiceProvider.GetRequiredService<DeliveryProgress>());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The interim status {Status} of attempt {AttemptId} could not be written; its final status or the stuck-attempt sweep will bring the attempt forward")]
    private partial void LogInterimLost(Exception exception, long attemptId, DeliveryStatus status);
}
