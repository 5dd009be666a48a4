using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Telephony.Messaging;

namespace Outreach.Telephony.Tests.Rest;

public sealed class TwilioRequestSlotsTests
{
    [Fact]
    public async Task No_more_requests_than_configured_are_in_flight_at_Twilio_and_the_rest_wait_their_turn()
    {
        var twilio = new HeldTwilio();
        using var host = Host(twilio, maxConcurrentRequests: 3);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(TelephonyModule.TwilioHttpClientName);

        var requests = Enumerable.Range(0, 10)
            .Select(i => client.GetAsync(new Uri($"https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/SM{i}.json"), CancellationToken.None))
            .ToList();
        await twilio.ReachedAsync(3);
        // Without the slots all ten would be at Twilio by now.
        await Task.Delay(200, CancellationToken.None);
        Assert.Equal(3, twilio.InFlight);

        twilio.Answer();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(10, twilio.Received);
        Assert.Equal(3, twilio.MostInFlight);
    }

    [Fact]
    public async Task A_message_that_waits_too_long_for_a_slot_is_not_sent_and_comes_back_throttled()
    {
        var twilio = new HeldTwilio();
        using var host = Host(twilio, maxConcurrentRequests: 1);
        host.Services.GetRequiredService<Outreach.Telephony.Rest.TwilioRequestSlots>().CreateWait = TimeSpan.FromMilliseconds(200);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(TelephonyModule.TwilioHttpClientName);
        var holding = client.GetAsync(new Uri("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/SM1.json"), CancellationToken.None);
        await twilio.ReachedAsync(1);

        var result = await host.Services.GetRequiredService<ISmsSender>().SendAsync(new OutboundSms("+8613800000001", "停水通知", "7"), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10)); // unbounded, it would wait for the held request

        Assert.Equal(SendDisposition.Throttled, result.Disposition);
        Assert.Equal(20429, result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1), result.RetryAfter);
        Assert.Equal(1, twilio.Received);
        twilio.Answer();
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_limit_below_one_is_refused_at_start_naming_the_setting(string value)
    {
        using var host = Host(new HeldTwilio(), maxConcurrentRequests: null, ("Twilio:MaxConcurrentRequests", value));

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TwilioOptions>>().Value);

        Assert.Contains("Twilio:MaxConcurrentRequests", refused.Message, StringComparison.Ordinal);
    }

    private static IHost Host(HeldTwilio twilio, int? maxConcurrentRequests, params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:ApiBaseUrl"] = "https://twilio.test",
            ["Twilio:MaxConcurrentRequests"] = maxConcurrentRequests?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddTelephony();
        builder.Services.AddHttpClient(TelephonyModule.TwilioHttpClientName).ConfigurePrimaryHttpMessageHandler(() => twilio);
        return builder.Build();
    }

    /// <summary>Twilio as seen from the wire: holds every request until told to answer, and counts those it holds.</summary>
    private sealed class HeldTwilio : HttpMessageHandler
    {
        private readonly TaskCompletionSource answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int inFlight;
        private int mostInFlight;
        private int received;

        public int InFlight => Volatile.Read(ref inFlight);

        public int MostInFlight => Volatile.Read(ref mostInFlight);

        public int Received => Volatile.Read(ref received);

        public void Answer() => answer.TrySetResult();

        public async Task ReachedAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (InFlight < count)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref received);
            var now = Interlocked.Increment(ref inFlight);
            int most;
            while (now > (most = Volatile.Read(ref mostInFlight)) && Interlocked.CompareExchange(ref mostInFlight, now, most) != most)
            {
            }

            try
            {
                await answer.Task.WaitAsync(cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }
}
