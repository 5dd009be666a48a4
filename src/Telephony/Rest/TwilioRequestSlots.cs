using System.Net;
using System.Net.Http.Headers;
using System.Text;
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

    /// <summary>How long a create (a POST) waits for a slot before it is refused as Twilio would; <see cref="TwilioOptions.SlotWaitBeforeCreate"/>.</summary>
    internal TimeSpan CreateWait { get; set; } = TwilioOptions.SlotWaitBeforeCreate;

    public Task WaitAsync(CancellationToken cancellationToken) => slots.WaitAsync(cancellationToken);

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => slots.WaitAsync(timeout, cancellationToken);

    public void Release() => slots.Release();

    public void Dispose() => slots.Dispose();
}

/// <summary>
/// Sends each Twilio REST request in one of the process's <see cref="TwilioRequestSlots"/>. It sits outside the resilience
/// pipeline, so the time a request waits for a slot never counts towards its timeouts (a POST that timed out is never
/// retried, and its attempt would be left to recovery); a retry keeps the slot it had.
/// A create (POST: a message, a call) waits at most <see cref="TwilioRequestSlots.CreateWait"/> and is then answered here
/// as Twilio answers a request over the account's concurrency, 429 with error 20429 and a Retry-After, without being sent:
/// the campaign engine reschedules it, and a decision is never sent later than its send window allows (ADR 0005).
/// Reads wait as long as it takes.
/// </summary>
internal sealed class TwilioRequestSlotHandler(TwilioRequestSlots slots) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post)
        {
            await slots.WaitAsync(cancellationToken);
        }
        else if (!await slots.WaitAsync(slots.CreateWait, cancellationToken))
        {
            return TooManyInFlight(request);
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private static HttpResponseMessage TooManyInFlight(HttpRequestMessage request)
    {
        const string error = """{"code": 20429, "message": "Too many requests in flight from this server (Twilio:MaxConcurrentRequests); not sent.", "more_info": "https://www.twilio.com/docs/errors/20429", "status": 429}""";
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            RequestMessage = request,
            Content = new StringContent(error, Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        return response;
    }
}
