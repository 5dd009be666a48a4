using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Rejects a webhook whose X-Twilio-Signature does not match Twilio:AuthToken over the URL Twilio saw
/// (Twilio:PublicBaseUrl + path + query, so it holds behind a reverse proxy) and the form parameters.
/// </summary>
internal sealed class TwilioSignatureFilter(IOptionsMonitor<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var signature = request.Headers[SignatureHeader].ToString();
        var url = PublicUrlOf(request, options.CurrentValue.PublicBaseUrl);
        var parameters = await FormParametersAsync(request, context.HttpContext.RequestAborted);
        if (string.IsNullOrEmpty(signature) || !new RequestValidator(options.CurrentValue.AuthToken).Validate(url, parameters, signature))
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

    private static async Task<Dictionary<string, string>> FormParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return [];
        }

        var form = await request.ReadFormAsync(cancellationToken);
        return form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
    }
}
