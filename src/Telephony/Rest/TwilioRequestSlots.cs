using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Rest;

/// <summary>
/// This process's share of the Twilio account's concurrent REST requests (<see cref="TwilioOptions.MaxConcurrentRequests"/>).
/// Twilio limits how many REST requests an account has in flight at once and refuses the excess with 429 (error 20429),
/// and a campaign's chunk jobs together would otherwise have hundreds in flight (Hangfire workers × Campaigns:SendConcurrency):
/// a request waits here for a slot instead.
/// </summary>
internal sealed class TwilioRequestSlots(IOptions<TwilioOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentRequests, options.Value.MaxConcurrentRequests);

    public Task WaitAsync(CancellationToken cancellationToken) => slots.WaitAsync(cancellationToken);

    public void Release() => slots.Release();

    public void Dispose() => slots.Dispose();
}

/// <summary>
/// Sends each Twilio REST request in one of the process's <see cref="TwilioRequestSlots"/>. It sits outside the resilience
/// pipeline, so the time a request waits for a slot never counts towards its timeouts (a POST that timed out is never
/// retried, and its attempt would be left to recovery); a retry keeps the slot it had.
/// </summary>
internal sealed class TwilioRequestSlotHandler(TwilioRequestSlots slots) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }
}
