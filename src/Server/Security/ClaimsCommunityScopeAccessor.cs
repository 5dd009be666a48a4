using System.Security.Claims;
using Outreach.Residents.Access;

namespace Outreach.Server.Security;

/// <summary>
/// The community scope of the current request: street admins and system work (no staff user) see every
/// community; community staff and auditors see only the communities in their claims.
/// </summary>
public sealed class ClaimsCommunityScopeAccessor(IHttpContextAccessor httpContextAccessor) : ICommunityScopeAccessor
{
    public CommunityScope Current
    {
        get
        {
            var user = httpContextAccessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true || user.IsInRole(StaffRoles.StreetAdmin))
            {
                return CommunityScope.All;
            }

            var communities = user.FindAll(StaffRoles.CommunityClaim)
                .Select(c => int.TryParse(c.Value, out var id) ? id : -1)
                .Where(id => id > 0)
                .ToHashSet();
            return new CommunityScope(communities);
        }
    }
}
