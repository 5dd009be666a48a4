using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Outreach.Telephony.Emulator;

/// <summary>Twilio's REST authentication: HTTP Basic with AccountSid:AuthToken, for the account in the path.</summary>
internal sealed class EmulatorBasicAuthFilter(IOptionsMonitor<TwilioOptions> twilio) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var account = twilio.CurrentValue;
        var expected = Encoding.UTF8.GetBytes($"{account.AccountSid}:{account.AuthToken}");
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? Decode(header["Basic ".Length..].Trim()) : [];
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            return TwilioJson.Error(StatusCodes.Status401Unauthorized, 20003, "Authenticate");
        }

        var pathAccount = context.HttpContext.Request.RouteValues["accountSid"]?.ToString();
        if (!string.Equals(pathAccount, account.AccountSid, StringComparison.Ordinal))
        {
            return TwilioJson.Error(StatusCodes.Status404NotFound, 20404, $"The requested resource {context.HttpContext.Request.Path} was not found");
        }

        return await next(context);
    }

    private static byte[] Decode(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
