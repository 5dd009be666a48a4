using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Rejects a webhook whose X-Twilio-Signature does not match Twilio:AuthToken over the URL Twilio saw
/// (Twilio:PublicBaseUrl + path + query, so it holds behind a reverse proxy) and the form parameters.
/// </summary>
internal sealed class TwilioSignatureFilter(TwilioSignatureCheck signatures, IOptionsMonitor<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var url = PublicUrlOf(request, options.CurrentValue.PublicBaseUrl);
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.HttpContext.RequestAborted) : FormCollection.Empty;
        if (!signatures.IsValid(url, form, request.Headers[SignatureHeader].ToString()))
        {
            logger.LogWarning("Rejected a webhook to {Path} with a missing or wrong {Header}", request.Path, SignatureHeader);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Invalid Twilio signature",
                detail: $"{SignatureHeader} is missing or does not match Twilio:AuthToken over the URL {url} and the form parameters.");
        }

        return await next(context);
    }

    internal static string PublicUrlOf(HttpRequest request, string publicBaseUrl) =>
        $"{publicBaseUrl.TrimEnd('/')}{request.PathBase}{request.Path}{request.QueryString}";
}
