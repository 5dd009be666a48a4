using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Outreach.Telephony.Rest;

/// <summary>
/// Retries that cannot send a notice twice: a GET is retried on 429, 5xx and transport errors, honouring
/// Retry-After; a POST only when the connection was never made (so Twilio cannot have acted on it). A circuit
/// breaker stops hammering Twilio while it is down.
/// </summary>
internal static class TwilioResilience
{
    /// <summary>How long the breaker stays open before letting a trial request through.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddTimeout(TimeSpan.FromSeconds(30));
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            MaxDelay = TimeSpan.FromSeconds(10),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(IsSafeToRetry(args.Context.GetRequestMessage(), args.Outcome)),
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(10));
    }

    internal static bool IsSafeToRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is BrokenCircuitException)
        {
            return false;
        }

        if (NeverReachedServer(outcome.Exception))
        {
            return true;
        }

        return request?.Method == HttpMethod.Get && (IsOutage(outcome) || outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);
    }

    /// <summary>5xx and transport failures count against the breaker; 429 is Twilio working as designed.</summary>
    internal static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    private static bool NeverReachedServer(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
}
