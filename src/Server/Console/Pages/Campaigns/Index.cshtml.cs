using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Access;

namespace Outreach.Server.StaffConsole.Pages.Campaigns;

public sealed class CampaignsModel(CampaignAccess access) : PageModel
{
    public IReadOnlyList<Campaign> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
        => Rows = await access.Visible.OrderByDescending(c => c.Id).Take(200).ToListAsync(cancellationToken);
}
