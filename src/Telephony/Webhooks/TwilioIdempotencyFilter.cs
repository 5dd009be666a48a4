using Microsoft.AspNetCore.Http;

namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Answers a repeated I-Twilio-Idempotency-Token with the first response. Runs after the signature check; webhooks marked
/// <see cref="ReplaySafeWebhook"/> (status callbacks) need no receipt and go straight through.
/// </summary>
internal sealed class TwilioIdempotencyFilter(WebhookIdempotency idempotency) : IEndpointFilter
{
    public const string TokenHeader = "I-Twilio-Idempotency-Token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var token = context.HttpContext.Request.Headers[TokenHeader].ToString();
        if (string.IsNullOrEmpty(token) || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ReplaySafeWebhook>() is not null)
        {
            return await next(context);
        }

        var key = $"{context.HttpContext.Request.Path}|{token}";
        return await idempotency.RunOnceAsync(key, async () => await next(context) as IResult ?? TypedResults.Empty, context.HttpContext.RequestAborted);
    }
}
