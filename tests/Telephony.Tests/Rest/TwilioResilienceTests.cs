using System.Net;
using System.Net.Sockets;
using Outreach.Telephony.Rest;
using Polly;
using Polly.Timeout;

namespace Outreach.Telephony.Tests.Rest;

public sealed class TwilioResilienceTests
{
    [Theory]
    [InlineData("GET", HttpStatusCode.TooManyRequests, true)]
    [InlineData("GET", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData("GET", HttpStatusCode.BadRequest, false)]
    [InlineData("POST", HttpStatusCode.TooManyRequests, false)]
    [InlineData("POST", HttpStatusCode.ServiceUnavailable, false)]
    public void Only_reads_are_retried_on_responses(string method, HttpStatusCode status, bool retried)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");
        using var response = new HttpResponseMessage(status);

        Assert.Equal(retried, TwilioResilience.IsSafeToRetry(request, Outcome.FromResult(response)));
    }

    [Fact]
    public void Post_is_retried_when_the_connection_was_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(TwilioResilience.IsSafeToRetry(request, Outcome.FromException<HttpResponseMessage>(refused)));
    }

    [Fact]
    public void Post_is_not_retried_after_a_timeout_or_a_dropped_response()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");

        Assert.False(TwilioResilience.IsSafeToRetry(request, Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(TwilioResilience.IsSafeToRetry(request, Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "ended"))));
    }

    [Fact]
    public void Throttling_does_not_open_the_circuit_but_outages_do()
    {
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var down = new HttpResponseMessage(HttpStatusCode.BadGateway);

        Assert.False(TwilioResilience.IsOutage(Outcome.FromResult(throttled)));
        Assert.True(TwilioResilience.IsOutage(Outcome.FromResult(down)));
    }
}
