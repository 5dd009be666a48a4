using Outreach.Telephony.Messaging;
using Polly.CircuitBreaker;
using Twilio.Exceptions;

namespace Outreach.Telephony.Rest;

/// <summary>A failed Twilio request in the campaign engine's terms.</summary>
internal sealed record TwilioFailure(SendDisposition Disposition, int? Code, string Message, TimeSpan? RetryAfter)
{
    private static readonly TimeSpan DefaultThrottleDelay = TimeSpan.FromSeconds(1);

    public static TwilioFailure From(TwilioException exception, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ApiException { Code: 21211 or 21614 } api => new(SendDisposition.InvalidRecipient, api.Code, api.Message, null),
            ApiException { Code: 21610 } api => new(SendDisposition.RecipientOptedOut, api.Code, api.Message, null),
            ApiException { Code: 20429 } or ApiException { Status: 429 } => new(SendDisposition.Throttled, CodeOf(exception), exception.Message, retryAfter ?? DefaultThrottleDelay),
            // Status 0: the SDK could not parse the body, which a proxy's 5xx page does too.
            ApiException { Status: >= 500 or 0 } api => new(SendDisposition.Unknown, CodeOf(api), api.Message, retryAfter),
            ApiException api => new(SendDisposition.Rejected, api.Code, api.Message, null),
            _ when FindBrokenCircuit(exception) is not null => new(SendDisposition.Throttled, null, "Twilio is failing; the circuit breaker is open.", TwilioResilience.BreakDuration),
            _ => new(SendDisposition.Unknown, null, exception.InnerException?.Message ?? exception.Message, null),
        };
    }

    private static int? CodeOf(TwilioException exception) => exception is ApiException { Code: not 0 } api ? api.Code : null;

    private static BrokenCircuitException? FindBrokenCircuit(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is BrokenCircuitException broken)
            {
                return broken;
            }
        }

        return null;
    }
}
