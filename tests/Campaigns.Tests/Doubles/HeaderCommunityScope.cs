using Microsoft.AspNetCore.Http;
using Outreach.Residents.Access;

namespace Outreach.Campaigns.Tests.Doubles;

/// <summary>
/// A community scope taken from the request header X-Communities ("1,2"), standing in for the server's claims-based
/// accessor: without the header the caller is a street admin.
/// </summary>
public sealed class HeaderCommunityScope(IHttpContextAccessor http) : ICommunityScopeAccessor
{
    public const string Header = "X-Communities";

    public CommunityScope Current
        => http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } ids
            ? new CommunityScope(ids.Split(',').Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet())
            : CommunityScope.All;
}
