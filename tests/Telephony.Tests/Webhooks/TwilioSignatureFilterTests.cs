using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Storage;
using Outreach.Telephony.Tests.Hosting;
using Twilio.Security;

namespace Outreach.Telephony.Tests.Webhooks;

public sealed class TwilioSignatureFilterTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> InboundSms = new()
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
        ["AccountSid"] = Outreach.Telephony.TwilioOptions.EmulatorAccountSid,
        ["From"] = "+8613800000001",
        ["To"] = "+8657188880000",
        ["Body"] = "在哪里?",
    };

    private TelephonyTestHost host = null!;

    public async Task InitializeAsync() => host = await TelephonyTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void Published_vector_signs_and_validates()
    {
        var parameters = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE",
            ["Caller"] = "+14158675309",
            ["Digits"] = "1234",
            ["From"] = "+14158675309",
            ["To"] = "+18005551212",
        };
        const string url = "https://mycompany.com/myapp.php?foo=1&bar=2";

        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute("12345", url, parameters));
        Assert.True(new RequestValidator("12345").Validate(url, parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public async Task Unsigned_webhook_is_403_problem_and_reaches_no_handler()
    {
        using var client = host.Client();

        using var response = await client.PostAsync("/twilio/sms/inbound", new FormUrlEncodedContent(InboundSms));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("X-Twilio-Signature", problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(host.Handlers.InboundSms);
    }

    [Fact]
    public async Task Webhook_signed_with_another_token_is_403()
    {
        using var client = host.Client();

        using var response = await client.SendAsync(Signed("/twilio/sms/inbound", InboundSms, "not-the-auth-token"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Handlers.InboundSms);
    }

    [Fact]
    public async Task Signed_inbound_sms_is_handed_over_and_answered_with_empty_twiml()
    {
        using var client = host.Client();

        using var response = await client.SendAsync(Signed("/twilio/sms/inbound", InboundSms, TelephonyTestHost.AuthToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var message = Assert.Single(host.Handlers.InboundSms);
        Assert.Equal("在哪里?", message.Body);
        Assert.Equal("+8613800000001", message.From);
    }

    [Fact]
    public async Task Signed_webhook_missing_a_parameter_is_400_naming_it()
    {
        using var client = host.Client();
        var withoutFrom = InboundSms.Where(p => p.Key != "From").ToDictionary();

        using var response = await client.SendAsync(Signed("/twilio/sms/inbound", withoutFrom, TelephonyTestHost.AuthToken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("From", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Handlers.InboundSms);
    }

    [Fact]
    public async Task Repeated_idempotency_token_answers_the_same_without_handling_twice()
    {
        using var client = host.Client();
        using var first = Signed("/twilio/sms/inbound", InboundSms, TelephonyTestHost.AuthToken);
        using var second = Signed("/twilio/sms/inbound", InboundSms, TelephonyTestHost.AuthToken);
        first.Headers.Add("I-Twilio-Idempotency-Token", "token-1");
        second.Headers.Add("I-Twilio-Idempotency-Token", "token-1");

        using var firstResponse = await client.SendAsync(first);
        using var secondResponse = await client.SendAsync(second);

        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Equal(await firstResponse.Content.ReadAsStringAsync(), await secondResponse.Content.ReadAsStringAsync());
        Assert.Single(host.Handlers.InboundSms);
    }

    [Fact]
    public async Task Status_callbacks_store_no_idempotency_receipt_and_a_replay_reaches_the_state_machine_again()
    {
        using var client = host.Client();
        var status = new Dictionary<string, string> { ["MessageSid"] = "SM0123456789abcdef0123456789abcdef", ["MessageStatus"] = "delivered" };
        for (var i = 0; i < 2; i++)
        {
            using var request = Signed("/twilio/sms/status?ref=17", status, TelephonyTestHost.AuthToken);
            request.Headers.Add("I-Twilio-Idempotency-Token", "status-token-1");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var inbound = Signed("/twilio/sms/inbound", InboundSms, TelephonyTestHost.AuthToken))
        {
            inbound.Headers.Add("I-Twilio-Idempotency-Token", "inbound-token-1");
            using var response = await client.SendAsync(inbound);
            response.EnsureSuccessStatusCode();
        }

        // Both deliveries are handled (ranking makes the second change nothing), and no receipt row was written for
        // them; the inbound SMS, which is not replay-safe, has its receipt.
        Assert.Equal(2, host.Handlers.MessageStatuses.Count);
        await using var db = await host.Get<IDbContextFactory<TelephonyDbContext>>().CreateDbContextAsync();
        var receipts = await db.WebhookReceipts.AsNoTracking().Select(r => r.Key).ToListAsync();
        Assert.DoesNotContain(receipts, key => key.Contains("status-token-1", StringComparison.Ordinal));
        Assert.Contains(receipts, key => key.Contains("inbound-token-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signature_covers_the_query_so_a_changed_reference_is_403()
    {
        using var client = host.Client();
        var status = new Dictionary<string, string> { ["MessageSid"] = "SM0123456789abcdef0123456789abcdef", ["MessageStatus"] = "delivered" };
        using var request = Signed("/twilio/sms/status?ref=delivery-1", status, TelephonyTestHost.AuthToken);
        request.RequestUri = new Uri("/twilio/sms/status?ref=delivery-2", UriKind.Relative);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Handlers.MessageStatuses);
    }

    private HttpRequestMessage Signed(string pathAndQuery, Dictionary<string, string> form, string authToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(authToken, host.BaseUrl + pathAndQuery, form));
        return request;
    }
}
