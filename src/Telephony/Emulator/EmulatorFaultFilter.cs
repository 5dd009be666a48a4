using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Outreach.Telephony.Emulator;

/// <summary>Answers a share of REST requests with 429 (code 20429, Retry-After) or 500 (code 20500), as configured.</summary>
internal sealed class EmulatorFaultFilter(FaultInjector faults) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var current = faults.Current;
        if (faults.Roll(current.ThrottleRate))
        {
            context.HttpContext.Response.Headers.RetryAfter = current.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TwilioJson.Error(StatusCodes.Status429TooManyRequests, 20429, "Too Many Requests");
        }

        if (faults.Roll(current.ServerErrorRate))
        {
            return TwilioJson.Error(StatusCodes.Status500InternalServerError, 20500, "Internal Server Error");
        }

        return await next(context);
    }
}
