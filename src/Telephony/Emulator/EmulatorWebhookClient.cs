using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>
/// Posts Twilio-format, form-encoded webhooks signed with X-Twilio-Signature, through a pooled HttpClient. Each webhook
/// carries an I-Twilio-Idempotency-Token, as Twilio's do; a webhook delivered again (a retry) carries the same one.
/// </summary>
internal sealed class EmulatorWebhookClient(IHttpClientFactory clients, IOptionsMonitor<TwilioOptions> twilio, ILogger<EmulatorWebhookClient> logger)
{
    public const string HttpClientName = "twilio-emulator-webhooks";

    /// <summary>A new webhook's idempotency token; pass it to every delivery of that webhook.</summary>
    public static string NewIdempotencyToken() => Guid.NewGuid().ToString();

    /// <summary>
    /// Posts and returns the status and body; a transport failure is status 0, as Twilio would log error 11200.
    /// <paramref name="idempotencyToken"/>: the webhook's token when this delivers it again; a new one otherwise.
    /// </summary>
    public async Task<WebhookReply> PostAsync(Uri url, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken, string? idempotencyToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(twilio.CurrentValue.AuthToken, url.OriginalString, parameters));
        request.Headers.Add(Webhooks.TwilioIdempotencyFilter.TokenHeader, idempotencyToken ?? NewIdempotencyToken());
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TwilioProxy", "1.1"));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Webhook {Url} answered {Status}", url, (int)response.StatusCode);
            }

            return new WebhookReply((int)response.StatusCode, body);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "Webhook {Url} could not be reached", url);
            return new WebhookReply(0, string.Empty);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Webhook {Url} timed out", url);
            return new WebhookReply(0, string.Empty);
        }
    }
}

/// <summary>What a webhook answered.</summary>
internal sealed record WebhookReply(int Status, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
