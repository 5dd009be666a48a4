using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Outreach.Storage;
using Outreach.Telephony.Storage;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Webhooks;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Webhooks;

/// <summary>Idempotency tokens against a real SQLite file: a new instance stands for the server after a restart.</summary>
public sealed class WebhookIdempotencyTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly TestDatabase database = new();
    private readonly TwilioOptions options = new() { IdempotencyRetention = TimeSpan.FromMinutes(10) };
    private PooledDbContextFactory<TelephonyDbContext> contexts = null!;
    private int runs;

    public async Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<TelephonyDbContext>();
        OutreachDatabase.Configure(builder, database.Options, "telephony");
        contexts = new PooledDbContextFactory<TelephonyDbContext>(builder.Options);
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Repeat_within_the_window_returns_the_first_answer()
    {
        var first = await Server().RunOnceAsync("token", Run, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(9));
        var second = await Server().RunOnceAsync("token", Run, CancellationToken.None);

        Assert.Equal(1, runs);
        Assert.Equal(Body(first), Body(second));
    }

    [Fact]
    public async Task Replay_after_a_restart_changes_nothing()
    {
        await Server().RunOnceAsync("/twilio/sms/inbound|token", Run, CancellationToken.None);

        // A new instance has no memory of the first delivery: only the stored receipt can answer.
        var replay = await Server().RunOnceAsync("/twilio/sms/inbound|token", Run, CancellationToken.None);

        Assert.Equal(1, runs);
        Assert.Equal("<Response>1</Response>", Body(replay));
    }

    [Fact]
    public async Task Empty_answer_is_replayed_as_204()
    {
        await Server().RunOnceAsync("status", () => { runs++; return Task.FromResult<IResult>(TypedResults.NoContent()); }, CancellationToken.None);

        var replay = await Server().RunOnceAsync("status", Run, CancellationToken.None);

        Assert.IsType<NoContent>(replay);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Repeat_after_the_window_runs_again()
    {
        await Server().RunOnceAsync("token", Run, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(11));
        var again = await Server().RunOnceAsync("token", Run, CancellationToken.None);

        Assert.Equal(2, runs);
        Assert.Equal("<Response>2</Response>", Body(again));
    }

    [Fact]
    public async Task Failed_run_is_not_remembered()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Server().RunOnceAsync("token", () => throw new InvalidOperationException("handler failed"), CancellationToken.None));
        await Server().RunOnceAsync("token", Run, CancellationToken.None);

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Overlapping_deliveries_share_one_run()
    {
        var gate = new TaskCompletionSource();
        var server = Server();
        var first = server.RunOnceAsync("token", async () => { await gate.Task; return await Run(); }, CancellationToken.None);
        var second = server.RunOnceAsync("token", Run, CancellationToken.None);
        gate.SetResult();

        Assert.Equal(Body(await first), Body(await second));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Prune_forgets_receipts_past_the_window_only()
    {
        await Server().RunOnceAsync("old", Run, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(11));
        await Server().RunOnceAsync("new", Run, CancellationToken.None);

        var pruned = await Server().PruneAsync(CancellationToken.None);

        Assert.Equal(1, pruned);
        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(["new"], await db.WebhookReceipts.Select(r => r.Key).ToListAsync());
    }

    private WebhookIdempotency Server() => new(contexts, time, new FixedOptionsMonitor(options));

    private Task<IResult> Run() => Task.FromResult<IResult>(TypedResults.Content($"<Response>{Interlocked.Increment(ref runs)}</Response>", "application/xml"));

    private static string? Body(IResult result) => Assert.IsType<ContentHttpResult>(result).ResponseContent;
}
