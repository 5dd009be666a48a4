using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Server.Security;

namespace Outreach.Server.Accounts;

/// <summary>Adds one <c>outreach:community</c> claim per community the user works for, which the community scope reads.</summary>
public sealed class StaffClaimsFactory(
    UserManager<StaffUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var community in user.CommunityIds)
        {
            identity.AddClaim(new Claim(StaffRoles.CommunityClaim, community.ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        }

        return identity;
    }
}
