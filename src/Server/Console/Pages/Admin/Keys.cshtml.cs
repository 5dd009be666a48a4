using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Server.Accounts;
using Outreach.Server.Security;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.Server.StaffConsole.Pages.Admin;

/// <summary>Street admins issue integration API keys (shown once) and revoke them.</summary>
public sealed class ApiKeysModel(IntegrationApiKeys keys, StaffAuditLog audit, ConsoleText text) : PageModel
{
    public IReadOnlyList<IntegrationApiKey> Keys { get; private set; } = [];

    public string? IssuedKey { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await keys.ListAsync(cancellationToken);

    public async Task OnPostIssueAsync(string? name, string? role, string? communities, CancellationToken cancellationToken)
    {
        var ids = CommunityIdList.ParseInput(communities);
        if (string.IsNullOrWhiteSpace(name) || role is null || !IntegrationApiKeys.Roles.Contains(role) || ids is null
            || (role != StaffRoles.StreetAdmin && ids.Count == 0))
        {
            Error = text["KeyInputInvalid"];
        }
        else
        {
            var issued = await keys.IssueAsync(name, role, ids, User.Identity?.Name ?? "unknown", cancellationToken);
            await audit.RecordAsync("created_api_key", $"api key {issued.Record.Id}", issued.Record.Name, cancellationToken);
            IssuedKey = issued.Key;
        }

        Keys = await keys.ListAsync(cancellationToken);
    }

    public async Task OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        if (await keys.RevokeAsync(id, cancellationToken))
        {
            await audit.RecordAsync("revoked_api_key", $"api key {id}", null, cancellationToken);
        }

        Keys = await keys.ListAsync(cancellationToken);
    }
}
