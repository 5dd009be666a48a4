using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Storage;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Emulator;

public sealed class ResidentPhoneApiTests : IAsyncLifetime
{
    private TelephonyTestHost host = null!;

    public async Task InitializeAsync() => host = await TelephonyTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Resident_text_reaches_the_inbound_handler_through_a_signed_webhook()
    {
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/emulator/phones/+8613800000001/sms", new { body = "TD" });

        response.EnsureSuccessStatusCode();
        var message = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, message.GetProperty("webhookStatus").GetInt32());
        var inbound = Assert.Single(host.Handlers.InboundSms);
        Assert.Equal("TD", inbound.Body);
        Assert.Equal(new TwilioOptions().FromNumber, inbound.To);
        Assert.Equal(message.GetProperty("sid").GetString(), inbound.MessageSid);
        // Like Twilio's, the webhook carried an I-Twilio-Idempotency-Token, so the server kept its answer for retries.
        await using var db = await host.Get<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.WebhookReceipts.CountAsync());
    }

    [Fact]
    public async Task Phone_shows_the_messages_it_received()
    {
        var sent = await host.Get<ISmsSender>().SendAsync(new OutboundSms("+8613800000009", "Checkup on Friday"), CancellationToken.None);
        using var client = host.Client();

        var messages = await client.GetFromJsonAsync<List<JsonElement>>("/emulator/phones/+8613800000009/messages");

        var shown = Assert.Single(messages!);
        Assert.Equal(sent.MessageSid, shown.GetProperty("sid").GetString());
        Assert.Equal("Checkup on Friday", shown.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Bad_number_is_a_400_naming_the_field()
    {
        using var client = host.Client();

        using var response = await client.PostAsJsonAsync("/emulator/phones/13800000001/sms", new { body = "hi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicated_and_reordered_callbacks_are_injected()
    {
        using var client = host.Client();
        (await client.PutAsJsonAsync("/emulator/faults", new EmulatorFaults { DuplicateCallbackRate = 1, ReorderCallbackRate = 1 })).EnsureSuccessStatusCode();

        var sent = await host.Get<ISmsSender>().SendAsync(new OutboundSms("+8613800000008", "Hello"), CancellationToken.None);

        var statuses = await Eventually.UntilAsync(
            () => Task.FromResult(host.Handlers.MessageStatuses.Where(s => s.MessageSid == sent.MessageSid).Select(s => s.Status).ToList()),
            s => s.Count == 4,
            what: "four callbacks");
        Assert.Equal(["delivered", "delivered", "sent", "sent"], statuses);
    }

    [Fact]
    public async Task Rest_api_without_credentials_is_401_with_a_twilio_error_body()
    {
        using var client = host.Client();

        using var response = await client.GetAsync($"/emulator/2010-04-01/Accounts/{TwilioOptions.EmulatorAccountSid}/Messages.json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(20003, error.GetProperty("code").GetInt32());
        Assert.Equal(401, error.GetProperty("status").GetInt32());
        Assert.StartsWith("https://www.twilio.com/docs/errors/", error.GetProperty("more_info").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resident_phone_page_is_served_from_the_assembly()
    {
        using var client = host.Client();

        var page = await client.GetStringAsync("/emulator/phone");

        Assert.Contains("<title>Resident phone", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://cdn", page, StringComparison.OrdinalIgnoreCase);
    }
}
