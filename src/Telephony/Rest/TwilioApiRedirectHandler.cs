using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Rest;

/// <summary>
/// Points the SDK's https://api.twilio.com/... requests at the configured Twilio-compatible base URL, or at the
/// built-in emulator under {PublicBaseUrl}/emulator, keeping path and query.
/// </summary>
internal sealed class TwilioApiRedirectHandler(IOptionsMonitor<TwilioOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = Rewrite(uri, ApiBaseOf(options.CurrentValue));
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static string ApiBaseOf(TwilioOptions twilio) =>
        twilio.UsesBuiltInEmulator ? $"{twilio.PublicBaseUrl.TrimEnd('/')}/emulator" : twilio.ApiBaseUrl!.TrimEnd('/');

    internal static Uri Rewrite(Uri requested, string apiBase) => new($"{apiBase}{requested.PathAndQuery}");
}
