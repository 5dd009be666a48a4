using System.Net.Http.Json;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Messaging;

/// <summary>The real Twilio SDK against the built-in emulator, over loopback HTTP.</summary>
public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private TelephonyTestHost host = null!;

    public async Task InitializeAsync() => host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Emulator:Phones:+8613800000002:Answer"] = "Landline",
        ["Emulator:Phones:+8613800000003:Answer"] = "Unsubscribed",
        ["Emulator:Phones:+8613800000004:Answer"] = "Fails",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    private ISmsSender Sender => host.Get<ISmsSender>();

    [Fact]
    public async Task Sent_sms_is_accepted_and_its_signed_callbacks_arrive_in_order()
    {
        var result = await Sender.SendAsync(new OutboundSms("+8613800000001", "您好，周六上午社区接种疫苗。", "delivery-7"), CancellationToken.None);

        Assert.Equal(SendDisposition.Accepted, result.Disposition);
        Assert.Matches("^SM[0-9a-f]{32}$", result.MessageSid);
        Assert.Equal(new SmsEncoding("UCS-2", 14, 1), result.Encoding);
        var statuses = await Eventually.UntilAsync(
            () => Task.FromResult(host.Handlers.MessageStatuses.Where(s => s.MessageSid == result.MessageSid).ToList()),
            updates => updates.Count == 2,
            what: "two status callbacks");
        // As Twilio documents: no callback for the initial status (queued), which the create response carries.
        Assert.Equal(["sent", "delivered"], statuses.Select(s => s.Status));
        Assert.All(statuses, s => Assert.Equal("delivery-7", s.Reference));
    }

    [Fact]
    public async Task Fetch_and_list_find_a_sent_message()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var result = await Sender.SendAsync(new OutboundSms("+8613800000005", "Water cut on Tuesday 9-12."), CancellationToken.None);

        var status = await Eventually.UntilAsync(() => Sender.FetchStatusAsync(result.MessageSid!, CancellationToken.None), s => s == "delivered", what: "delivered");
        var listed = await Sender.ListSentAsync("+8613800000005", before, CancellationToken.None);

        Assert.Equal("delivered", status);
        var message = Assert.Single(listed);
        Assert.Equal(result.MessageSid, message.MessageSid);
        Assert.Equal("Water cut on Tuesday 9-12.", message.Body);
        Assert.Null(await Sender.FetchStatusAsync("SM00000000000000000000000000000000", CancellationToken.None));
    }

    [Theory]
    [InlineData("+8613800000002", SendDisposition.InvalidRecipient, 21614)]
    [InlineData("+8613800000003", SendDisposition.RecipientOptedOut, 21610)]
    [InlineData("12345", SendDisposition.InvalidRecipient, 21211)]
    public async Task Twilio_error_codes_map_to_dispositions(string to, SendDisposition expected, int code)
    {
        var result = await Sender.SendAsync(new OutboundSms(to, "Hello"), CancellationToken.None);

        Assert.Equal(expected, result.Disposition);
        Assert.Equal(code, result.ErrorCode);
        Assert.Null(result.MessageSid);
    }

    [Fact]
    public async Task Undeliverable_handset_ends_undelivered_with_30003()
    {
        var result = await Sender.SendAsync(new OutboundSms("+8613800000004", "Hello", "delivery-9"), CancellationToken.None);

        var last = await Eventually.UntilAsync(
            () => Task.FromResult(host.Handlers.MessageStatuses.LastOrDefault(s => s.MessageSid == result.MessageSid)),
            s => s?.Status == "undelivered",
            what: "undelivered callback");
        Assert.Equal(30003, last!.ErrorCode);
    }

    [Fact]
    public async Task Throttling_is_a_throttled_result_with_retry_after()
    {
        using var client = host.Client();
        (await client.PutAsJsonAsync("/emulator/faults", new EmulatorFaults { ThrottleRate = 1, RetryAfterSeconds = 7 })).EnsureSuccessStatusCode();

        var result = await Sender.SendAsync(new OutboundSms("+8613800000001", "Hello"), CancellationToken.None);

        Assert.Equal(SendDisposition.Throttled, result.Disposition);
        Assert.Equal(20429, result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task Server_error_on_send_is_unknown_and_not_retried_blindly()
    {
        using var client = host.Client();
        (await client.PutAsJsonAsync("/emulator/faults", new EmulatorFaults { ServerErrorRate = 1 })).EnsureSuccessStatusCode();

        var result = await Sender.SendAsync(new OutboundSms("+8613800000006", "Hello"), CancellationToken.None);
        (await client.PutAsJsonAsync("/emulator/faults", new EmulatorFaults())).EnsureSuccessStatusCode();

        Assert.Equal(SendDisposition.Unknown, result.Disposition);
        Assert.Empty(await Sender.ListSentAsync("+8613800000006", DateTimeOffset.MinValue, CancellationToken.None));
    }

    [Fact]
    public async Task Wrong_auth_token_is_rejected_by_the_emulator()
    {
        await using var other = await TelephonyTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:ApiBaseUrl"] = host.BaseUrl + "/emulator",
            ["Twilio:AuthToken"] = "wrong-token",
        });

        var result = await other.Get<ISmsSender>().SendAsync(new OutboundSms("+8613800000001", "Hello"), CancellationToken.None);

        Assert.Equal(SendDisposition.Rejected, result.Disposition);
        Assert.Equal(20003, result.ErrorCode);
    }
}
