using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Outreach.Server.Accounts;

namespace Outreach.Server.Security;

/// <summary>
/// Authenticates `Authorization: Bearer &lt;key&gt;` against the admin API key, then against the integration keys
/// street admins issue (each with a role and a community scope).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminApiKey adminKey,
    IntegrationApiKeys integrationKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string Prefix = "Bearer ";

    /// <summary>Whether an Authorization header carries a bearer token, the only kind this handler reads.</summary>
    public static bool IsBearer(string authorization) => authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!IsBearer(header))
        {
            return AuthenticateResult.Fail("Authorization header must be 'Bearer <api key>'.");
        }

        var key = header[Prefix.Length..].Trim();
        if (adminKey.Matches(key))
        {
            return Success([new Claim(ClaimTypes.Name, "admin-api-key"), new Claim(ClaimTypes.Role, StaffRoles.StreetAdmin)]);
        }

        var issued = await integrationKeys.FindAsync(key, Context.RequestAborted);
        if (issued is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        return Success(
        [
            new Claim(ClaimTypes.Name, "api-key:" + issued.Name),
            new Claim(ClaimTypes.Role, issued.Role),
            .. issued.CommunityIds.Select(id => new Claim(StaffRoles.CommunityClaim, id.ToString(CultureInfo.InvariantCulture))),
        ]);
    }

    private static AuthenticateResult Success(IEnumerable<Claim> claims)
        => AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required",
            detail: "Send the API key as 'Authorization: Bearer <key>'.").ExecuteAsync(Context);
    }
}
