using Microsoft.AspNetCore.Identity;

namespace Outreach.Server.Accounts;

/// <summary>A staff member who signs in to the console. Community staff and auditors see only <see cref="CommunityIds"/>.</summary>
public sealed class StaffUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>The communities this user works for; issued as <c>outreach:community</c> claims at sign-in.</summary>
    public List<int> CommunityIds { get; set; } = [];

    /// <summary>zh-CN or en: the console's language after sign-in.</summary>
    public string Language { get; set; } = "zh-CN";
}
