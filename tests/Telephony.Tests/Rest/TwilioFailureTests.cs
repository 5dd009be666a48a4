using Outreach.Telephony.Messaging;
using Outreach.Telephony.Rest;
using Polly.CircuitBreaker;
using Twilio.Exceptions;

namespace Outreach.Telephony.Tests.Rest;

public sealed class TwilioFailureTests
{
    [Theory]
    [InlineData(21211, 400, SendDisposition.InvalidRecipient)]
    [InlineData(21614, 400, SendDisposition.InvalidRecipient)]
    [InlineData(21610, 400, SendDisposition.RecipientOptedOut)]
    [InlineData(20429, 429, SendDisposition.Throttled)]
    [InlineData(0, 429, SendDisposition.Throttled)]
    [InlineData(20500, 500, SendDisposition.Unknown)]
    [InlineData(0, 503, SendDisposition.Unknown)]
    [InlineData(21408, 400, SendDisposition.Rejected)]
    [InlineData(20003, 401, SendDisposition.Rejected)]
    public void Api_errors_map_to_dispositions(int code, int status, SendDisposition expected)
    {
        var failure = TwilioFailure.From(new ApiException(code, status, "message", "https://www.twilio.com/docs/errors"), null);

        Assert.Equal(expected, failure.Disposition);
    }

    [Fact]
    public void Throttling_keeps_retry_after_or_waits_a_second()
    {
        var throttled = new ApiException(20429, 429, "Too Many Requests", null);

        Assert.Equal(TimeSpan.FromSeconds(30), TwilioFailure.From(throttled, TimeSpan.FromSeconds(30)).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), TwilioFailure.From(throttled, null).RetryAfter);
    }

    [Fact]
    public void Transport_failure_is_unknown_so_the_caller_looks_the_message_up()
    {
        var failure = TwilioFailure.From(new ApiConnectionException("Connection Error", new HttpRequestException("reset")), null);

        Assert.Equal(SendDisposition.Unknown, failure.Disposition);
    }

    [Fact]
    public void Open_circuit_is_throttled_because_nothing_was_sent()
    {
        var failure = TwilioFailure.From(new ApiConnectionException("Connection Error", new BrokenCircuitException("open")), null);

        Assert.Equal(SendDisposition.Throttled, failure.Disposition);
        Assert.Equal(TwilioResilience.BreakDuration, failure.RetryAfter);
    }
}
