using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Tests.Webhooks;

public sealed class WebhookIdempotencyTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly WebhookIdempotency idempotency;
    private int runs;

    public WebhookIdempotencyTests()
    {
        var options = new TwilioOptions { IdempotencyRetention = TimeSpan.FromMinutes(10) };
        idempotency = new WebhookIdempotency(time, new StaticOptionsMonitor(options));
    }

    [Fact]
    public async Task Repeat_within_the_window_returns_the_first_answer()
    {
        var first = await idempotency.RunOnceAsync("token", Run);
        time.Advance(TimeSpan.FromMinutes(9));
        var second = await idempotency.RunOnceAsync("token", Run);

        Assert.Equal(1, runs);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Repeat_after_the_window_runs_again()
    {
        await idempotency.RunOnceAsync("token", Run);
        time.Advance(TimeSpan.FromMinutes(11));
        await idempotency.RunOnceAsync("token", Run);

        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Failed_run_is_not_remembered()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => idempotency.RunOnceAsync("token", () => throw new InvalidOperationException("handler failed")));
        await idempotency.RunOnceAsync("token", Run);

        Assert.Equal(1, runs);
    }

    private Task<object?> Run() => Task.FromResult<object?>($"response {Interlocked.Increment(ref runs)}");

    private sealed class StaticOptionsMonitor(TwilioOptions value) : IOptionsMonitor<TwilioOptions>
    {
        public TwilioOptions CurrentValue => value;

        public TwilioOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TwilioOptions, string?> listener) => null;
    }
}
